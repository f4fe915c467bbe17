#ifndef ADVISOR_CLIENT_INTERNAL_STATUS_CONVERSION_H_
#define ADVISOR_CLIENT_INTERNAL_STATUS_CONVERSION_H_

#include "absl/status/status.h"

#include <grpcpp/support/status.h>

namespace advisor::client_internal {

// Converts a gRPC status to the absl::Status the SDK returns: the same
// canonical code and the same message. The only place where gRPC errors
// become SDK errors. A code outside the canonical range becomes UNKNOWN.
absl::Status MakeStatusFromRpcError(const grpc::Status& status);

}  // namespace advisor::client_internal

#endif  // ADVISOR_CLIENT_INTERNAL_STATUS_CONVERSION_H_
