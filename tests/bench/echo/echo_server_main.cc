// advisor_echo_server: the baseline for tests/bench/run_load.sh. One unary
// RPC that returns its input, served with the same gRPC, the same callback
// API and the same server options as advisor_server, so the difference in
// throughput between the two is the cost of the advisor's own work.
//
//   advisor_echo_server --port=0    # prints "... listening on 127.0.0.1:PORT"
//
// Stops cleanly on SIGINT or SIGTERM.

#include <csignal>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"

#include "advisor/bench/v1/echo.grpc.pb.h"
#include "service/server/connection_policy.h"
#include "tests/bench/echo/echo_service.h"

ABSL_FLAG(std::string, host, "127.0.0.1", "Address to listen on.");
ABSL_FLAG(int, port, 0, "Port to listen on; 0 picks a free one.");

namespace advisor::bench {
namespace {

constexpr int kShutdownGraceSeconds = 5;
// As advisor_server (service/server/advisor_server.h).
constexpr int kMaxRequestBytes = 64 * 1024;

// "host:port", with brackets around an IPv6 host.
std::string JoinHostPort(const std::string& host, int port) {
  return absl::StrContains(host, ':') ? absl::StrCat("[", host, "]:", port)
                                      : absl::StrCat(host, ":", port);
}

int Run() {
  // Block the stop signals before gRPC starts its threads, so they inherit
  // the mask and only sigwait below sees the signals.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // The same server set-up as AdvisorServer::Start: the health service and
  // reflection change which threads and queues the server runs, so the
  // baseline has them too.
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  const std::string host = absl::GetFlag(FLAGS_host);
  EchoServiceImpl service;
  grpc::ServerBuilder builder;
  int selected_port = 0;
  builder.AddListeningPort(JoinHostPort(host, absl::GetFlag(FLAGS_port)),
                           grpc::InsecureServerCredentials(), &selected_port);
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetMaxReceiveMessageSize(kMaxRequestBytes);
  // advisor_server's default connection policy: its connection age limit
  // puts gRPC's max-age filter on every call, a cost of gRPC's that the
  // baseline pays too, so the comparison measures the server's own code.
  advisor::server::ApplyConnectionPolicy(advisor::server::ConnectionPolicy(), builder);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || selected_port == 0) {
    std::fprintf(stderr, "advisor_echo_server: cannot listen on %s\n",
                 JoinHostPort(host, absl::GetFlag(FLAGS_port)).c_str());
    return 1;
  }
  server->GetHealthCheckService()->SetServingStatus(
      advisor::bench::v1::EchoService::service_full_name(), true);
  std::printf("advisor_echo_server listening on %s\n", JoinHostPort(host, selected_port).c_str());
  std::fflush(stdout);

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(kShutdownGraceSeconds));
  server->Wait();
  return 0;
}

}  // namespace
}  // namespace advisor::bench

int main(int argc, char** argv) {
  // As advisor_server does (see its main.cc), so the baseline runs with the
  // same process settings.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  absl::ParseCommandLine(argc, argv);
  return advisor::bench::Run();
}
