#ifndef ADVISOR_SERVICE_API_CALLS_REQUEST_ID_H_
#define ADVISOR_SERVICE_API_CALLS_REQUEST_ID_H_

#include <string>

#include "absl/strings/string_view.h"

namespace advisor::api {

// Metadata key of the id that ties a call to its log line, in both
// directions: clients may send one, and the server returns it, or one it
// generates when the call is logged (see ObservedCall).
inline constexpr char kRequestIdKey[] = "x-request-id";

// Longest client-supplied request id the server adopts; a longer one is
// replaced, so a client cannot blow up log lines.
inline constexpr size_t kMaxRequestIdLength = 128;

// A fresh random 128-bit id as 32 lowercase hex digits. Not for secrets
// (the generator is fast, not cryptographic). Thread-safe.
std::string GenerateRequestId();

// Whether a client-supplied id is adopted as is: non-empty and at most
// kMaxRequestIdLength bytes (gRPC already restricts metadata values to
// printable ASCII).
bool IsAcceptableRequestId(absl::string_view id);

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_CALLS_REQUEST_ID_H_
