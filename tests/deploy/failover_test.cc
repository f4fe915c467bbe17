// Failover on one machine: three advisor_server processes on 127.0.0.1,
// 127.0.0.2 and 127.0.0.3 with the same port stand in for three pods behind
// a headless Service. One SDK client balances over all three
// (`ipv4:` target, round_robin) under steady load from several threads; one
// replica is killed with SIGKILL and later restarted on the same address.
// The client must see no failed call, and round_robin must spread the calls
// evenly while all three replicas serve.
//
// Each replica serves the default knowledge base with one extra note on the
// PyTorch framework naming the replica, so a GetFramework response tells
// which replica answered it (the API has no server identity field).
#include <array>
#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

#include "advisor/client/client.h"
#include "tests/support/replicas.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_directory.h"
#include <gtest/gtest.h>

namespace advisor::client {
namespace {

using ::advisor::testing::PickFreePort;
using ::advisor::testing::ServerProcess;
using ::advisor::testing::TempDirectory;
using ::advisor::testing::WriteMarkedKnowledgeBase;

constexpr int kReplicas = 3;
constexpr std::array<const char*, kReplicas> kHosts = {"127.0.0.1", "127.0.0.2", "127.0.0.3"};
constexpr char kFramework[] = "pytorch";
// The replica killed and restarted mid-run.
constexpr int kVictim = 1;
constexpr int kLoadThreads = 4;

// Bounds that keep the test finite on a loaded 2-core machine: each phase
// runs at least its minimum time and until it has enough calls, but never
// longer than its cap (then the test fails and says why).
constexpr absl::Duration kCallTimeout = absl::Seconds(15);
constexpr absl::Duration kWarmUpCap = absl::Seconds(30);
constexpr absl::Duration kEvenPhaseMin = absl::Seconds(2);
constexpr int kEvenPhaseMinCalls = 300;
constexpr absl::Duration kDegradedPhaseMin = absl::Seconds(1);
constexpr int kDegradedPhaseMinCalls = 100;
// gRPC reconnects with backoff 1 s x 1.6^n (jittered): after a ~2 s outage
// the restarted replica is reached within ~10 s.
constexpr absl::Duration kRecoveryCap = absl::Seconds(45);
constexpr int kRecoveredMinCalls = 20;
constexpr absl::Duration kPhaseCap = absl::Seconds(30);
// Allowed deviation of each replica's share from a third, before the kill.
constexpr double kSpreadTolerance = 0.20;

std::string ReplicaMarker(int replica) {
  return absl::StrCat("failover test: served by replica ", kHosts[replica]);
}

// Starts one replica; null (with the reason in `error`) if it did not
// report that it listens, e.g. because the port was taken meanwhile.
std::unique_ptr<ServerProcess> StartReplica(int replica, int port,
                                            const std::string& knowledge_base_path,
                                            std::string* error) {
  auto server = ServerProcess::Start(
      {absl::StrCat("--host=", kHosts[replica]), absl::StrCat("--port=", port),
       absl::StrCat("--knowledge_base=", knowledge_base_path), "--grace_period=1s"});
  std::string const expected = absl::StrCat(kHosts[replica], ":", port);
  if (!server.ok() || (*server)->address() != expected) {
    *error = absl::StrCat("replica ", expected, " did not start: ",
                          server.ok() ? (*server)->address() : server.status().ToString());
    return nullptr;
  }
  return *std::move(server);
}

// The phases of the run; each call is counted in the phase it started in.
enum Phase { kWarmUp = 0, kEven = 1, kDegraded = 2, kRecovered = 3, kPhases = 4 };

// Counts of calls per phase and replica, and every failure, from all load
// threads at once.
class CallLedger {
 public:
  void CountServed(int phase, int replica) { served_[phase][replica].fetch_add(1); }

  void CountFailure(std::string description) {
    failures_.fetch_add(1);
    std::lock_guard<std::mutex> lock(mutex_);
    if (failure_samples_.size() < 10) failure_samples_.push_back(std::move(description));
  }

