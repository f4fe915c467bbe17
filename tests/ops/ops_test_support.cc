#include "tests/ops/ops_test_support.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

#include "advisor/v1/framework_service.grpc.pb.h"
#include "service/knowledge_base/knowledge_base_loader.h"
#include "tests/support/call_context.h"

namespace advisor::testing {

std::string KnowledgeBaseWithVersion(const std::string& version) {
  return absl::StrReplaceAll(knowledge_base::DefaultKnowledgeBaseText(),
                             {{"version: \"2024.1\"", absl::StrCat("version: \"", version, "\"")}});
}

std::string MetadataValue(const std::multimap<grpc::string_ref, grpc::string_ref>& metadata,
                          const std::string& key) {
  const auto found = metadata.find(key);
  if (found == metadata.end()) return "";
  return std::string(found->second.data(), found->second.size());
}

std::string ServedKnowledgeBaseVersion(const std::string& address) {
  auto stub = advisor::v1::FrameworkService::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  std::unique_ptr<grpc::ClientContext> context = CallContext();
  advisor::v1::GetFrameworkRequest request;
  request.set_name("keras");
  advisor::v1::GetFrameworkResponse response;
  const grpc::Status status = stub->GetFramework(context.get(), request, &response);
  if (!status.ok())
    return absl::StrCat("error ", status.error_code(), ": ", status.error_message());
  return response.served_by().knowledge_base_version();
}

void RecordingObserver::OnCallStarted(absl::string_view /*method*/) {
  absl::MutexLock lock(&mutex_);
  ++started_;
}

void RecordingObserver::OnCallFinished(const api::FinishedCall& call) {
  absl::MutexLock lock(&mutex_);
  finished_.push_back({std::string(call.method), call.status_code, call.latency,
                       std::string(call.peer), std::string(call.request_id)});
}

void RecordingObserver::OnKnowledgeBaseLoad(const api::KnowledgeBaseLoad& load) {
  absl::MutexLock lock(&mutex_);
  loads_.push_back({load.ok, std::string(load.serving_version), std::string(load.error)});
}

int RecordingObserver::started() const {
  absl::MutexLock lock(&mutex_);
  return started_;
}

std::vector<RecordingObserver::Call> RecordingObserver::finished() const {
  absl::MutexLock lock(&mutex_);
  return finished_;
}

std::vector<RecordingObserver::Load> RecordingObserver::loads() const {
  absl::MutexLock lock(&mutex_);
  return loads_;
}

bool RecordingObserver::WaitForFinished(size_t count, absl::Duration timeout) const {
  absl::MutexLock lock(&mutex_);
  auto enough = [this, count]()
                    ABSL_SHARED_LOCKS_REQUIRED(mutex_) { return finished_.size() >= count; };
  return mutex_.AwaitWithTimeout(absl::Condition(&enough), timeout);
}

}  // namespace advisor::testing
