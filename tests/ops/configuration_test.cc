// Configuration of the advisor_server binary: every server flag can come
// from an ADVISOR_<FLAG> environment variable, the command line wins, an
// invalid value is exit status 2, and --help documents flags and the rule.

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "advisor/v1/framework_service.grpc.pb.h"
#include "tests/ops/ops_test_support.h"
#include <grpcpp/grpcpp.h>

namespace advisor::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr absl::string_view kListeningPrefix = "advisor_server listening on ";

// Sets environment variables for the servers a test starts (children
// inherit the environment) and removes them afterwards.
class ScopedEnvironment {
 public:
  ScopedEnvironment(std::initializer_list<std::pair<std::string, std::string>> variables) {
    for (const auto& [name, value] : variables) {
      setenv(name.c_str(), value.c_str(), /*overwrite=*/1);
      names_.push_back(name);
    }
  }
  ~ScopedEnvironment() {
    for (const std::string& name : names_) unsetenv(name.c_str());
  }
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

 private:
  std::vector<std::string> names_;
};

std::string RunToEnd(const std::vector<std::string>& arguments, ProcessExit& exit) {
  absl::StatusOr<std::unique_ptr<ServerProcess>> process =
      ServerProcess::Start(AdvisorServerPath(), arguments);
  EXPECT_TRUE(process.ok()) << process.status();
  if (!process.ok()) return "";
  std::string output;
  while (true) {
    absl::StatusOr<std::string> line = (*process)->ReadStdoutLine(kProcessTimeout);
    if (!line.ok()) break;
    absl::StrAppend(&output, *line, "\n");
  }
  absl::StatusOr<ProcessExit> ended = (*process)->WaitForExit(kProcessTimeout);
  EXPECT_TRUE(ended.ok()) << ended.status();
  if (ended.ok()) exit = *ended;
  return output + (*process)->Stderr();
}

TEST(ConfigurationTest, FlagsComeFromTheEnvironment) {
  const TestDirectory directory("configuration");
  const std::string path =
      directory.Write("knowledge_base.txtpb", KnowledgeBaseWithVersion("from-env"));
  ScopedEnvironment environment({{"ADVISOR_HOST", "127.0.0.1"},
                                 {"ADVISOR_PORT", "0"},
                                 {"ADVISOR_KNOWLEDGE_BASE", path},
                                 {"ADVISOR_LOG_LEVEL", "debug"}});
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start(AdvisorServerPath(), {});
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<std::string> line = (*server)->ReadStdoutLine(kProcessTimeout);
  ASSERT_TRUE(line.ok()) << line.status() << (*server)->Stderr();
  ASSERT_THAT(*line, StartsWith(absl::StrCat(kListeningPrefix, "127.0.0.1:")));
  {
    auto stub = advisor::v1::FrameworkService::NewStub(grpc::CreateChannel(
        line->substr(kListeningPrefix.size()), grpc::InsecureChannelCredentials()));
    std::unique_ptr<grpc::ClientContext> context = CallContext();
    advisor::v1::GetFrameworkRequest request;
    request.set_name("keras");
    advisor::v1::GetFrameworkResponse response;
    ASSERT_TRUE(stub->GetFramework(context.get(), request, &response).ok());
    EXPECT_EQ(response.served_by().knowledge_base_version(), "from-env");
  }
  ASSERT_TRUE((*server)->Signal(SIGTERM).ok());
  absl::StatusOr<ProcessExit> exit = (*server)->WaitForExit(kProcessTimeout);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 0);
  // ADVISOR_LOG_LEVEL=debug took effect: the OK call was logged.
  EXPECT_THAT((*server)->Stderr(), HasSubstr(R"("severity":"DEBUG","message":"call")"));
}

TEST(ConfigurationTest, TheCommandLineWinsOverTheEnvironment) {
  const TestDirectory directory("configuration");
  const std::string path =
      directory.Write("knowledge_base.txtpb", KnowledgeBaseWithVersion("from-flag"));
  ScopedEnvironment environment({{"ADVISOR_KNOWLEDGE_BASE", "/no/such/knowledge_base.txtpb"}});
  StartedServer server = StartServerProcess({"--knowledge_base=" + path});
  ASSERT_NE(server.process, nullptr);
  EXPECT_EQ(ServedKnowledgeBaseVersion(server.address), "from-flag");
}

TEST(ConfigurationTest, AnInvalidEnvironmentValueIsExitStatusTwo) {
  ScopedEnvironment environment({{"ADVISOR_PORT", "eighty"}});
  ProcessExit exit;
  const std::string output = RunToEnd({}, exit);
  EXPECT_EQ(exit.exit_code, 2);
  EXPECT_THAT(output, HasSubstr("ADVISOR_PORT=eighty"));
}

TEST(ConfigurationTest, HelpDocumentsEveryFlagAndTheEnvironmentRule) {
  ProcessExit exit;
  const std::string help = RunToEnd({"--help"}, exit);
  EXPECT_THAT(help, HasSubstr("ADVISOR_PORT"));
  for (const char* flag :
       {"--host", "--port", "--knowledge_base", "--grace_period", "--log_level"}) {
    EXPECT_THAT(help, HasSubstr(flag));
  }
}

}  // namespace
}  // namespace advisor::testing