  int Served(int phase, int replica) const { return served_[phase][replica].load(); }

  int ServedInPhase(int phase) const {
    int total = 0;
    for (int replica = 0; replica < kReplicas; ++replica) total += Served(phase, replica);
    return total;
  }

  int Failures() const { return failures_.load(); }

  std::string FailureSamples() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return absl::StrJoin(failure_samples_, "\n");
  }

  std::string Describe() const {
    std::string out;
    for (int phase = 0; phase < kPhases; ++phase) {
      absl::StrAppend(&out, "phase ", phase, ":");
      for (int replica = 0; replica < kReplicas; ++replica) {
        absl::StrAppend(&out, " ", kHosts[replica], "=", Served(phase, replica));
      }
      absl::StrAppend(&out, "\n");
    }
    return out;
  }

 private:
  std::array<std::array<std::atomic<int>, kReplicas>, kPhases> served_{};
  std::atomic<int> failures_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> failure_samples_;
};

// Runs GetFramework in a loop on `threads` threads until destroyed (also
// when an assertion returns early, so no thread outlives the test).
class SteadyLoad {
 public:
  SteadyLoad(AdvisorClient client, CallLedger& ledger, int threads) : ledger_(ledger) {
    for (int i = 0; i < threads; ++i)
      workers_.emplace_back([this, client]() mutable { Run(client); });
  }
  ~SteadyLoad() {
    stop_.store(true);
    for (std::thread& worker : workers_) worker.join();
  }
  SteadyLoad(const SteadyLoad&) = delete;
  SteadyLoad& operator=(const SteadyLoad&) = delete;

  void SetPhase(Phase phase) { phase_.store(phase); }

 private:
  void Run(AdvisorClient& client) {
    while (!stop_.load()) {
      const int phase = phase_.load();
      auto framework = client.GetFramework(kFramework);
      if (!framework.ok()) {
        ledger_.CountFailure(absl::StrCat("phase ", phase, ": ", framework.status().ToString()));
        continue;
      }
      int replica = -1;
      for (const std::string& note : framework->notes()) {
        for (int r = 0; r < kReplicas; ++r) {
          if (note == ReplicaMarker(r)) replica = r;
        }
      }
      if (replica < 0) {
        ledger_.CountFailure(absl::StrCat("phase ", phase, ": response from an unknown server"));
        continue;
      }
      ledger_.CountServed(phase, replica);
    }
  }

