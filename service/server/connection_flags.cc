#include "service/server/connection_flags.h"

#include "absl/flags/flag.h"
#include "absl/time/time.h"

#include "service/server/connection_policy.h"

// The defaults are ConnectionPolicy's, so the binary and an in-process
// server behave alike.
ABSL_FLAG(absl::Duration, keepalive_time, advisor::server::ConnectionPolicy().keepalive_time,
          "How long a connection may be quiet before the server pings the client; with "
          "--keepalive_timeout it bounds how long a vanished client (no FIN) holds a "
          "connection. inf: no pings.");
ABSL_FLAG(absl::Duration, keepalive_timeout, advisor::server::ConnectionPolicy().keepalive_timeout,
          "How long the server waits for a ping's acknowledgement before it closes the "
          "connection; shorter than --keepalive_time.");
ABSL_FLAG(absl::Duration, keepalive_min_ping_interval,
          advisor::server::ConnectionPolicy().keepalive_min_ping_interval,
          "Shortest interval between a client's keepalive pings the server tolerates; a client "
          "pinging more often gets GOAWAY too_many_pings. The SDK's default keepalive time "
          "(60s) stays above the default.");
ABSL_FLAG(bool, keepalive_permit_without_calls,
          advisor::server::ConnectionPolicy().keepalive_permit_without_calls,
          "Whether clients may ping connections with no call open (and the server pings them "
          "too); false counts such pings as abuse, as gRPC's default does.");
ABSL_FLAG(absl::Duration, max_connection_idle,
          advisor::server::ConnectionPolicy().max_connection_idle,
          "A connection with no call for this long is closed with GOAWAY (clients reconnect "
          "when they need to). inf: never.");
ABSL_FLAG(absl::Duration, max_connection_age,
          advisor::server::ConnectionPolicy().max_connection_age,
          "A connection older than this (+-10% jitter) gets GOAWAY, so clients reconnect, "
          "re-resolve the name and spread calls over replicas added since. inf: never.");
ABSL_FLAG(absl::Duration, max_connection_age_grace,
          advisor::server::ConnectionPolicy().max_connection_age_grace,
          "After --max_connection_age, how long calls already open may still run before the "
          "connection is closed (new calls go to a new connection at once). inf: no limit.");

namespace advisor::server {

absl::Status ApplyConnectionFlags(AdvisorServerOptions& options) {
  ConnectionPolicy& policy = options.connections;
  policy.keepalive_time = absl::GetFlag(FLAGS_keepalive_time);
  policy.keepalive_timeout = absl::GetFlag(FLAGS_keepalive_timeout);
  policy.keepalive_min_ping_interval = absl::GetFlag(FLAGS_keepalive_min_ping_interval);
  policy.keepalive_permit_without_calls = absl::GetFlag(FLAGS_keepalive_permit_without_calls);
  policy.max_connection_idle = absl::GetFlag(FLAGS_max_connection_idle);
  policy.max_connection_age = absl::GetFlag(FLAGS_max_connection_age);
  policy.max_connection_age_grace = absl::GetFlag(FLAGS_max_connection_age_grace);
  return ValidateConnectionPolicy(policy);
}

}  // namespace advisor::server
