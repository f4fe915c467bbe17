// advisor_server: serves the Framework Advisor gRPC API. Everything beyond
// flags, start-up checks and the shutdown sequence lives in AdvisorServer.

#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

#include "common/flags_usage.h"
#include "service/engines/snapshot.h"
#include "service/knowledge_base/knowledge_base_loader.h"
#include "service/metrics/metrics_endpoint.h"
#include "service/metrics/served_methods.h"
#include "service/server/admin_server.h"
#include "service/server/advisor_server.h"
#include "service/server/call_log_observer.h"
#include "service/server/connection_flags.h"
#include "service/server/environment_flags.h"
#include "service/server/json_logger.h"
#include "service/server/knowledge_base_reloader.h"
#include "service/server/operations_flags.h"
#include "service/server/shutdown_signals.h"

ABSL_FLAG(std::string, host, "0.0.0.0",
          "Interface to listen on: an IPv4 or IPv6 address or a host name; 0.0.0.0 means every "
          "IPv4 interface, :: every interface.");
ABSL_FLAG(int, port, 50051,
          "TCP port to listen on; 0 picks a free port. The bound address is printed on stdout.");
ABSL_FLAG(std::string, knowledge_base, "",
          "Path of a knowledge base in protobuf text format (advisor.v1.KnowledgeBase). Empty "
          "serves the knowledge base built into the binary.");
ABSL_FLAG(absl::Duration, grace_period, absl::Seconds(10),
          "On SIGTERM or SIGINT, how long calls in flight may take to finish before they are "
          "cancelled, e.g. 10s or 500ms.");
ABSL_FLAG(std::string, log_level, "info",
          "Least severe JSON log lines written to stderr: debug, info, warning or error. Each "
          "call is logged as one line: OK calls at debug, server faults (INTERNAL, UNKNOWN, "
          "DATA_LOSS) at warning, every other failure at info.");

ABSL_FLAG(int, metrics_port, -1,
          "TCP port of the Prometheus metrics endpoint (HTTP GET /metrics); -1 turns it off, 0 "
          "picks a free port and prints \"advisor_server metrics on HOST:PORT\" on stdout.");
ABSL_FLAG(std::string, metrics_host, "0.0.0.0",
          "IPv4 address the metrics endpoint listens on, e.g. 127.0.0.1 to keep it local.");

ABSL_FLAG(int, admin_port, -1,
          "TCP port of the admin gRPC server (channelz, reflection, health; plaintext, no "
          "authentication); -1 (the default) turns it off, 0 picks a free port and prints "
          "\"advisor_server admin on HOST:PORT\" on stdout. Never expose it: see "
          "docs/operations.md, Admin port.");
ABSL_FLAG(std::string, admin_host, "127.0.0.1",
          "Address the admin server listens on; loopback by default, so only the host or pod "
          "itself (or kubectl port-forward) reaches it.");

