// Rebalancing after scale-out, the way a Kubernetes headless Service
// works: a DNS name resolves to the replicas, an SDK client with target
// dns://DNS/advisor.test:PORT and round_robin sends steady load, and the
// servers run with a short --max_connection_age. A third replica starts
// and joins the name (dnsmasq re-reads its hosts file on SIGHUP, as cluster
// DNS adds a ready pod); once the clients' connections age out they
// re-resolve, and within max connection age + grace + the resolution
// interval the new replica takes at least a quarter of the calls, with no
// failed call.
//
// dnsmasq (Debian's dnsmasq-base) runs on 127.0.0.1 on a free port with
// only the test's hosts file; the replicas listen on 127.0.0.2-4 with one
// free port (all of 127.0.0.0/8 is loopback on Linux). Skipped when
// /usr/sbin/dnsmasq is missing.

#include <algorithm>
#include <array>
#include <cmath>
#include <csignal>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

#include "advisor/client/client.h"
#include "tests/connections/connection_test_support.h"
#include "tests/support/child_process.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_directory.h"
#include <pwd.h>
#include <unistd.h>

namespace advisor::testing {
namespace {

constexpr char kDnsmasq[] = "/usr/sbin/dnsmasq";
constexpr char kName[] = "advisor.test";
constexpr std::array<const char*, 3> kHosts = {"127.0.0.2", "127.0.0.3", "127.0.0.4"};
constexpr int kNewReplica = 2;
constexpr int kLoadThreads = 3;

// The servers' connection age and grace, and the client's shortest
// interval between two resolutions (gRPC's default is 30 s).
constexpr absl::Duration kMaxConnectionAge = absl::Seconds(2);
constexpr absl::Duration kMaxConnectionAgeGrace = absl::Seconds(1);
constexpr absl::Duration kResolutionInterval = absl::Seconds(1);
// The bound: the oldest connection's age with gRPC's +10 % jitter, its
// grace, one resolution interval, and a second for connecting on a loaded
// 2-core machine.
const absl::Duration kRebalanceBound =
    kMaxConnectionAge * 1.1 + kMaxConnectionAgeGrace + kResolutionInterval + absl::Seconds(1);
// How long the new replica's share is measured once the bound has passed.
constexpr absl::Duration kMeasureWindow = absl::Seconds(3);
constexpr absl::Duration kPhaseCap = absl::Seconds(30);

std::string HostsFile(int replicas) {
  std::string text;
  for (int replica = 0; replica < replicas; ++replica) {
    absl::StrAppend(&text, kHosts[replica], " ", kName, "\n");
  }
  return text;
}

std::unique_ptr<ServerProcess> StartReplica(int replica, int port, const std::string& kb,
                                            std::string* error) {
  absl::StatusOr<std::unique_ptr<ServerProcess>> server = ServerProcess::Start(
      {absl::StrCat("--host=", kHosts[replica]), absl::StrCat("--port=", port),
       absl::StrCat("--knowledge_base=", kb), "--grace_period=1s",
       absl::StrCat("--max_connection_age=", absl::FormatDuration(kMaxConnectionAge)),
       absl::StrCat("--max_connection_age_grace=", absl::FormatDuration(kMaxConnectionAgeGrace))});
  const std::string expected = absl::StrCat(kHosts[replica], ":", port);
  if (!server.ok() || (*server)->address() != expected) {
    *error = absl::StrCat("replica ", expected, " did not start: ",
                          server.ok() ? (*server)->address() : server.status().ToString());
    return nullptr;
  }
  return *std::move(server);
}

// dnsmasq serving only `hosts_file` (TTL 0) on 127.0.0.1:`port`, in the
// foreground, its pid file in `directory`; null (with `error`) when it did
// not start listening.
std::unique_ptr<ChildProcess> StartDnsmasq(const TempDirectory& directory,
                                           const std::string& hosts_file, int port,
                                           std::string* error) {
  const passwd* user = getpwuid(geteuid());
  absl::StatusOr<std::unique_ptr<ChildProcess>> dns = ChildProcess::Start(
      {kDnsmasq, "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
       absl::StrCat("--addn-hosts=", hosts_file), "--local-ttl=0", "--listen-address=127.0.0.1",
       "--bind-interfaces", absl::StrCat("--port=", port),
       absl::StrCat("--pid-file=", directory.Path("dnsmasq.pid")),
       // Keeps the user it runs as, which can read the test's directory on
       // SIGHUP (as root it would otherwise switch to nobody).
       absl::StrCat("--user=", user != nullptr ? user->pw_name : "root"), "--log-facility=-"});
  if (!dns.ok()) {
    *error = dns.status().ToString();
    return nullptr;
  }
  const absl::Time deadline = absl::Now() + kPhaseCap;
  while (!absl::StrContains((*dns)->Stderr(), "started, version")) {
    if (!(*dns)->IsRunning() || absl::Now() > deadline) {
      *error = absl::StrCat("dnsmasq did not start: ", (*dns)->Stderr());
      return nullptr;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  return *std::move(dns);
}

// Calls per replica among `calls` that finished in [from, to).
std::map<std::string, int> CountsBetween(const std::vector<ServedCall>& calls, absl::Time from,
                                         absl::Time to) {
  std::map<std::string, int> counts;
  for (const char* host : kHosts) counts[host] = 0;
  for (const ServedCall& call : calls) {
    if (call.time >= from && call.time < to) ++counts[call.replica];
  }
  return counts;
}

std::string Describe(const std::map<std::string, int>& counts) {
  std::vector<std::string> parts;
  for (const auto& [replica, count] : counts) parts.push_back(absl::StrCat(replica, "=", count));
  return absl::StrJoin(parts, "  ");
}

int Total(const std::map<std::string, int>& counts) {
  int total = 0;
  for (const auto& [replica, count] : counts) total += count;
  return total;
}

template <typename Done>
bool WaitFor(absl::Duration cap, Done done) {
  const absl::Time deadline = absl::Now() + cap;
  while (!done()) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return true;
}

TEST(ScaleOutTest, ANewReplicaTakesItsShareWithinMaxConnectionAgeAndNoCallFails) {
  if (access(kDnsmasq, X_OK) != 0) {
    GTEST_SKIP() << kDnsmasq << " is missing: install Debian's dnsmasq-base (make test-deps)";
  }
  const TempDirectory directory("scale_out");
  std::array<std::string, kHosts.size()> knowledge_bases;
  for (size_t replica = 0; replica < kHosts.size(); ++replica) {
    knowledge_bases[replica] = WriteReplicaKnowledgeBase(directory, kHosts[replica]);
    ASSERT_FALSE(knowledge_bases[replica].empty()) << "cannot write a knowledge base";
  }

  // One port free on the first address; another process may take it on one
  // of the others meanwhile, so try a few.
  int port = 0;
  std::array<std::unique_ptr<ServerProcess>, kHosts.size()> servers;
  std::string error;
  for (int attempt = 0; attempt < 5 && servers[1] == nullptr; ++attempt) {
    for (auto& server : servers) server.reset();
    port = PickFreePort(kHosts[0]);
    ASSERT_NE(port, 0) << "no free port on " << kHosts[0];
    for (int replica = 0; replica < 2; ++replica) {
      servers[replica] = StartReplica(replica, port, knowledge_bases[replica], &error);
      if (servers[replica] == nullptr) break;
    }
  }
  ASSERT_NE(servers[1], nullptr) << error;

  const std::string hosts_file = directory.Write("hosts", HostsFile(2));
  const int dns_port = PickFreePort("127.0.0.1", /*also_udp=*/true);
  ASSERT_NE(dns_port, 0) << "no free UDP and TCP port on 127.0.0.1";
  std::unique_ptr<ChildProcess> dns = StartDnsmasq(directory, hosts_file, dns_port, &error);
  ASSERT_NE(dns, nullptr) << error;

  client::ClientOptions options;
  options.target = absl::StrCat("dns://127.0.0.1:", dns_port, "/", kName, ":", port);
  options.dns_min_time_between_resolutions = kResolutionInterval;
  options.timeout = absl::Seconds(15);
  ASSERT_EQ(options.load_balancing_policy, "round_robin");
  client::AdvisorClient client(client::MakeAdvisorConnection(options));

  UnaryLoad load(client, kLoadThreads);
  ASSERT_TRUE(
      WaitFor(kPhaseCap, [&] { return load.Count(kHosts[0]) > 0 && load.Count(kHosts[1]) > 0; }))
      << "the two replicas did not both serve: " << load.Count(kHosts[0]) << " "
      << load.Count(kHosts[1]) << "\n"
      << load.FailureSamples() << "\ndnsmasq: " << dns->Stderr();
  const absl::Time steady_start = absl::Now();
  absl::SleepFor(absl::Seconds(3));

  // Scale-out: the replica serves, then joins the name, as a pod becomes
  // ready before its address is published.
  servers[kNewReplica] = StartReplica(kNewReplica, port, knowledge_bases[kNewReplica], &error);
  ASSERT_NE(servers[kNewReplica], nullptr) << error;
  directory.Write("hosts", HostsFile(3));
  ASSERT_TRUE(dns->Signal(SIGHUP).ok());
  const absl::Time joined = absl::Now();

  const bool reached = WaitFor(kPhaseCap, [&] { return load.Count(kHosts[kNewReplica]) > 0; });
  const absl::Time window_start = std::max(absl::Now(), joined + kRebalanceBound);
  absl::SleepFor(window_start + kMeasureWindow - absl::Now());
  load.Stop();

  const std::vector<ServedCall> calls = load.Served();
  absl::Time first_new = absl::InfiniteFuture();
  for (const ServedCall& call : calls) {
    if (call.replica == kHosts[kNewReplica]) first_new = std::min(first_new, call.time);
  }
  const std::map<std::string, int> before = CountsBetween(calls, steady_start, joined);
  const std::map<std::string, int> after =
      CountsBetween(calls, window_start, window_start + kMeasureWindow);
  const double share =
      Total(after) == 0 ? 0 : static_cast<double>(after.at(kHosts[kNewReplica])) / Total(after);
  std::cout << "[ scale-out ] --max_connection_age=" << absl::FormatDuration(kMaxConnectionAge)
            << " grace " << absl::FormatDuration(kMaxConnectionAgeGrace) << ", resolution interval "
            << absl::FormatDuration(kResolutionInterval) << ", " << kLoadThreads << " threads\n"
            << "  before (" << absl::FormatDuration(joined - steady_start)
            << "): " << Describe(before) << "\n  after  (" << absl::FormatDuration(kMeasureWindow)
            << " from join + " << absl::FormatDuration(window_start - joined)
            << "): " << Describe(after) << "\n"
            << "  first call on the new replica " << absl::FormatDuration(first_new - joined)
            << " after it joined the name; its share " << std::lround(share * 100)
            << " %; failed calls " << load.Failures() << " of " << calls.size() + load.Failures()
            << "\n";

  EXPECT_EQ(load.Failures(), 0) << load.FailureSamples();
  ASSERT_TRUE(reached) << "the new replica got no call within " << absl::FormatDuration(kPhaseCap);
  EXPECT_LE(first_new - joined, kRebalanceBound);
  EXPECT_GE(share, 0.25) << Describe(after);
  // Until it joined the name, no client knew the new replica.
  EXPECT_EQ(before.at(kHosts[kNewReplica]), 0);
}

}  // namespace
}  // namespace advisor::testing
