#ifndef ADVISOR_TESTS_OPS_STEADY_LOAD_H_
#define ADVISOR_TESTS_OPS_STEADY_LOAD_H_

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

#include <grpcpp/security/credentials.h>

namespace advisor::testing {

// Client threads calling GetFramework("keras") on a server back to back,
// each on its own connection, recording every outcome and the knowledge
// base version each OK call was served with. Thread-safe.
class SteadyLoad {
 public:
  // Starts `threads` callers against `address` (plaintext).
  SteadyLoad(const std::string& address, int threads);
  // The same over `credentials` (e.g. TLS).
  SteadyLoad(const std::string& address, int threads,
             std::shared_ptr<grpc::ChannelCredentials> credentials);
  // Stops the callers (see Stop).
  ~SteadyLoad();

  SteadyLoad(const SteadyLoad&) = delete;
  SteadyLoad& operator=(const SteadyLoad&) = delete;

  // Lets each caller finish its current call, then joins them.
  void Stop();

  // Waits until an OK call has reported `version` in its trailers.
  bool WaitForVersion(const std::string& version, absl::Duration timeout);

  // Waits until at least `count` more calls have succeeded.
  bool WaitForMoreOkCalls(int count, absl::Duration timeout);

  int ok_calls() const;
  // Failed calls by status code, and the first few messages.
  std::map<int, int> failures() const;
  std::string failure_messages() const;
  // Every version seen, in the order first seen.
  std::vector<std::string> versions() const;
  // Version of the most recent OK call.
  std::string last_version() const;

 private:
  void Run(const std::string& address);

  const std::shared_ptr<grpc::ChannelCredentials> credentials_;
  mutable absl::Mutex mutex_;
  int ok_calls_ ABSL_GUARDED_BY(mutex_) = 0;
  std::map<int, int> failures_ ABSL_GUARDED_BY(mutex_);
  std::string failure_messages_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::string> versions_ ABSL_GUARDED_BY(mutex_);
  std::string last_version_ ABSL_GUARDED_BY(mutex_);
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
};

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_OPS_STEADY_LOAD_H_
