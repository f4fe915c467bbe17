// fault_driver: calls an advisor server through the C++ SDK at a steady
// rate while network_faults_test.py breaks the network under it, and
// records every call. The SDK keeps its default options except the target
// and the deadline (`ClientOptions::timeout`, one connection per deadline).
//
//   fault_driver --target=ipv4:10.77.0.2:5000,10.77.0.6:5000
//       --deadlines=500ms --duration=8s --rate=200 --records=FILE
//
// Open loop: call k starts at k / --rate seconds whatever earlier calls do
// (a stuck replica must not slow the offered load), and the calls cycle
// through --deadlines. Each call is GetFramework("pytorch"); the records
// file gets one tab-separated line per call: start and end (CLOCK_MONOTONIC
// seconds, the clock of Python's time.monotonic() too), deadline in
// seconds, status code name, and the knowledge base version in served_by
// (which tells the replicas apart; empty on failure).
//
// Prints the SDK's keepalive defaults ("fault_driver keepalive: time 60
// s, timeout 20 s"), "fault_driver started at T" (monotonic seconds) just
// before the first call and "fault_driver done: N calls, U unfinished" at
// the end.
// Exit status: 0 when every call reported back within its deadline plus
// --finish_slack (whatever its code), 1 when some never did, 2 for bad flags.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

#include "advisor/client/client.h"

ABSL_FLAG(std::string, target, "", "gRPC target of the replicas, e.g. ipv4:A:P,B:P.");
ABSL_FLAG(std::vector<std::string>, deadlines, {"1s"},
          "Deadlines the calls cycle through, e.g. 50ms,2s.");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(5), "How long to start calls.");
ABSL_FLAG(int, rate, 200, "Calls started per second.");
ABSL_FLAG(std::string, records, "", "File to write one line per call to.");
ABSL_FLAG(absl::Duration, finish_slack, absl::Seconds(5),
          "After the last call's deadline, how long to wait for calls that have not reported "
          "back before calling them hung.");

namespace advisor::testing {
namespace {

constexpr int kExitHung = 1;
constexpr int kExitUsage = 2;

double MonotonicSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct CallRecord {
  double start = 0;
  double end = 0;
  double deadline = 0;
  std::string code;
  std::string replica;
};

// Every call's record, filled in from gRPC's callback threads.
class Recorder {
 public:
  // Reserves the record of a call starting now; returns its index.
  size_t Start(double deadline) {
    absl::MutexLock lock(&mu_);
    records_.push_back({MonotonicSeconds(), 0, deadline, "", ""});
    return records_.size() - 1;
  }

  void Finish(size_t index, const absl::StatusOr<v1::GetFrameworkResponse>& result) {
    const double end = MonotonicSeconds();
    absl::MutexLock lock(&mu_);
    CallRecord& record = records_[index];
    record.end = end;
    record.code = absl::StatusCodeToString(result.status().code());
    if (result.ok()) record.replica = result->served_by().knowledge_base_version();
    ++finished_;
  }

  // Waits until every started call has finished or `deadline` passes;
  // returns how many have not finished.
  size_t AwaitAll(absl::Time deadline) {
    absl::MutexLock lock(&mu_);
    auto all_finished = [this]() { return finished_ == records_.size(); };
    mu_.AwaitWithDeadline(absl::Condition(&all_finished), deadline);
    return records_.size() - finished_;
  }

  size_t Calls() {
    absl::MutexLock lock(&mu_);
    return records_.size();
  }

  // Writes the finished calls' records; false if the file cannot be written.
  bool Write(const std::string& path) {
    absl::MutexLock lock(&mu_);
    std::ofstream out(path);
    for (const CallRecord& record : records_) {
      if (record.code.empty()) continue;
      out << absl::StrFormat("%.6f\t%.6f\t%.3f\t%s\t%s\n", record.start, record.end,
                             record.deadline, record.code, record.replica);
    }
    return static_cast<bool>(out.flush());
  }

