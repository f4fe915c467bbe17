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
#include "tests/support/call_context.h"
#include "tests/support/child_process.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_directory.h"
#include <grpcpp/grpcpp.h>

namespace advisor::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

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

// Runs the server binary with `arguments` alone (the environment may give
// the rest) until it exits; its stdout and stderr.
std::string RunToEnd(const std::vector<std::string>& arguments, ProcessExit& exit) {
  std::vector<std::string> argv = {AdvisorServerPath()};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  absl::StatusOr<std::unique_ptr<ChildProcess>> process = ChildProcess::Start(argv);
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
  const TempDirectory directory("configuration");
  const std::string path =
      directory.Write("knowledge_base.txtpb", KnowledgeBaseWithVersion("from-env"));
  ScopedEnvironment environment({{"ADVISOR_HOST", "127.0.0.1"},
                                 {"ADVISOR_PORT", "0"},
                                 {"ADVISOR_KNOWLEDGE_BASE", path},
                                 {"ADVISOR_LOG_LEVEL", "debug"}});
  // No flags at all: host and port come from the environment too.
  absl::StatusOr<std::unique_ptr<ChildProcess>> server = ChildProcess::Start({AdvisorServerPath()});
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<std::string> address = ReadListeningAddress(**server);
  ASSERT_TRUE(address.ok()) << address.status();
  ASSERT_THAT(*address, StartsWith("127.0.0.1:"));
  {
    auto stub = advisor::v1::FrameworkService::NewStub(
        grpc::CreateChannel(*address, grpc::InsecureChannelCredentials()));
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
  const TempDirectory directory("configuration");
  const std::string path =
      directory.Write("knowledge_base.txtpb", KnowledgeBaseWithVersion("from-flag"));
  ScopedEnvironment environment({{"ADVISOR_KNOWLEDGE_BASE", "/no/such/knowledge_base.txtpb"}});
  std::unique_ptr<ServerProcess> server = StartServerProcess({"--knowledge_base=" + path});
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(ServedKnowledgeBaseVersion(server->address()), "from-flag");
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
