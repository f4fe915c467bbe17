#include "tests/connections/connection_test_support.h"

#include <cstdio>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

#include <grpc/support/log.h>

namespace advisor::testing {
namespace {

std::string MarkerNote(absl::string_view replica) {
  return absl::StrCat("connections test: served by ", replica);
}

// gpr_log's callback has no user data: the counter's state is global.
std::mutex log_mutex;
std::string log_needle;
int log_matches = 0;

void CountLog(gpr_log_func_args* args) {
  if (args->message == nullptr) return;
  // Still shown, as gRPC's own logger would (e.g. with GRPC_TRACE set).
  std::fprintf(stderr, "grpc: %s:%d: %s\n", args->file, args->line, args->message);
  std::lock_guard<std::mutex> lock(log_mutex);
  if (absl::string_view(args->message).find(log_needle) != absl::string_view::npos) ++log_matches;
}

}  // namespace

std::string WriteReplicaKnowledgeBase(const TempDirectory& directory, absl::string_view replica) {
  return WriteMarkedKnowledgeBase(directory, kMarkedFramework, MarkerNote(replica),
                                  absl::StrCat("replica_", replica, ".txtpb"));
}

std::string ServedBy(const v1::Framework& framework) {
  const std::string prefix = MarkerNote("");
  for (const std::string& note : framework.notes()) {
    if (absl::StartsWith(note, prefix)) return note.substr(prefix.size());
  }
  return "";
}

std::set<std::string> CallLogPeers(const std::string& server_stderr) {
  std::set<std::string> peers;
  const std::string kPeer = R"("peer":")";
  for (size_t at = server_stderr.find(kPeer); at != std::string::npos;
       at = server_stderr.find(kPeer, at + 1)) {
    const size_t start = at + kPeer.size();
    const size_t end = server_stderr.find('"', start);
    if (end == std::string::npos) break;
    if (end > start) peers.insert(server_stderr.substr(start, end - start));
  }
  return peers;
}

GrpcLogCounter::GrpcLogCounter(std::string needle) {
  {
    std::lock_guard<std::mutex> lock(log_mutex);
    log_needle = std::move(needle);
    log_matches = 0;
  }
  gpr_set_log_function(CountLog);
}

GrpcLogCounter::~GrpcLogCounter() { gpr_set_log_function(nullptr); }

int GrpcLogCounter::count() const {
  std::lock_guard<std::mutex> lock(log_mutex);
  return log_matches;
}

UnaryLoad::UnaryLoad(const client::AdvisorClient& client, int threads) {
  for (int i = 0; i < threads; ++i) workers_.emplace_back([this, client] { Run(client); });
}

UnaryLoad::~UnaryLoad() { Stop(); }

void UnaryLoad::Stop() {
  stop_.store(true);
  for (std::thread& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
}

void UnaryLoad::Run(client::AdvisorClient client) {
  while (!stop_.load()) {
    absl::StatusOr<v1::Framework> framework = client.GetFramework(kMarkedFramework);
    std::lock_guard<std::mutex> lock(mutex_);
    if (!framework.ok()) {
      ++failure_count_;
      if (failures_.size() < 10) failures_.push_back(framework.status().ToString());
      continue;
    }
    served_.push_back({absl::Now(), ServedBy(*framework)});
  }
}

std::vector<ServedCall> UnaryLoad::Served() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return served_;
}

int UnaryLoad::Failures() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return failure_count_;
}

std::string UnaryLoad::FailureSamples() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return absl::StrJoin(failures_, "\n");
}

int UnaryLoad::Count(const std::string& replica) const {
  std::lock_guard<std::mutex> lock(mutex_);
  int count = 0;
  for (const ServedCall& call : served_) {
    if (replica.empty() || call.replica == replica) ++count;
  }
  return count;
}

}  // namespace advisor::testing
