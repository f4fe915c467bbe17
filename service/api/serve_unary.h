#ifndef ADVISOR_SERVICE_API_SERVE_UNARY_H_
#define ADVISOR_SERVICE_API_SERVE_UNARY_H_

#include <memory>

#include "absl/status/status.h"

#include "service/api/call_metadata.h"
#include "service/api/snapshot_source.h"
#include "service/api/status_conversion.h"
#include "service/engines/snapshot.h"
#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

namespace advisor::api {

// Fills a response from one snapshot, or says why the request cannot be
// answered. Every unary RPC that needs no custom reactor is one of these.
template <typename Request, typename Response>
using FillResponse = absl::Status (*)(const engines::Snapshot&, const Request&, Response&);

// Serves a unary call the common way: takes the current snapshot once (so
// the whole call sees one knowledge base version), records that version in
// the trailing metadata, fills the response and finishes with the status.
template <typename Request, typename Response>
grpc::ServerUnaryReactor* ServeUnary(grpc::CallbackServerContext* context,
                                     const SnapshotSource& snapshots, const Request& request,
                                     Response& response, FillResponse<Request, Response> fill) {
  const std::shared_ptr<const engines::Snapshot> snapshot = snapshots.Current();
  RecordKnowledgeBaseVersion(*context, *snapshot);
  const absl::Status status = fill(*snapshot, request, response);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_SERVE_UNARY_H_