 private:
  absl::Mutex mu_;
  std::vector<CallRecord> records_ ABSL_GUARDED_BY(mu_);
  size_t finished_ ABSL_GUARDED_BY(mu_) = 0;
};

int Run() {
  const std::string target = absl::GetFlag(FLAGS_target);
  const std::string records_path = absl::GetFlag(FLAGS_records);
  const int rate = absl::GetFlag(FLAGS_rate);
  const absl::Duration duration = absl::GetFlag(FLAGS_duration);
  if (target.empty() || records_path.empty()) {
    std::cerr << "fault_driver: --target and --records are required\n";
    return kExitUsage;
  }
  if (rate <= 0 || rate > 10000 || duration <= absl::ZeroDuration()) {
    std::cerr << "fault_driver: --rate must be in [1, 10000] and --duration positive\n";
    return kExitUsage;
  }
  std::vector<absl::Duration> deadlines;
  std::vector<client::AdvisorClient> clients;
  for (const std::string& text : absl::GetFlag(FLAGS_deadlines)) {
    absl::Duration deadline;
    if (!absl::ParseDuration(text, &deadline) || deadline <= absl::ZeroDuration()) {
      std::cerr << "fault_driver: --deadlines: not a positive duration: \"" << text << "\"\n";
      return kExitUsage;
    }
    client::ClientOptions options;
    options.target = target;
    options.timeout = deadline;
    deadlines.push_back(deadline);
    clients.emplace_back(client::MakeAdvisorConnection(options));
  }
  if (deadlines.empty()) {
    std::cerr << "fault_driver: --deadlines is empty\n";
    return kExitUsage;
  }

  // The test's bound for noticing a lasting blackhole comes from these.
  const client::ClientOptions defaults;
  std::cout << absl::StrFormat("fault_driver keepalive: time %g s, timeout %g s",
                               absl::ToDoubleSeconds(defaults.keepalive_time),
                               absl::ToDoubleSeconds(defaults.keepalive_timeout))
            << std::endl;
  v1::GetFrameworkRequest request;
  request.set_name("pytorch");
  // Shared with the callbacks, so a call finishing late still has it.
  auto recorder = std::make_shared<Recorder>();
  const double first = MonotonicSeconds();
  std::cout << absl::StrFormat("fault_driver started at %.6f", first) << std::endl;
  const auto start = std::chrono::steady_clock::now();
  const long long total = static_cast<long long>(absl::ToDoubleSeconds(duration) * rate);
  absl::Duration longest = absl::ZeroDuration();
  for (long long k = 0; k < total; ++k) {
    std::this_thread::sleep_until(start + std::chrono::microseconds(k * 1000000 / rate));
    const size_t which = static_cast<size_t>(k) % deadlines.size();
    longest = std::max(longest, deadlines[which]);
    const size_t index = recorder->Start(absl::ToDoubleSeconds(deadlines[which]));
    clients[which].AsyncGetFramework(
        request, [recorder, index](absl::StatusOr<v1::GetFrameworkResponse> result) {
          recorder->Finish(index, result);
        });
  }
  const size_t unfinished =
      recorder->AwaitAll(absl::Now() + longest + absl::GetFlag(FLAGS_finish_slack));
  const bool written = recorder->Write(records_path);
  std::cout << "fault_driver done: " << recorder->Calls() << " calls, " << unfinished
            << " unfinished" << std::endl;
  if (!written) {
    std::cerr << "fault_driver: cannot write " << records_path << "\n";
    std::_Exit(kExitUsage);
  }
  // A hung call could hold up the channels' destruction: leave at once.
  if (unfinished > 0) std::_Exit(kExitHung);
  return 0;
}

}  // namespace
}  // namespace advisor::testing

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Calls advisor replicas through the SDK at a steady rate and records every call "
      "(tests/network).");
  absl::ParseCommandLine(argc, argv);
  return advisor::testing::Run();
}
