#ifndef ADVISOR_SERVICE_API_RESPONSE_ENCODERS_H_
#define ADVISOR_SERVICE_API_RESPONSE_ENCODERS_H_

#include <cstddef>
#include <cstdint>

#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"

#include "service/engines/role_matcher.h"

// An encoder that writes the protobuf bytes of the hottest response
// straight from the engine's result. Building the response message first
// copied every knowledge base string into it, scanned each for valid UTF-8
// when serialising, then freed it all: about a fifth of a MatchRole call.
// Here each string is copied once, into the bytes. The encoder gives
// exactly the message its Fill* conversion builds, plus the response's
// served_by (response_encoders_test checks it); batch items still go
// through those conversions.
namespace advisor::api {

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

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_RESPONSE_ENCODERS_H_
