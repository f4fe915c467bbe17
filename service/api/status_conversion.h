#ifndef ADVISOR_SERVICE_API_STATUS_CONVERSION_H_
#define ADVISOR_SERVICE_API_STATUS_CONVERSION_H_

#include "absl/status/status.h"

#include <grpcpp/support/status.h>

namespace advisor::api {

// The one place where engine errors become gRPC errors: same code (the two
// code sets match one to one), same message.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_STATUS_CONVERSION_H_
