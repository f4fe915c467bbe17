#ifndef ADVISOR_SERVICE_API_WIRE_PREBUILT_RESPONSES_H_
#define ADVISOR_SERVICE_API_WIRE_PREBUILT_RESPONSES_H_

#include "absl/container/flat_hash_map.h"

#include "advisor/v1/knowledge_base.pb.h"
#include "advisor/v1/served_by.pb.h"
#include "service/engines/snapshot.h"
#include <grpcpp/support/slice.h>

namespace advisor::api {

// Responses that depend only on the knowledge base, serialised once when a
// snapshot is loaded instead of on every call: a GetFramework response is
// the framework's whole message, and encoding it cost more than the rest
// of the call's own work. Each is held in a refcounted gRPC slice, so a
// call sends a reference to it, not a copy
// (docs/adr/0002-raw-methods-and-prebuilt-responses.md); a slice still being sent when a
// reload frees the snapshot keeps its bytes alive. Immutable; safe to
// share.
class PrebuiltResponses {
 public:
  // Serialises the responses of every framework of `snapshot`, which must
  // outlive this object (it is keyed by the snapshot's messages), each with
  // `served_by`.
  PrebuiltResponses(const engines::Snapshot& snapshot, const advisor::v1::ServedBy& served_by);

  // The encoded advisor.v1.GetFrameworkResponse naming `framework`, one of
  // the snapshot's frameworks.
  const grpc::Slice& GetFrameworkResponse(const advisor::v1::Framework& framework) const;

 private:
  absl::flat_hash_map<const advisor::v1::Framework*, grpc::Slice> get_framework_;
};

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_WIRE_PREBUILT_RESPONSES_H_
