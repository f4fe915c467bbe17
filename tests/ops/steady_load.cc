#include "tests/ops/steady_load.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"

#include "advisor/v1/framework_service.grpc.pb.h"
#include "tests/support/call_context.h"
#include <grpcpp/grpcpp.h>

namespace advisor::testing {

SteadyLoad::SteadyLoad(const std::string& address, int threads)
    : SteadyLoad(address, threads, grpc::InsecureChannelCredentials()) {}

SteadyLoad::SteadyLoad(const std::string& address, int threads,
                       std::shared_ptr<grpc::ChannelCredentials> credentials)
    : credentials_(std::move(credentials)) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this, address] { Run(address); });
}

SteadyLoad::~SteadyLoad() { Stop(); }

void SteadyLoad::Stop() {
  stop_ = true;
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

void SteadyLoad::Run(const std::string& address) {
  // A channel per thread: separate connections, as separate clients have.
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  auto stub = advisor::v1::FrameworkService::NewStub(
      grpc::CreateCustomChannel(address, credentials_, arguments));
  advisor::v1::GetFrameworkRequest request;
  request.set_name("keras");
  while (!stop_) {
    std::unique_ptr<grpc::ClientContext> context = CallContext();
    advisor::v1::GetFrameworkResponse response;
    const grpc::Status status = stub->GetFramework(context.get(), request, &response);
    absl::MutexLock lock(&mutex_);
    if (status.ok()) {
      ++ok_calls_;
      last_version_ = response.served_by().knowledge_base_version();
      if (std::find(versions_.begin(), versions_.end(), last_version_) == versions_.end()) {
        versions_.push_back(last_version_);
      }
    } else {
      ++failures_[status.error_code()];
      if (failure_messages_.size() < 2000) {
        absl::StrAppend(&failure_messages_, status.error_code(), ": ", status.error_message(),
                        "\n");
      }
    }
  }
}

bool SteadyLoad::WaitForVersion(const std::string& version, absl::Duration timeout) {
  absl::MutexLock lock(&mutex_);
  auto seen = [this, &version]()
                  ABSL_SHARED_LOCKS_REQUIRED(mutex_) { return last_version_ == version; };
  return mutex_.AwaitWithTimeout(absl::Condition(&seen), timeout);
}

bool SteadyLoad::WaitForMoreOkCalls(int count, absl::Duration timeout) {
  absl::MutexLock lock(&mutex_);
  const int target = ok_calls_ + count;
  auto enough = [this, target]() ABSL_SHARED_LOCKS_REQUIRED(mutex_) { return ok_calls_ >= target; };
  return mutex_.AwaitWithTimeout(absl::Condition(&enough), timeout);
}

int SteadyLoad::ok_calls() const {
  absl::MutexLock lock(&mutex_);
  return ok_calls_;
}

std::map<int, int> SteadyLoad::failures() const {
  absl::MutexLock lock(&mutex_);
  return failures_;
}

std::string SteadyLoad::failure_messages() const {
  absl::MutexLock lock(&mutex_);
  return failure_messages_;
}

std::vector<std::string> SteadyLoad::versions() const {
  absl::MutexLock lock(&mutex_);
  return versions_;
}

std::string SteadyLoad::last_version() const {
  absl::MutexLock lock(&mutex_);
  return last_version_;
}

}  // namespace advisor::testing