  CallLedger& ledger_;
  std::atomic<bool> stop_{false};
  std::atomic<int> phase_{kWarmUp};
  std::vector<std::thread> workers_;
};

// Waits until `done` holds, but at least `min` and at most `cap`; returns
// whether `done` held.
template <typename Done>
bool RunPhase(absl::Duration min, absl::Duration cap, Done done) {
  absl::Time const start = absl::Now();
  absl::SleepFor(min);
  while (!done()) {
    if (absl::Now() - start > cap) return false;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return true;
}

TEST(FailoverTest, KilledReplicaCausesNoFailedCallAndRoundRobinSpreadsEvenly) {
  // The replicas' files go with the test, however it ends.
  const TempDirectory directory("failover");
  std::array<std::string, kReplicas> knowledge_bases;
  for (int replica = 0; replica < kReplicas; ++replica) {
    knowledge_bases[replica] = WriteMarkedKnowledgeBase(
        directory, kFramework, ReplicaMarker(replica), absl::StrCat("replica_", replica, ".txtpb"));
    ASSERT_FALSE(knowledge_bases[replica].empty()) << "cannot write a knowledge base";
  }

  // The port is free on 127.0.0.1 when picked; another process may take it
  // before the servers bind, so try a few ports.
  int port = 0;
  std::array<std::unique_ptr<ServerProcess>, kReplicas> servers;
  std::string error;
  for (int attempt = 0; attempt < 5 && servers[kReplicas - 1] == nullptr; ++attempt) {
    for (auto& server : servers) server.reset();
    port = PickFreePort("127.0.0.1");
    ASSERT_NE(port, 0) << "no free port on 127.0.0.1";
    for (int replica = 0; replica < kReplicas; ++replica) {
      servers[replica] = StartReplica(replica, port, knowledge_bases[replica], &error);
      if (servers[replica] == nullptr) break;
    }
  }
  ASSERT_NE(servers[kReplicas - 1], nullptr) << error;

  ClientOptions options;
  options.target =
      absl::StrCat("ipv4:", absl::StrJoin(kHosts, absl::StrCat(":", port, ",")), ":", port);
  EXPECT_EQ(options.load_balancing_policy, "round_robin");
  EXPECT_GT(options.retry.max_attempts, 1);

  options.timeout = kCallTimeout;
  AdvisorClient client(MakeAdvisorConnection(options));

  CallLedger ledger;
  {
    SteadyLoad load(client, ledger, kLoadThreads);

    // Until every replica has a connection, round_robin can only use the
    // ones that have: count only after each has served a call.
    ASSERT_TRUE(RunPhase(absl::ZeroDuration(), kWarmUpCap,
                         [&] {
                           for (int replica = 0; replica < kReplicas; ++replica) {
                             if (ledger.Served(kWarmUp, replica) == 0) return false;
                           }
                           return true;
                         }))
        << "not every replica served during warm-up:\n"
        << ledger.Describe() << ledger.FailureSamples();

    load.SetPhase(kEven);
    ASSERT_TRUE(RunPhase(kEvenPhaseMin, kPhaseCap,
                         [&] { return ledger.ServedInPhase(kEven) >= kEvenPhaseMinCalls; }))
        << "too few calls with three replicas:\n"
        << ledger.Describe();

    // SIGKILL: no drain, no GOAWAY; the client learns from the dropped
    // connections, and calls in flight there fail with UNAVAILABLE and are
    // retried on the other replicas.
    ASSERT_TRUE(servers[kVictim]->Signal(SIGKILL).ok());
    auto killed = servers[kVictim]->WaitForExit(absl::Seconds(10));
    ASSERT_TRUE(killed.ok()) << killed.status();
    load.SetPhase(kDegraded);
    ASSERT_TRUE(RunPhase(kDegradedPhaseMin, kPhaseCap,
                         [&] { return ledger.ServedInPhase(kDegraded) >= kDegradedPhaseMinCalls; }))
        << "too few calls with two replicas:\n"
        << ledger.Describe() << ledger.FailureSamples();

    servers[kVictim] = StartReplica(kVictim, port, knowledge_bases[kVictim], &error);
    ASSERT_NE(servers[kVictim], nullptr) << error;
    load.SetPhase(kRecovered);
    EXPECT_TRUE(RunPhase(absl::ZeroDuration(), kRecoveryCap,
                         [&] { return ledger.Served(kRecovered, kVictim) >= kRecoveredMinCalls; }))
        << "the restarted replica got no calls back:\n"
        << ledger.Describe();
  }  // Stops and joins the load threads.

  std::cout << "[ failover ] port " << port << "\n" << ledger.Describe();
  EXPECT_EQ(ledger.Failures(), 0) << "failed calls, first ones:\n" << ledger.FailureSamples();

  const int even_total = ledger.ServedInPhase(kEven);
  for (int replica = 0; replica < kReplicas; ++replica) {
    const double share = static_cast<double>(ledger.Served(kEven, replica)) / even_total;
    EXPECT_NEAR(share, 1.0 / kReplicas, kSpreadTolerance / kReplicas)
        << kHosts[replica] << " served " << ledger.Served(kEven, replica) << " of " << even_total
        << " calls before the kill";
  }
  // Calls started after the victim died went to the other two.
  EXPECT_EQ(ledger.Served(kDegraded, kVictim), 0);
  for (int replica = 0; replica < kReplicas; ++replica) {
    if (replica != kVictim) {
      EXPECT_GT(ledger.Served(kDegraded, replica), 0) << kHosts[replica];
    }
  }
}

}  // namespace
}  // namespace advisor::client