namespace {

// Exit codes, documented in the usage message.
constexpr int kExitOk = 0;
constexpr int kExitCannotServe = 1;
constexpr int kExitBadConfiguration = 2;

constexpr char kUsage[] =
    "Serves the Framework Advisor gRPC API (advisor.v1.FrameworkService, "
    "RoleMatchingService, FaqService) with the gRPC health service and server reflection.\n"
    "\n"
    "Usage: advisor_server [--flag=value ...]\n"
    "\n"
    "Every flag below can also be set by an environment variable named ADVISOR_ and the flag "
    "name in upper case (ADVISOR_PORT=8080, ADVISOR_KNOWLEDGE_BASE=/etc/advisor/kb.txtpb); "
    "the command line wins over the environment. An environment value that does not parse is "
    "an error (exit status 2).\n"
    "\n"
    "Prints \"advisor_server listening on HOST:PORT\" on stdout once it serves, and logs JSON "
    "lines on stderr. SIGTERM or SIGINT turns health to NOT_SERVING, lets calls in flight "
    "finish within --grace_period, and exits. SIGHUP reloads the --knowledge_base file and the "
    "--auth_tokens_file; an invalid file is rejected and the old one keeps serving.\n"
    "Exit status: 0 after a signalled shutdown; 2 for an invalid knowledge base (the problem, "
    "with file and line, goes to stderr) or an invalid flag or environment value; 1 for "
    "anything else, such as an address that cannot be bound.";

void PrintError(absl::string_view what, const absl::Status& status) {
  absl::FPrintF(stderr, "advisor_server: %s: %s\n", what, status.message());
}

// The exit status for a server or endpoint that could not start.
int StartFailureStatus(const absl::Status& status) {
  return status.code() == absl::StatusCode::kInvalidArgument ? kExitBadConfiguration
                                                             : kExitCannotServe;
}

// What runs while the server serves. The gRPC server stops before the
// metrics endpoint whose observer it calls; the admin server, which
// describes it, after it.
struct Serving {
  std::unique_ptr<advisor::metrics::MetricsEndpoint> metrics;
  std::unique_ptr<advisor::server::AdminServer> admin;
  std::unique_ptr<advisor::server::AdvisorServer> server;
};

void ConfigureProcess() {
  // Debian builds Abseil without NDEBUG, which leaves absl::Mutex's deadlock
  // detection on: a lock-order graph updated on every lock gRPC takes, a
  // large share of the server's CPU per call. It is a debugging aid; the tests,
  // which run the server in their own processes, keep it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  absl::SetProgramUsageMessage(kUsage);
  // --help lists the server's flags by topic, whichever file defines them.
  advisor::flags_usage::SetFlagsUsage(advisor::server::kServerFlagFiles,
                                      absl::StrCat("advisor_server ", ADVISOR_VERSION, "\n"));
}

// Sets the flags from the environment, then from the command line, and
// checks those main reads itself. Returns kExitOk, or the exit status
// after printing why not.
int ParseFlags(int argc, char** argv) {
  // Before the command line, so the command line wins.
  if (absl::Status applied = advisor::server::ApplyFlagsFromEnvironment(); !applied.ok()) {
    PrintError("invalid environment", applied);
    return kExitBadConfiguration;
  }
  const std::vector<char*> arguments = absl::ParseCommandLine(argc, argv);
  if (arguments.size() > 1) {
    std::fprintf(stderr, "advisor_server: unexpected argument '%s' (see --help)\n", arguments[1]);
    return kExitBadConfiguration;
  }
  if (absl::GetFlag(FLAGS_grace_period) < absl::ZeroDuration()) {
    std::fprintf(stderr, "advisor_server: --grace_period must not be negative\n");
    return kExitBadConfiguration;
  }

  absl::StatusOr<advisor::server::Severity> log_level =
      advisor::server::ParseSeverity(absl::GetFlag(FLAGS_log_level));
  if (!log_level.ok()) {
    PrintError("--log_level", log_level.status());
    return kExitBadConfiguration;
  }
  advisor::server::SetMinimumSeverity(*log_level);
  return kExitOk;
}

// The server's options from the flags, serving `knowledge_base`. Returns
// kExitOk, or the exit status after printing why not.
int OptionsFromFlags(advisor::v1::KnowledgeBase knowledge_base,
                     advisor::server::AdvisorServerOptions* options) {
  options->host = absl::GetFlag(FLAGS_host);
  options->port = absl::GetFlag(FLAGS_port);
  options->snapshot = advisor::engines::Snapshot::Build(std::move(knowledge_base));
  options->server_version = ADVISOR_VERSION;
  options->observers.push_back(std::make_shared<advisor::server::CallLogObserver>());
  if (absl::Status applied = advisor::server::ApplyOperationsFlags(*options); !applied.ok()) {
    PrintError("invalid configuration", applied);
    return kExitBadConfiguration;
  }
  if (absl::Status applied = advisor::server::ApplyConnectionFlags(*options); !applied.ok()) {
    PrintError("invalid configuration", applied);
    return kExitBadConfiguration;
  }
  return kExitOk;
}

// Starts the metrics endpoint when --metrics_port asks for one, and adds
// its observer to `options`. Returns kExitOk, or the exit status after
// printing why not.
int StartMetrics(advisor::server::AdvisorServerOptions* options,
                 std::unique_ptr<advisor::metrics::MetricsEndpoint>* metrics) {
  if (absl::GetFlag(FLAGS_metrics_port) == -1) return kExitOk;
  advisor::metrics::MetricsEndpointOptions metrics_options;
  metrics_options.host = absl::GetFlag(FLAGS_metrics_host);
  metrics_options.port = absl::GetFlag(FLAGS_metrics_port);
  metrics_options.methods =
      advisor::metrics::FullMethodNames(advisor::metrics::ServedServiceNames());
  metrics_options.build_version = ADVISOR_VERSION;
  absl::StatusOr<std::unique_ptr<advisor::metrics::MetricsEndpoint>> started =
      advisor::metrics::MetricsEndpoint::Start(metrics_options);
  if (!started.ok()) {
    PrintError("cannot serve metrics", started.status());
    return StartFailureStatus(started.status());
  }
  *metrics = *std::move(started);
  options->observers.push_back((*metrics)->observer());
  return kExitOk;
}

// Starts the admin server when --admin_port asks for one. It must come
// after the AdvisorServer (see AdminServer), so channelz stays off the
// serving port. Returns kExitOk, or the exit status after printing why not.
int StartAdmin(int serving_port, std::unique_ptr<advisor::server::AdminServer>* admin) {
  const int port = absl::GetFlag(FLAGS_admin_port);
  if (port == -1) return kExitOk;
  if (port < -1 || port > 65535) {
    std::fprintf(stderr, "advisor_server: --admin_port must be -1 (off) or in [0, 65535], got %d\n",
                 port);
    return kExitBadConfiguration;
  }
  if (port != 0 && port == serving_port) {
    std::fprintf(stderr, "advisor_server: --admin_port must differ from --port\n");
    return kExitBadConfiguration;
  }
  advisor::server::AdminServerOptions options;
  options.host = absl::GetFlag(FLAGS_admin_host);
  options.port = port;
  absl::StatusOr<std::unique_ptr<advisor::server::AdminServer>> started =
      advisor::server::AdminServer::Start(options);
  if (!started.ok()) {
    PrintError("cannot serve the admin port", started.status());
    return StartFailureStatus(started.status());
  }
  *admin = *std::move(started);
  return kExitOk;
}

// Starts the metrics endpoint, the gRPC server and the admin server and
// says where they listen. Returns kExitOk, or the exit status after
// printing why not.
int StartServing(advisor::server::AdvisorServerOptions options, const std::string& version,
                 Serving* serving) {
  // Before the gRPC server, so its observer sees every call.
  if (const int status = StartMetrics(&options, &serving->metrics); status != kExitOk) {
    return status;
  }
  absl::StatusOr<std::unique_ptr<advisor::server::AdvisorServer>> server =
      advisor::server::AdvisorServer::Start(std::move(options));
  if (!server.ok()) {
    PrintError("cannot start", server.status());
    return StartFailureStatus(server.status());
  }
  serving->server = *std::move(server);
  const std::string& address = serving->server->address();
  if (const int status = StartAdmin(serving->server->port(), &serving->admin); status != kExitOk) {
    return status;
  }

  // Tests and scripts started with --port=0 read the port from this line.
  std::printf("advisor_server listening on %s\n", address.c_str());
  std::fflush(stdout);
  if (serving->metrics != nullptr) {
    std::printf("advisor_server metrics on %s\n", serving->metrics->address().c_str());
    std::fflush(stdout);
  }
  if (serving->admin != nullptr) {
    std::printf("advisor_server admin on %s\n", serving->admin->address().c_str());
    std::fflush(stdout);
    advisor::server::LogEvent(
        advisor::server::Severity::kInfo,
        absl::StrCat("admin server (channelz) on ", serving->admin->address()),
        {{"admin_address", serving->admin->address()}});
  }
  advisor::server::LogEvent(
      advisor::server::Severity::kInfo,
      absl::StrCat("listening on ", address, " with knowledge base version ", version),
      {{"address", address}, {"knowledge_base_version", version}});
  return kExitOk;
}

// Reloads the knowledge base file on SIGHUP (and when it changes) until
// SIGTERM or SIGINT, then drains calls in flight for up to --grace_period.
void ServeUntilSignalled(const advisor::server::ShutdownSignals& signals,
                         advisor::server::AdvisorServer& server) {
  std::unique_ptr<advisor::server::KnowledgeBaseReloader> reloader;
  if (!absl::GetFlag(FLAGS_knowledge_base).empty()) {
    reloader = std::make_unique<advisor::server::KnowledgeBaseReloader>(
        absl::GetFlag(FLAGS_knowledge_base), server);
    reloader->StartPolling(advisor::server::KnowledgeBasePollInterval());
  }
  int signal = 0;
  while ((signal = signals.Wait()) == SIGHUP) {
    advisor::server::HandleSighup(reloader.get(), server);
  }
  reloader.reset();
  const absl::Duration grace_period = absl::GetFlag(FLAGS_grace_period);
  advisor::server::LogEvent(
      advisor::server::Severity::kInfo,
      absl::StrCat("received ", signal == SIGINT ? "SIGINT" : "SIGTERM", ", draining for up to ",
                   absl::FormatDuration(grace_period)));
  server.Shutdown(absl::Now() + grace_period);
  server.Wait();
  advisor::server::LogEvent(advisor::server::Severity::kInfo, "stopped");
}

}  // namespace

