#ifndef ADVISOR_SERVICE_METRICS_STATUS_CODE_NAMES_H_
#define ADVISOR_SERVICE_METRICS_STATUS_CODE_NAMES_H_

#include <string>

namespace advisor::metrics {

// Number of canonical gRPC status codes: 0 (OK) to 16 (UNAUTHENTICATED).
inline constexpr int kStatusCodeCount = 17;

// The canonical name of a gRPC status code as a number, e.g. 0 -> "OK",
// 5 -> "NOT_FOUND" (the spelling of grpc::StatusCode and of the gRPC spec).
// A number outside [0, 16] is not a status gRPC can send, so it is reported
// as "UNKNOWN", which is what gRPC itself turns unknown codes into.
std::string StatusCodeName(int code);

}  // namespace advisor::metrics

#endif  // ADVISOR_SERVICE_METRICS_STATUS_CODE_NAMES_H_
