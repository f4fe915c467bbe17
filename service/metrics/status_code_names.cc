#include "service/metrics/status_code_names.h"

#include <array>

namespace advisor::metrics {

absl::string_view StatusCodeName(int code) {
  // Indexed by code number; the order is fixed by the gRPC spec.
  static constexpr std::array<absl::string_view, kStatusCodeCount> kNames = {
      "OK",
      "CANCELLED",
      "UNKNOWN",
      "INVALID_ARGUMENT",
      "DEADLINE_EXCEEDED",
      "NOT_FOUND",
      "ALREADY_EXISTS",
      "PERMISSION_DENIED",
      "RESOURCE_EXHAUSTED",
      "FAILED_PRECONDITION",
      "ABORTED",
      "OUT_OF_RANGE",
      "UNIMPLEMENTED",
      "INTERNAL",
      "UNAVAILABLE",
      "DATA_LOSS",
      "UNAUTHENTICATED",
  };
  if (code < 0 || code >= kStatusCodeCount) return kNames[2];
  return kNames[code];
}

}  // namespace advisor::metrics
