// The connection policy on a running advisor_server binary: the flags come
// from --help and the environment; an SDK client with default keepalive
// options is never sent GOAWAY too_many_pings, idle or busy (with the
// server's and the SDK's intervals scaled down together, so seconds stand
// for minutes), while a client pinging faster than allowed is; a peer that
// stops answering is dropped after keepalive time + timeout; and a short
// --max_connection_age makes the client reconnect with no failed call.

#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "advisor/client/client.h"
#include "advisor/v1/framework_service.grpc.pb.h"
#include "tests/connections/connection_test_support.h"
#include "tests/support/call_context.h"
#include "tests/support/child_process.h"
#include "tests/support/server_process.h"
#include <arpa/inet.h>
#include <grpc/grpc.h>
#include <grpcpp/grpcpp.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace advisor::testing {
namespace {

using ::testing::HasSubstr;

// The ping intervals of the production defaults divided by 60: the server
// tolerates a client ping every 500 ms (30 s) and the SDK pings every 1 s
// (60 s). The server's own keepalive and both timeouts stay at their
// defaults: a gRPC 1.51 client channel with no call open reads its socket
// only when the backup poller runs (every 5 s), so it may answer a ping
// that late.
constexpr int kScaleDown = 60;
const absl::Duration kMinPingInterval = absl::Seconds(30) / kScaleDown;
const std::vector<std::string> kScaledServerPolicy = {
    absl::StrCat("--keepalive_min_ping_interval=", absl::FormatDuration(kMinPingInterval)),
    "--log_level=debug"};

client::ClientOptions ScaledSdkOptions(const std::string& address) {
  client::ClientOptions options;
  options.target = address;
  options.keepalive_time = client::kDefaultKeepaliveTime / kScaleDown;
  return options;
}

TEST(ConnectionConfigurationTest, HelpListsTheConnectionFlags) {
  absl::StatusOr<CommandResult> help = RunCommand({AdvisorServerPath(), "--help"});
  ASSERT_TRUE(help.ok()) << help.status();
  for (const char* flag :
       {"--keepalive_time", "--keepalive_timeout", "--keepalive_min_ping_interval",
        "--keepalive_permit_without_calls", "--max_connection_idle", "--max_connection_age",
        "--max_connection_age_grace"}) {
    EXPECT_THAT(help->out + help->err, HasSubstr(flag));
  }
}

TEST(ConnectionConfigurationTest, BadValuesFromFlagsOrEnvironmentAreExitStatusTwo) {
  struct Case {
    std::vector<std::string> argv;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--max_connection_age=0s"}, "--max_connection_age must be positive"},
      {{"--keepalive_time=10s", "--keepalive_timeout=20s"},
       "must be shorter than --keepalive_time"},
      {{"--keepalive_min_ping_interval=-1s"}, "--keepalive_min_ping_interval must be positive"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> argv = {AdvisorServerPath(), "--host=127.0.0.1", "--port=0"};
    argv.insert(argv.end(), c.argv.begin(), c.argv.end());
    absl::StatusOr<CommandResult> run = RunCommand(argv, kProcessTimeout);
    ASSERT_TRUE(run.ok()) << run.status();
    EXPECT_EQ(run->exit_code, 2) << absl::StrJoin(c.argv, " ");
    EXPECT_THAT(run->err, HasSubstr(c.message));
  }
  // The ADVISOR_ variables are read like any other flag's.
  for (const auto& [variable, message] : std::vector<std::pair<std::string, std::string>>{
           {"ADVISOR_MAX_CONNECTION_AGE_GRACE=-5s", "--max_connection_age_grace must be positive"},
           {"ADVISOR_MAX_CONNECTION_IDLE=soon", "ADVISOR_MAX_CONNECTION_IDLE=soon"}}) {
    absl::StatusOr<CommandResult> run =
        RunCommand({"/usr/bin/env", variable, AdvisorServerPath(), "--host=127.0.0.1", "--port=0"},
                   kProcessTimeout);
    ASSERT_TRUE(run.ok()) << run.status();
    EXPECT_EQ(run->exit_code, 2) << variable;
    EXPECT_THAT(run->err, HasSubstr(message));
  }
}

// Calls GetFramework once; whether it succeeded.
bool CallOnce(client::AdvisorClient& client) { return client.GetFramework("keras").ok(); }

TEST(KeepaliveTest, DefaultSdkClientIsNeverSentTooManyPingsIdleOrBusy) {
  std::unique_ptr<ServerProcess> server = StartServerProcess(kScaledServerPolicy);
  ASSERT_NE(server, nullptr);
  const GrpcLogCounter too_many_pings("too_many_pings");
  client::AdvisorClient client(client::MakeAdvisorConnection(ScaledSdkOptions(server->address())));
  ASSERT_TRUE(CallOnce(client));
  // Idle (no call open) for eight minimum ping intervals, then busy for as
  // long, then idle again: pings without calls and pings between calls.
  absl::SleepFor(absl::Seconds(4));
  int failures = 0;
  int calls = 0;
  {
    UnaryLoad load(client, 3);
    absl::SleepFor(absl::Seconds(4));
    load.Stop();
    failures = load.Failures();
    calls = load.Count();
    EXPECT_EQ(failures, 0) << load.FailureSamples();
  }
  absl::SleepFor(absl::Seconds(3));
  ASSERT_TRUE(CallOnce(client));
  const std::set<std::string> peers = CallLogPeers(server->Stderr());
  std::cout << "[ keepalive ] SDK pings every "
            << absl::FormatDuration(ScaledSdkOptions("").keepalive_time) << ", server minimum "
            << absl::FormatDuration(kMinPingInterval) << ": " << calls + 2 << " calls, " << failures
            << " failed, " << peers.size() << " connection(s), too_many_pings seen "
            << too_many_pings.count() << " times\n";
  EXPECT_EQ(too_many_pings.count(), 0);
  // One connection for the whole run: the server never sent it away.
  EXPECT_EQ(peers.size(), 1U) << absl::StrJoin(peers, " ");
}

TEST(KeepaliveTest, AClientPingingFasterThanAllowedIsSentTooManyPings) {
  // The counter-check: the same log counter does see an abuser, here one
  // pinging a connection without calls on a server that forbids it.
  std::vector<std::string> flags = kScaledServerPolicy;
  flags.push_back("--keepalive_permit_without_calls=false");
  std::unique_ptr<ServerProcess> server = StartServerProcess(flags);
  ASSERT_NE(server, nullptr);
  const GrpcLogCounter too_many_pings("too_many_pings");
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 200);
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  auto stub = v1::FrameworkService::NewStub(
      grpc::CreateCustomChannel(server->address(), grpc::InsecureChannelCredentials(), args));
  v1::GetFrameworkRequest request;
  request.set_name("keras");
  v1::GetFrameworkResponse response;
  std::unique_ptr<grpc::ClientContext> context = CallContext();
  ASSERT_TRUE(stub->GetFramework(context.get(), request, &response).ok());
  // Its pings leave while the channel is polled, every 5 s without calls;
  // the third early one is past the two strikes allowed.
  const absl::Time deadline = absl::Now() + absl::Seconds(40);
  while (too_many_pings.count() == 0 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_GT(too_many_pings.count(), 0) << "a client pinging every 200 ms was never refused\n"
                                       << server->Stderr();
}

// Connects to host:port, sends the HTTP/2 client preface and an empty
// SETTINGS frame, then reads whatever comes without ever answering, as a
// peer that vanished would (never acknowledging the server's pings).
// Returns how long until the server closed the connection, or nothing if
// it stayed open for `cap`.
std::optional<absl::Duration> TimeUntilClosedWithoutAnswering(int port, absl::Duration cap) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return std::nullopt;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  constexpr char kPreface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
  constexpr char kEmptySettings[] = {0, 0, 0, 4, 0, 0, 0, 0, 0};
  std::optional<absl::Duration> closed_after;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
      write(fd, kPreface, sizeof(kPreface) - 1) == static_cast<ssize_t>(sizeof(kPreface) - 1) &&
      write(fd, kEmptySettings, sizeof(kEmptySettings)) ==
          static_cast<ssize_t>(sizeof(kEmptySettings))) {
    const absl::Time start = absl::Now();
    char buffer[4096];
    while (absl::Now() - start < cap) {
      pollfd readable{fd, POLLIN, 0};
      if (poll(&readable, 1, 100) <= 0) continue;
      if (read(fd, buffer, sizeof(buffer)) <= 0) {
        closed_after = absl::Now() - start;
        break;
      }
    }
  }
  close(fd);
  return closed_after;
}

