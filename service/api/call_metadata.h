#ifndef ADVISOR_SERVICE_API_CALL_METADATA_H_
#define ADVISOR_SERVICE_API_CALL_METADATA_H_

#include "service/engines/snapshot.h"
#include <grpcpp/server_context.h>

namespace advisor::api {

// Trailing metadata key naming the knowledge base version a call was
// served from, so clients can tell when a hot reload has reached them.
inline constexpr char kKnowledgeBaseVersionKey[] = "advisor-knowledge-base-version";

// Records on the call the version of the snapshot it is served from. Every
// handler calls it with the snapshot it took, so the version is exactly the
// one used even when a reload happens mid-call.
inline void RecordKnowledgeBaseVersion(grpc::ServerContextBase& context,
                                       const engines::Snapshot& snapshot) {
  context.AddTrailingMetadata(kKnowledgeBaseVersionKey, snapshot.knowledge_base().version());
}

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_CALL_METADATA_H_
