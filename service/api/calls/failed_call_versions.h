#ifndef ADVISOR_SERVICE_API_CALLS_FAILED_CALL_VERSIONS_H_
#define ADVISOR_SERVICE_API_CALLS_FAILED_CALL_VERSIONS_H_

#include "advisor/v1/served_by.pb.h"
#include <grpcpp/server_context.h>

namespace advisor::api {

// Trailing metadata of a failed call naming what served it. A response
// names the server build and knowledge base version in its served_by
// field; an error status has no body, so it carries them here (a NOT_FOUND
// may come from an older knowledge base than the next call's). Only
// errors: metadata entries are costly in gRPC 1.51
// (docs/adr/0004-versions-in-the-response-body.md).
inline constexpr char kServerVersionKey[] = "advisor-server-version";
inline constexpr char kKnowledgeBaseVersionKey[] = "advisor-knowledge-base-version";

// Records `served_by`, the one of the snapshot the handler took, on a
// failing call, so the version is exactly the one used even when a reload
// happens mid-call.
inline void RecordServedByOnFailedCall(grpc::ServerContextBase& context,
                                       const advisor::v1::ServedBy& served_by) {
  context.AddTrailingMetadata(kServerVersionKey, served_by.server_version());
  context.AddTrailingMetadata(kKnowledgeBaseVersionKey, served_by.knowledge_base_version());
}

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_CALLS_FAILED_CALL_VERSIONS_H_
