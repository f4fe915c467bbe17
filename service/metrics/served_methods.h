#ifndef ADVISOR_SERVICE_METRICS_SERVED_METHODS_H_
#define ADVISOR_SERVICE_METRICS_SERVED_METHODS_H_

#include <string>
#include <vector>

#include "absl/types/span.h"

namespace advisor::metrics {

// The services advisor_server registers: the three advisor.v1 services,
// health and reflection.
const std::vector<std::string>& ServedServiceNames();

// Full gRPC method names ("/advisor.v1.FaqService/AnswerQuestion") of every
// method of `services` (full service names) found in the protobuf generated
// descriptor pool, i.e. compiled into this binary. A service not in the pool
// is skipped: its calls are then counted under method="other".
std::vector<std::string> FullMethodNames(absl::Span<const std::string> services);

}  // namespace advisor::metrics

#endif  // ADVISOR_SERVICE_METRICS_SERVED_METHODS_H_
