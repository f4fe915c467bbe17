#include "tests/ops/ops_test_support.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"

#include "advisor/v1/framework_service.grpc.pb.h"
#include "service/knowledge_base/knowledge_base_loader.h"

namespace advisor::testing {

constexpr absl::string_view kListeningPrefix = "advisor_server listening on ";

const char* AdvisorServerPath() { return ADVISOR_SERVER_PATH; }

std::unique_ptr<grpc::ClientContext> CallContext() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + kCallTimeout);
  return context;
}

StartedServer StartServerProcess(const std::vector<std::string>& flags) {
  std::vector<std::string> arguments = {"--host=127.0.0.1", "--port=0"};
  arguments.insert(arguments.end(), flags.begin(), flags.end());
  StartedServer server;
  absl::StatusOr<std::unique_ptr<ServerProcess>> process =
      ServerProcess::Start(ADVISOR_SERVER_PATH, arguments);
  if (!process.ok()) {
    ADD_FAILURE() << process.status();
    return server;
  }
  server.process = *std::move(process);
  absl::StatusOr<std::string> line = server.process->ReadStdoutLine(kProcessTimeout);
  if (!line.ok() || !absl::StartsWith(*line, kListeningPrefix)) {
    ADD_FAILURE() << "server did not start: " << line.value_or(line.status().ToString())
                  << "\nstderr:\n"
                  << server.process->Stderr();
    return server;
  }
  server.address = std::string(line->substr(kListeningPrefix.size()));
  return server;
}

TestDirectory::TestDirectory(const std::string& prefix) {
  std::string base = ::testing::TempDir();
  if (base.empty() || base.back() != '/') base += '/';
  std::string pattern = absl::StrCat(base, prefix, "_XXXXXX");
  EXPECT_NE(mkdtemp(pattern.data()), nullptr) << pattern;
  path_ = pattern;
}

TestDirectory::~TestDirectory() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TestDirectory::Path(const std::string& name) const {
  return absl::StrCat(path_, "/", name);
}

std::string TestDirectory::Write(const std::string& name, const std::string& contents) const {
  const std::string path = Path(name);
  const std::string partial = path + ".partial";
  std::ofstream(partial) << contents;
  EXPECT_EQ(std::rename(partial.c_str(), path.c_str()), 0) << path;
  return path;
}

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
