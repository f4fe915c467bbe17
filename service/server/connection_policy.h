#ifndef ADVISOR_SERVICE_SERVER_CONNECTION_POLICY_H_
#define ADVISOR_SERVICE_SERVER_CONNECTION_POLICY_H_

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace grpc {
class ServerBuilder;
}  // namespace grpc

namespace advisor::server {

// How the server manages its HTTP/2 connections: its own keepalive pings,
// the ping policy it enforces on clients, and the idle and age limits that
// make clients reconnect (and so re-resolve and rebalance). The defaults
// are the production ones (docs/operations.md, "Connections"); an infinite
// duration leaves gRPC's own behaviour (no limit, no pings).
struct ConnectionPolicy {
  // Quiet time after which the server pings the client; with
  // keepalive_timeout it bounds how long a vanished peer holds a connection.
  absl::Duration keepalive_time = absl::Seconds(60);
  // How long the server waits for the ping's acknowledgement before it
  // closes the connection. Shorter than keepalive_time.
  absl::Duration keepalive_timeout = absl::Seconds(20);
  // Shortest interval between a client's pings the server accepts; more
  // frequent pings are strikes, and past max_ping_strikes the server sends
  // GOAWAY "too_many_pings".
  absl::Duration keepalive_min_ping_interval = absl::Seconds(30);
  // Whether clients may ping (and the server pings) connections with no
  // call open; without it such pings count as strikes.
  bool keepalive_permit_without_calls = true;
  // Pings too early tolerated before GOAWAY; gRPC's default.
  int max_ping_strikes = 2;
  // A connection with no call for this long is closed (GOAWAY).
  absl::Duration max_connection_idle = absl::Minutes(15);
  // A connection older than this (gRPC adds +-10 % jitter) gets GOAWAY, so
  // clients reconnect and re-resolve and new replicas receive calls.
  absl::Duration max_connection_age = absl::Minutes(30);
  // How long calls open at max_connection_age may still run before the
  // connection is closed.
  absl::Duration max_connection_age_grace = absl::Minutes(10);
};

// OK, or INVALID_ARGUMENT naming the first bad field with its --flag name:
// a duration that is not positive, under 1 ms, too long for gRPC's int
// milliseconds (over 24 days) unless infinite where that means "off",
// a keepalive timeout not shorter than the keepalive time, negative strikes.
absl::Status ValidateConnectionPolicy(const ConnectionPolicy& policy);

// Sets `policy` on `builder` as gRPC channel arguments. Expects a valid
// policy.
void ApplyConnectionPolicy(const ConnectionPolicy& policy, grpc::ServerBuilder& builder);

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_CONNECTION_POLICY_H_
