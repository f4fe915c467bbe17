#ifndef ADVISOR_TESTS_CONNECTIONS_CONNECTION_TEST_SUPPORT_H_
#define ADVISOR_TESTS_CONNECTIONS_CONNECTION_TEST_SUPPORT_H_

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

#include "advisor/client/client.h"
#include "tests/support/replicas.h"
#include "tests/support/temp_directory.h"

namespace advisor::testing {

// The framework whose notes name the replica that served it.
inline constexpr char kMarkedFramework[] = "pytorch";

// Writes the default knowledge base plus a note naming `replica` on
// kMarkedFramework into `directory`; returns its path, empty on failure.
std::string WriteReplicaKnowledgeBase(const TempDirectory& directory, absl::string_view replica);

// The replica a GetFramework(kMarkedFramework) answer names; empty if none.
std::string ServedBy(const v1::Framework& framework);

// The client addresses (peers) in an advisor_server call log (its stderr
// with --log_level=debug): one per connection the server accepted calls on.
std::set<std::string> CallLogPeers(const std::string& server_stderr);

// Counts gRPC's own log lines (gpr_log, at the default ERROR verbosity)
// that contain `needle` while it lives, e.g. the client's "too_many_pings"
// GOAWAY message. One at a time.
class GrpcLogCounter {
 public:
  explicit GrpcLogCounter(std::string needle);
  ~GrpcLogCounter();
  GrpcLogCounter(const GrpcLogCounter&) = delete;
  GrpcLogCounter& operator=(const GrpcLogCounter&) = delete;

  int count() const;
};

// One successful call: when it finished and which replica served it.
struct ServedCall {
  absl::Time time;
  std::string replica;
};

// GetFramework(kMarkedFramework) in a loop on `threads` threads until
// Stop() or destruction (also when an assertion returns early, so no thread
// outlives the test); records every served call and every failure.
class UnaryLoad {
 public:
  UnaryLoad(const client::AdvisorClient& client, int threads);
  ~UnaryLoad();
  UnaryLoad(const UnaryLoad&) = delete;
  UnaryLoad& operator=(const UnaryLoad&) = delete;

  void Stop();
  std::vector<ServedCall> Served() const;
  int Failures() const;
  // The first failures' statuses, one a line.
  std::string FailureSamples() const;
  // Calls served by `replica` so far (all replicas when empty).
  int Count(const std::string& replica = "") const;

 private:
  void Run(client::AdvisorClient client);

  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::vector<ServedCall> served_;
  std::vector<std::string> failures_;
  int failure_count_ = 0;
  std::vector<std::thread> workers_;
};

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_CONNECTIONS_CONNECTION_TEST_SUPPORT_H_
