#ifndef ADVISOR_SERVICE_API_MATCH_CONVERSION_H_
#define ADVISOR_SERVICE_API_MATCH_CONVERSION_H_

#include <cstddef>
#include <cstdint>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"

#include "advisor/v1/role_matching_service.pb.h"
#include "service/api/snapshot_source.h"
#include "service/engines/role_matcher.h"
#include "service/engines/snapshot.h"
#include <grpcpp/support/byte_buffer.h>

// The one conversion between a MatchRole request and its response, shared
// by the unary and batch RPCs of RoleMatchingService.
namespace advisor::api {

// Matches `request` against `snapshot` into `response` (which must be
// empty). INVALID_ARGUMENT as engines::RoleMatcher::Match.
absl::Status FillMatch(const engines::Snapshot& snapshot,
                       const advisor::v1::MatchRoleRequest& request,
                       advisor::v1::MatchRoleResponse& response);

// The hand-written twin of FillMatch: writes the protobuf bytes of the
// hottest response straight from the engine's result, each string copied
// once, rather than building the message, checking its strings' UTF-8 and
// freeing it (docs/adr/0002-raw-methods-and-prebuilt-responses.md). It
// writes through protobuf's public io::CodedOutputStream and gives exactly
// FillMatch's message plus the response's served_by: response_encoders_test
// checks the bytes and fails when one of its messages gains a field this
// encoder does not know; the rpc fuzzer checks them on random roles.
// advisor.v1.MatchRoleResponse for `match`, with `encoded_served_by` (a
// serialised advisor.v1.ServedBy) as its served_by; both must outlive the
// encoder.
class MatchRoleResponseEncoder {
 public:
  MatchRoleResponseEncoder(const engines::RoleMatch& match, absl::string_view encoded_served_by);

  // Bytes the encoding takes.
  size_t size() const { return size_; }

  // Writes the encoding: exactly size() bytes from `out`.
  void Write(uint8_t* out) const;

 private:
  const engines::RoleMatch& match_;
  const absl::string_view encoded_served_by_;
  // Encoded size of each FrameworkMatch, then of each LearningStep.
  absl::InlinedVector<size_t, 2 * engines::kMaxMatchedFrameworks> nested_sizes_;
  size_t size_ = 0;
};

// As FillMatch, straight into response bytes (MatchRoleResponseEncoder),
// with the served_by of `serving`: the unary RPC's response.
absl::Status WriteMatch(const ServingSnapshot& serving,
                        const advisor::v1::MatchRoleRequest& request, grpc::ByteBuffer* bytes);

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_MATCH_CONVERSION_H_
