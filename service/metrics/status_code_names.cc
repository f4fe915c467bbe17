#include "service/metrics/status_code_names.h"

#include "absl/status/status.h"

namespace advisor::metrics {

std::string StatusCodeName(int code) {
  if (code < 0 || code >= kStatusCodeCount) code = static_cast<int>(absl::StatusCode::kUnknown);
  // absl::StatusCode numbers the codes as gRPC does and spells them the
  // canonical way ("NOT_FOUND").
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

}  // namespace advisor::metrics