int main(int argc, char** argv) {
  ConfigureProcess();
  if (const int status = ParseFlags(argc, argv); status != kExitOk) return status;

  // Before gRPC starts any thread (see ShutdownSignals::Block).
  absl::StatusOr<advisor::server::ShutdownSignals> signals =
      advisor::server::ShutdownSignals::Block();
  if (!signals.ok()) {
    PrintError("cannot set up signal handling", signals.status());
    return kExitCannotServe;
  }

  absl::StatusOr<advisor::v1::KnowledgeBase> knowledge_base =
      advisor::knowledge_base::LoadKnowledgeBaseFileOrDefault(absl::GetFlag(FLAGS_knowledge_base));
  if (!knowledge_base.ok()) {
    PrintError("cannot load the knowledge base", knowledge_base.status());
    return kExitBadConfiguration;
  }
  const std::string version = knowledge_base->version();

  advisor::server::AdvisorServerOptions options;
  if (const int status = OptionsFromFlags(*std::move(knowledge_base), &options);
      status != kExitOk) {
    return status;
  }
  Serving serving;
  if (const int status = StartServing(std::move(options), version, &serving); status != kExitOk) {
    return status;
  }
  ServeUntilSignalled(*signals, *serving.server);
  if (serving.admin != nullptr) serving.admin->Shutdown(absl::Now() + absl::Seconds(1));
  return kExitOk;
}
