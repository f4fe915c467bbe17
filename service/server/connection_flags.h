#ifndef ADVISOR_SERVICE_SERVER_CONNECTION_FLAGS_H_
#define ADVISOR_SERVICE_SERVER_CONNECTION_FLAGS_H_

#include "absl/status/status.h"

#include "service/server/advisor_server.h"

namespace advisor::server {

// The connection management flags (keepalive, the clients' ping policy,
// connection idle and age limits), kept apart from main.cc's basic ones.
// Like every flag under service/server/, each is listed by --help and
// settable from the environment (ADVISOR_KEEPALIVE_TIME, ...).

// Fills `options.connections` from the flags. INVALID_ARGUMENT, naming the
// flag, for a value ValidateConnectionPolicy refuses.
absl::Status ApplyConnectionFlags(AdvisorServerOptions& options);

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_CONNECTION_FLAGS_H_
