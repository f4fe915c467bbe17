#ifndef ADVISOR_TESTS_OPS_OPS_TEST_SUPPORT_H_
#define ADVISOR_TESTS_OPS_OPS_TEST_SUPPORT_H_

#include <map>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

#include "service/observer/server_observer.h"
#include <grpcpp/grpcpp.h>

namespace advisor::testing {

// Helpers of the operations tests only; processes, servers, call contexts
// and temporary directories come from tests/support.

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
