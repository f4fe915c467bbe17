#ifndef ADVISOR_SERVICE_API_CALL_METADATA_H_
#define ADVISOR_SERVICE_API_CALL_METADATA_H_

#include "service/engines/snapshot.h"
#include <grpcpp/server_context.h>

namespace advisor::api {

// Trailing metadata key naming the knowledge base version a failed call was
// served from. A response names its version in its knowledge_base_version
// field; an error status has no body, so it carries the version here (a
// NOT_FOUND may be answered by a newer version that has the framework).
// Only errors: every metadata entry costs gRPC 1.51 about 4k instructions,
// as much as 8 % of a whole call.
inline constexpr char kKnowledgeBaseVersionKey[] = "advisor-knowledge-base-version";

// Records on a failing call the version of the snapshot it was served from,
// the one the handler took, so the version is exactly the one used even
// when a reload happens mid-call.
inline void RecordKnowledgeBaseVersion(grpc::ServerContextBase& context,
                                       const engines::Snapshot& snapshot) {
  context.AddTrailingMetadata(kKnowledgeBaseVersionKey, snapshot.knowledge_base().version());
}

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_CALL_METADATA_H_
