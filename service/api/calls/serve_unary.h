#ifndef ADVISOR_SERVICE_API_CALLS_SERVE_UNARY_H_
#define ADVISOR_SERVICE_API_CALLS_SERVE_UNARY_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

#include "service/api/calls/failed_call_versions.h"
#include "service/api/calls/observed_call.h"
#include "service/api/calls/observed_unary_reactor.h"
#include "service/api/snapshot_source.h"
#include "service/api/status_conversion.h"
#include "service/api/wire/call_arena.h"
#include "service/api/wire/message_bytes.h"
#include "service/engines/snapshot.h"
#include <grpcpp/server_context.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/server_callback.h>

namespace advisor::api {

// What every advisor service serves its calls from, and how it observes
// them. Both must outlive the service.
struct ServiceEnvironment {
  const SnapshotSource& snapshots;
  const CallPolicy& policy;
};

// One call of a raw unary method (registered with ByteBuffer request and
// response; see message_bytes.h for why).
struct RawUnaryCall {
  const ServiceEnvironment& environment;
  // Full method name, a string literal, e.g. "/advisor.v1.FaqService/ListFaqs".
  absl::string_view method;
  grpc::CallbackServerContext* context;
  const grpc::ByteBuffer* request;
  grpc::ByteBuffer* response;
};

// Fills a response from one snapshot, or says why the request cannot be
// answered. Most unary RPCs are one of these.
template <typename Request, typename Response>
using FillResponse = absl::Status (*)(const engines::Snapshot&, const Request&, Response&);

// Serves a raw unary call: observes it (ObservedUnaryReactor), refuses it at
// once when admission says so (draining, overload), parses the
// request into a per-call arena (a malformed one is INVALID_ARGUMENT) and
// takes the current snapshot once, so the whole call sees one knowledge
// base version (which `write` names in the response's served_by; a failed
// call gets it in its trailing metadata). Then
// `write(serving, request, arena, response_bytes)` writes the response bytes
// or returns why it cannot, and the call finishes with that status.
template <typename Request, typename Write>
grpc::ServerUnaryReactor* ServeUnaryBytes(const RawUnaryCall& call, Write write) {
  auto* reactor = new ObservedUnaryReactor(*call.context, call.environment.policy, call.method);
  if (!reactor->admission().ok()) {
    reactor->FinishObserved(reactor->admission());
    return reactor;
  }
  CallArena arena;
  Request* request = arena.Create<Request>();
  if (!ParseMessage(*call.request, request)) {
    reactor->FinishObserved(UnparsableRequestStatus());
    return reactor;
  }
  const std::shared_ptr<const ServingSnapshot> serving =
      call.environment.snapshots.CurrentServing();
  const absl::Status status = write(*serving, *request, arena, call.response);
  if (!status.ok()) RecordServedByOnFailedCall(*call.context, serving->served_by);
  reactor->FinishObserved(ToGrpcStatus(status));
  return reactor;
}

// Serves a raw unary call whose response is built as a message by `fill`
// (in the call's arena), given the snapshot's served_by, and serialised.
template <typename Request, typename Response>
grpc::ServerUnaryReactor* ServeUnaryMessage(const RawUnaryCall& call,
                                            FillResponse<Request, Response> fill) {
  return ServeUnaryBytes<Request>(
      call, [fill](const ServingSnapshot& serving, const Request& request, CallArena& arena,
                   grpc::ByteBuffer* bytes) {
        Response* response = arena.Create<Response>();
        absl::Status status = fill(*serving.snapshot, request, *response);
        if (!status.ok()) return status;
        *response->mutable_served_by() = serving.served_by;
        SerializeMessage(*response, bytes);
        return absl::OkStatus();
      });
}

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_CALLS_SERVE_UNARY_H_
