#include "service/server/advisor_server.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.pb.h"

#include "advisor/v1/faq_service.grpc.pb.h"
#include "advisor/v1/framework_service.grpc.pb.h"
#include "advisor/v1/role_matching_service.grpc.pb.h"
#include <grpc/grpc.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

namespace advisor::server {
namespace {

constexpr int kMaxPort = 65535;

// How long admitted calls get to reach their handlers before gRPC's
// Shutdown cancels those that have not (they need microseconds; this
// leaves room for a loaded machine).
constexpr absl::Duration kDrainHandOff = absl::Milliseconds(200);

// "host:port", with an IPv6 literal in brackets as gRPC expects.
std::string JoinHostPort(const std::string& host, int port) {
  const bool bare_ipv6 = absl::StrContains(host, ':') && !absl::StartsWith(host, "[");
  return bare_ipv6 ? absl::StrCat("[", host, "]:", port) : absl::StrCat(host, ":", port);
}

absl::Status ValidateOptions(const AdvisorServerOptions& options) {
  if (options.snapshot == nullptr) {
    return absl::InvalidArgumentError("no knowledge base snapshot to serve");
  }
  if (options.host.empty()) return absl::InvalidArgumentError("host must not be empty");
  if (options.max_calls_in_flight < 0 || options.max_concurrent_streams < 0 ||
      options.max_memory_bytes < 0) {
    return absl::InvalidArgumentError("limits must not be negative (0 means no limit)");
  }
  if (options.tls.has_value() &&
      (options.tls->certificate_chain.empty() || options.tls->private_key.empty())) {
    return absl::InvalidArgumentError("TLS needs both a certificate chain and a private key");
  }
  for (const auto& observer : options.observers) {
    if (observer == nullptr) return absl::InvalidArgumentError("null observer");
  }
  if (absl::Status valid = ValidateConnectionPolicy(options.connections); !valid.ok()) {
    return valid;
  }
  if (options.port < 0 || options.port > kMaxPort) {
    return absl::InvalidArgumentError(
        absl::StrCat("port must be in [0, ", kMaxPort, "], got ", options.port));
  }
  return absl::OkStatus();
}

// Reflection describes a service from the descriptors linked into the
// binary. The health service is gRPC's own, whose descriptors gRPC does not
// link; touching our generated copy pulls health.pb.cc into the binary (a
// static library member nobody references would be dropped) and registers
// grpc/health/v1/health.proto, so reflection clients can call Health too.
void LinkHealthDescriptors() { grpc::health::v1::HealthCheckRequest::descriptor(); }

}  // namespace

AdvisorServer::AdvisorServer(std::shared_ptr<const engines::Snapshot> snapshot,
                             std::vector<std::shared_ptr<api::ServerObserver>> observers,
                             std::string server_version, int max_calls_in_flight)
    : policy_(std::move(observers), max_calls_in_flight),
      snapshots_(std::move(snapshot), std::move(server_version)),
      framework_service_({snapshots_, policy_}),
      role_matching_service_({snapshots_, policy_}),
      faq_service_({snapshots_, policy_}) {}

AdvisorServer::~AdvisorServer() {
  Shutdown(absl::Now());
  Wait();
}

absl::StatusOr<std::unique_ptr<AdvisorServer>> AdvisorServer::Start(AdvisorServerOptions options) {
  if (absl::Status valid = ValidateOptions(options); !valid.ok()) return valid;
  LinkHealthDescriptors();
  // Both are process-wide settings read when a server is built.
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  // The constructor is private, so make_unique cannot reach it.
  std::unique_ptr<AdvisorServer> server(
      new AdvisorServer(std::move(options.snapshot), std::move(options.observers),
                        std::move(options.server_version), options.max_calls_in_flight));
  grpc::ServerBuilder builder;
  const std::string requested = JoinHostPort(options.host, options.port);
  CallGate::Options gate;
  gate.tokens = std::move(options.tokens);
  gate.auth_reflection = options.auth_reflection;
  server->gate_ = std::make_unique<CallGate>(std::move(gate), &server->policy_);
  server->credentials_ =
      MakeServerCredentials(options.tls.has_value() ? &*options.tls : nullptr, server->gate_.get());
  // Without authentication the gate joins the call path only when the
  // server starts draining (see CallGate).
  if (server->gate_->authenticates()) server->credentials_->EnableGate();
  builder.AddListeningPort(requested, server->credentials_, &server->port_);
  if (options.max_concurrent_streams > 0) {
    builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, options.max_concurrent_streams);
  }
  if (options.max_memory_bytes > 0) {
    grpc::ResourceQuota quota("advisor_server");
    quota.Resize(static_cast<size_t>(options.max_memory_bytes));
    builder.SetResourceQuota(quota);
  }
  ApplyConnectionPolicy(options.connections, builder);
  // Without this, Linux lets a second server bind the same port and
  // silently share its traffic; failing to start is the honest outcome.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetMaxReceiveMessageSize(kMaxRequestBytes);
  builder.RegisterService(&server->framework_service_);
  builder.RegisterService(&server->role_matching_service_);
  builder.RegisterService(&server->faq_service_);
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    // Destroying `server` stops whatever part did start.
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", requested,
                     " (is the port in use, the host unknown, or the TLS certificate, key or CA "
                     "invalid?)"));
  }
  server->address_ = JoinHostPort(options.host, server->port_);

  grpc::HealthCheckServiceInterface* health = server->server_->GetHealthCheckService();
  health->SetServingStatus("", true);
  for (const char* service : {advisor::v1::FrameworkService::service_full_name(),
                              advisor::v1::RoleMatchingService::service_full_name(),
                              advisor::v1::FaqService::service_full_name()}) {
    health->SetServingStatus(service, true);
  }
  const std::string version = server->snapshots_.Current()->knowledge_base().version();
  api::KnowledgeBaseLoad load;
  load.ok = true;
  load.serving_version = version;
  for (const auto& observer : server->observers()) observer->OnKnowledgeBaseLoad(load);
  return server;
}

void AdvisorServer::Shutdown(absl::Time deadline) {
  if (server_ == nullptr || shut_down_.exchange(true)) return;
  // Health first: NOT_SERVING for every service, and no later change.
  server_->GetHealthCheckService()->Shutdown();
  // Then refuse new calls, in the handlers and, from the next call on, in
  // the gate before them; and give the calls already admitted a moment to
  // reach their handlers:
  // gRPC's Shutdown cancels calls that have arrived but not yet started,
  // which would fail calls that were in flight from their client's point of
  // view.
  policy_.StartDraining();
  credentials_->EnableGate();
  absl::SleepFor(std::min(kDrainHandOff, std::max(deadline - absl::Now(), absl::ZeroDuration())));
  server_->Shutdown(absl::ToChronoTime(deadline));
}

void AdvisorServer::SetTokens(std::shared_ptr<const BearerTokens> tokens) {
  if (gate_ != nullptr) gate_->SetTokens(std::move(tokens));
}

void AdvisorServer::Wait() {
  if (server_ != nullptr) server_->Wait();
}

}  // namespace advisor::server
