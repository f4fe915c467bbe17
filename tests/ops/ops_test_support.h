#ifndef ADVISOR_TESTS_OPS_OPS_TEST_SUPPORT_H_
#define ADVISOR_TESTS_OPS_OPS_TEST_SUPPORT_H_

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

#include "service/api/server_observer.h"
#include "tests/api/server_process.h"
#include <grpcpp/grpcpp.h>

namespace advisor::testing {

// Generous: a loaded CI machine may be slow; only a hang should hit them.
inline constexpr absl::Duration kProcessTimeout = absl::Seconds(30);
inline constexpr std::chrono::seconds kCallTimeout(30);

// Path of the advisor_server binary under test.
const char* AdvisorServerPath();

// A client context whose call fails rather than hangs on a stuck server.
std::unique_ptr<grpc::ClientContext> CallContext();

// Starts the advisor_server binary on a free port of 127.0.0.1 with
// `flags`, and reads the address it listens on. Fails the test (and
// returns null) if it does not start.
struct StartedServer {
  std::unique_ptr<ServerProcess> process;
  std::string address;
};
StartedServer StartServerProcess(const std::vector<std::string>& flags);

// A directory of the test's own under the temporary directory (a unique
// name, so tests running at the same time do not meet), removed with all
// it holds when the object goes: tests leave no files, keys or
// certificates behind.
class TestDirectory {
 public:
  explicit TestDirectory(const std::string& prefix);
  ~TestDirectory();
  TestDirectory(const TestDirectory&) = delete;
  TestDirectory& operator=(const TestDirectory&) = delete;

  const std::string& path() const { return path_; }
  // The path of `name` inside it.
  std::string Path(const std::string& name) const;
  // Writes `contents` to `name` inside it and returns the path. Written
  // aside and renamed, so a server polling the file never reads half of it.
  std::string Write(const std::string& name, const std::string& contents) const;

 private:
  std::string path_;
};

// A copy of the built-in knowledge base with its version replaced.
std::string KnowledgeBaseWithVersion(const std::string& version);

// The value of `key` in a metadata map, or "" when absent.
std::string MetadataValue(const std::multimap<grpc::string_ref, grpc::string_ref>& metadata,
                          const std::string& key);

// Calls GetFramework("keras") on `address` over plaintext and returns the
// knowledge base version from the trailers, or the error as text.
std::string ServedKnowledgeBaseVersion(const std::string& address);

// Records what the server tells its observers. Thread-safe.
class RecordingObserver final : public api::ServerObserver {
 public:
  struct Call {
    std::string method;
    int status_code = 0;
    absl::Duration latency;
    std::string peer;
    std::string request_id;
  };
  struct Load {
    bool ok = false;
    std::string serving_version;
    std::string error;
  };

  void OnCallStarted(absl::string_view method) override;
  void OnCallFinished(const api::FinishedCall& call) override;
  void OnKnowledgeBaseLoad(const api::KnowledgeBaseLoad& load) override;
  bool WantsCallDetails(int /*status_code*/) const override { return true; }

  int started() const;
  std::vector<Call> finished() const;
  std::vector<Load> loads() const;
  // Waits until `count` calls have finished (observers run after the
  // client already has its answer). False on timeout.
  bool WaitForFinished(size_t count, absl::Duration timeout) const;

 private:
  mutable absl::Mutex mutex_;
  int started_ ABSL_GUARDED_BY(mutex_) = 0;
  std::vector<Call> finished_ ABSL_GUARDED_BY(mutex_);
  std::vector<Load> loads_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_OPS_OPS_TEST_SUPPORT_H_
