#ifndef ADVISOR_SERVICE_SERVER_ADVISOR_SERVER_H_
#define ADVISOR_SERVICE_SERVER_ADVISOR_SERVER_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

#include "service/api/calls/observed_call.h"
#include "service/api/faq_service_impl.h"
#include "service/api/framework_service_impl.h"
#include "service/api/role_matching_service_impl.h"
#include "service/api/snapshot_source.h"
#include "service/engines/snapshot.h"
#include "service/observer/server_observer.h"
#include "service/server/bearer_tokens.h"
#include "service/server/call_gate.h"
#include "service/server/connection_policy.h"
#include "service/server/server_credentials.h"
#include <grpcpp/server.h>

namespace advisor::server {

// Largest request the server accepts. The biggest legitimate request is a
// 4096-byte question or a comparison of 16 names, so anything near this
// size is abuse and is refused before it is parsed.
inline constexpr int kMaxRequestBytes = 64 * 1024;

// How to run an AdvisorServer.
struct AdvisorServerOptions {
  // Interface to listen on: an IPv4 or IPv6 literal or a host name.
  // "0.0.0.0" listens on every IPv4 interface.
  std::string host = "0.0.0.0";
  // TCP port in [0, 65535]; 0 lets the OS pick a free one (see port()).
  int port = 50051;
  // The knowledge base and engines to serve. Required.
  std::shared_ptr<const engines::Snapshot> snapshot;
  // Told about every advisor call (not health or reflection) and every
  // knowledge base load, in this order.
  // Shared ownership: the server keeps them alive while it runs; callers
  // may keep their own references (e.g. to read metrics).
  std::vector<std::shared_ptr<api::ServerObserver>> observers;
  // Build version every response names in its served_by (a failed call in
  // its `advisor-server-version` trailing metadata).
  std::string server_version = "unknown";

  // TLS (mutual TLS when it names a client CA); none means plaintext.
  std::optional<ServerTls> tls;
  // Bearer tokens every call must carry (`authorization: Bearer <token>`),
  // except health checks; null means no authentication.
  std::shared_ptr<const BearerTokens> tokens;
  // Whether reflection needs a token too (only read with `tokens`).
  bool auth_reflection = true;
  // Advisor calls beyond this many in flight (handlers running, streams
  // open) are refused at once with RESOURCE_EXHAUSTED; 0 means no cap.
  int max_calls_in_flight = 0;
  // HTTP/2 streams (concurrent calls) per client connection; 0 keeps
  // gRPC's default (unlimited).
  int max_concurrent_streams = 0;
  // Memory gRPC may use for connections and calls (a grpc::ResourceQuota);
  // past it gRPC refuses new work instead of growing. 0 means unbounded.
  int64_t max_memory_bytes = 0;
  // Keepalive, the clients' ping policy and connection idle/age limits.
  ConnectionPolicy connections;
};

// The Framework Advisor gRPC server: the three advisor.v1 services, the
// standard health service (grpc.health.v1.Health, every service SERVING)
// and server reflection, on one port, plaintext, TLS or mutual TLS. Every
// call passes CallGate when authentication is on or the server drains;
// every advisor call is then
// admitted (in-flight cap, draining) and observed (request id, observers)
// by api::ObservedCall.
// Runs in the calling process, so tests can start it in-process.
//
// Thread safety: Shutdown() and Wait() may be called from any thread;
// snapshots() is thread-safe.
class AdvisorServer {
 public:
  // Builds the server and starts listening. INVALID_ARGUMENT for a missing
  // snapshot, an empty host, a port outside [0, 65535], a negative limit or
  // TLS without certificate or key; UNAVAILABLE when the address cannot be
  // bound (port in use, unknown host) or the TLS material is unusable.
  static absl::StatusOr<std::unique_ptr<AdvisorServer>> Start(AdvisorServerOptions options);

  // Stops at once (no grace) if Shutdown() was not called.
  ~AdvisorServer();

  AdvisorServer(const AdvisorServer&) = delete;
  AdvisorServer& operator=(const AdvisorServer&) = delete;

  // The port actually bound; differs from the requested one when that was 0.
  int port() const { return port_; }

  // "host:port" as bound, e.g. "0.0.0.0:50051" or "[::1]:41234".
  const std::string& address() const { return address_; }

  // Where calls get their snapshot; Replace() on it serves a new knowledge
  // base without a restart.
  api::SnapshotSource& snapshots() { return snapshots_; }

  // Graceful stop: health turns NOT_SERVING for every service at once (so
  // load balancers stop sending), new calls are refused with UNAVAILABLE,
  // calls in flight may finish until `deadline` and are cancelled after
  // it. Takes at least 200 ms (the hand-off of admitted calls) unless the
  // deadline is sooner. Returns when
  // all calls are done and clients have closed their connections (gRPC
  // sends them GOAWAY), or at `deadline`: a client that keeps an idle
  // channel open holds shutdown until then. Later calls do nothing.
  void Shutdown(absl::Time deadline);

  // Blocks until the server has shut down.
  void Wait();

  // The observers from the options (for reload and other server events).
  const std::vector<std::shared_ptr<api::ServerObserver>>& observers() const {
    return policy_.observers();
  }

  // Accepts `tokens` from now on, e.g. after the tokens file changed.
  // Does nothing when the server runs without authentication.
  void SetTokens(std::shared_ptr<const BearerTokens> tokens);

  // Advisor calls the server is working on right now.
  int calls_in_flight() const { return policy_.in_flight(); }

 private:
  AdvisorServer(std::shared_ptr<const engines::Snapshot> snapshot,
                std::vector<std::shared_ptr<api::ServerObserver>> observers,
                std::string server_version, int max_calls_in_flight);

  api::CallPolicy policy_;
  api::SnapshotSource snapshots_;
  api::FrameworkServiceImpl framework_service_;
  api::RoleMatchingServiceImpl role_matching_service_;
  api::FaqServiceImpl faq_service_;
  // On the call path when the server authenticates, and once it drains.
  std::unique_ptr<CallGate> gate_;
  std::shared_ptr<GatedServerCredentials> credentials_;
  std::atomic<bool> shut_down_{false};
  int port_ = 0;
  std::string address_;
  // Declared last so it is destroyed first: it calls into the services.
  std::unique_ptr<grpc::Server> server_;
};

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_ADVISOR_SERVER_H_