TEST(KeepaliveTest, APeerThatStopsAnsweringIsDroppedWithinKeepaliveTimePlusTimeout) {
  // The server's own keepalive, shortened (the defaults are 60 s + 20 s).
  std::unique_ptr<ServerProcess> server =
      StartServerProcess({"--keepalive_time=1s", "--keepalive_timeout=500ms"});
  ASSERT_NE(server, nullptr);
  const std::optional<absl::Duration> closed =
      TimeUntilClosedWithoutAnswering(server->port(), absl::Seconds(10));
  ASSERT_TRUE(closed.has_value()) << "a peer that never answers pings still held its connection";
  std::cout << "[ keepalive ] --keepalive_time=1s --keepalive_timeout=500ms: a silent peer "
               "dropped after "
            << absl::FormatDuration(*closed) << "\n";
  // The first ping goes out after 1 s and the connection closes 500 ms
  // later; a second of slack for a loaded machine.
  EXPECT_LE(*closed, absl::Milliseconds(2500));

  // The counter-check: without server pings the same silent peer keeps its
  // connection, so it was the keepalive that dropped it.
  std::unique_ptr<ServerProcess> no_pings = StartServerProcess({"--keepalive_time=inf"});
  ASSERT_NE(no_pings, nullptr);
  EXPECT_FALSE(TimeUntilClosedWithoutAnswering(no_pings->port(), absl::Seconds(3)).has_value());
}

TEST(MaxConnectionAgeTest, ClientsReconnectWithNoFailedCall) {
  std::unique_ptr<ServerProcess> server = StartServerProcess(
      {"--max_connection_age=1s", "--max_connection_age_grace=1s", "--log_level=debug"});
  ASSERT_NE(server, nullptr);
  client::ClientOptions options;
  options.target = server->address();
  client::AdvisorClient client(client::MakeAdvisorConnection(options));
  UnaryLoad load(client, 3);
  absl::SleepFor(absl::Seconds(6));
  load.Stop();
  const std::set<std::string> peers = CallLogPeers(server->Stderr());
  std::cout << "[ max age ] --max_connection_age=1s for 6 s: " << load.Count() << " calls, "
            << load.Failures() << " failed, " << peers.size() << " connections\n";
  EXPECT_EQ(load.Failures(), 0) << load.FailureSamples();
  EXPECT_GT(load.Count(), 100);
  // About one connection per second (+-10 % jitter): the client reconnected.
  EXPECT_GE(peers.size(), 4U) << absl::StrJoin(peers, " ");
}

}  // namespace
}  // namespace advisor::testing
