#ifndef ADVISOR_SERVICE_SERVER_ADMIN_SERVER_H_
#define ADVISOR_SERVICE_SERVER_ADMIN_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

#include <grpcpp/server.h>

namespace advisor::server {

// Where the admin server listens.
struct AdminServerOptions {
  // An IPv4 or IPv6 literal or a host name; loopback by default, so only
  // the pod or host itself (or a port-forward) reaches it.
  std::string host = "127.0.0.1";
  // TCP port in [0, 65535]; 0 lets the OS pick a free one.
  int port = 0;
};

// A second gRPC server in the process for operators: channelz
// (grpc.channelz.v1.Channelz, every channel, server and socket of the
// process), server reflection and health, plaintext and without
// authentication (docs/adr/0006-channelz-on-an-admin-port.md says why it
// is apart from the serving port).
//
// gRPC's channelz plugin is process-wide: InitChannelzService() adds it
// to the plugin list every ServerBuilder copies when it is constructed.
// Start() adds it right before building its own ServerBuilder, so start
// every server that must not carry channelz (the AdvisorServer) first.
class AdminServer {
 public:
  // INVALID_ARGUMENT for an empty host or a port outside [0, 65535];
  // UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<AdminServer>> Start(const AdminServerOptions& options);

  // Stops at once if Shutdown() was not called.
  ~AdminServer();

  AdminServer(const AdminServer&) = delete;
  AdminServer& operator=(const AdminServer&) = delete;

  // "host:port" as bound, e.g. "127.0.0.1:41234".
  const std::string& address() const { return address_; }

  // Stops accepting calls; calls in flight may run until `deadline`.
  // Returns when the server has stopped. Later calls do nothing.
  void Shutdown(absl::Time deadline);

 private:
  AdminServer() = default;

  std::string address_;
  std::unique_ptr<grpc::Server> server_;
};

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_ADMIN_SERVER_H_
