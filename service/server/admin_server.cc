#include "service/server/admin_server.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

#include <grpc/grpc.h>
#include <grpcpp/ext/channelz_service_plugin.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

namespace advisor::server {
namespace {

constexpr int kMaxPort = 65535;

// "host:port", with an IPv6 literal in brackets as gRPC expects.
std::string JoinHostPort(const std::string& host, int port) {
  const bool bare_ipv6 = absl::StrContains(host, ':') && !absl::StartsWith(host, "[");
  return bare_ipv6 ? absl::StrCat("[", host, "]:", port) : absl::StrCat(host, ":", port);
}

}  // namespace

absl::StatusOr<std::unique_ptr<AdminServer>> AdminServer::Start(const AdminServerOptions& options) {
  if (options.host.empty()) return absl::InvalidArgumentError("admin host must not be empty");
  if (options.port < 0 || options.port > kMaxPort) {
    return absl::InvalidArgumentError(
        absl::StrCat("admin port must be in [0, ", kMaxPort, "], got ", options.port));
  }
  // Process-wide, and copied into each ServerBuilder as it is constructed:
  // from here on every new server carries channelz, reflection and health.
  grpc::channelz::experimental::InitChannelzService();
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::EnableDefaultHealthCheckService(true);

  std::unique_ptr<AdminServer> server(new AdminServer());
  grpc::ServerBuilder builder;
  const std::string requested = JoinHostPort(options.host, options.port);
  int port = 0;
  builder.AddListeningPort(requested, grpc::InsecureServerCredentials(), &port);
  // As on the serving port: a second process must not share this one.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", requested, " (is the port in use or the host unknown?)"));
  }
  server->address_ = JoinHostPort(options.host, port);
  return server;
}

AdminServer::~AdminServer() { Shutdown(absl::Now()); }

void AdminServer::Shutdown(absl::Time deadline) {
  if (server_ == nullptr) return;
  if (grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
      health != nullptr) {
    health->Shutdown();
  }
  server_->Shutdown(absl::ToChronoTime(deadline));
  server_->Wait();
  server_.reset();
}

}  // namespace advisor::server
