#ifndef ADVISOR_CLIENT_CLI_CONNECTION_FLAGS_H_
#define ADVISOR_CLIENT_CLI_CONNECTION_FLAGS_H_

#include "absl/status/statusor.h"

#include "advisor/client/options.h"

namespace advisor::cli {

// The SDK options the CLI's connection flags (--target, --timeout,
// --stream_timeout, --token, --tls*, --retries, --lb_policy) describe,
// with the PEM files read. INVALID_ARGUMENT naming the flag for a file
// that cannot be read or options the SDK refuses.
absl::StatusOr<client::ClientOptions> ClientOptionsFromFlags();

}  // namespace advisor::cli

#endif  // ADVISOR_CLIENT_CLI_CONNECTION_FLAGS_H_
