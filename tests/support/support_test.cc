// The test-support library itself: temporary directories go with their
// object, child processes are read, stopped and cleaned up, the server
// launchers report where the server listens.

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"

#include "tests/support/call_context.h"
#include "tests/support/child_process.h"
#include "tests/support/in_process_server.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_directory.h"
#include <grpcpp/grpcpp.h>

namespace advisor::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

// Points GoogleTest's temporary directory (TEST_TMPDIR) at a directory of
// the test's own while it lives, so the test sees what the helpers leave.
class ScopedTestTmpdir {
 public:
  ScopedTestTmpdir() : outer_("support") {
    const char* previous = std::getenv("TEST_TMPDIR");
    had_previous_ = previous != nullptr;
    if (had_previous_) previous_ = previous;
    setenv("TEST_TMPDIR", outer_.path().c_str(), 1);
  }
  ~ScopedTestTmpdir() {
    if (had_previous_) {
      setenv("TEST_TMPDIR", previous_.c_str(), 1);
    } else {
      unsetenv("TEST_TMPDIR");
    }
  }
  // What is in the directory now.
  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(outer_.path())) {
      names.push_back(entry.path().filename().string());
    }
    return names;
  }

 private:
  TempDirectory outer_;
  bool had_previous_ = false;
  std::string previous_;
};

TEST(TempDirectoryTest, IsRemovedWithEverythingInIt) {
  const ScopedTestTmpdir tmpdir;
  std::string path;
  {
    const TempDirectory directory("purpose");
    path = directory.path();
    EXPECT_THAT(std::filesystem::path(path).filename().string(), StartsWith("advisor_purpose_"));
    ASSERT_TRUE(std::filesystem::is_directory(path));
    const std::string file = directory.Write("file.txt", std::string("a\0b\xe9", 4));
    EXPECT_EQ(file, directory.Path("file.txt"));
    std::ifstream in(file, std::ios::binary);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), std::string("a\0b\xe9", 4));
    EXPECT_FALSE(std::filesystem::exists(file + ".partial"));
    std::filesystem::create_directories(directory.Path("nested/deeper"));
    std::ofstream(directory.Path("nested/deeper/key.pem")) << "secret";
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_THAT(tmpdir.Entries(), IsEmpty());
}

TEST(TempDirectoryTest, TwoAtOnceDoNotMeet) {
  const TempDirectory first("same");
  const TempDirectory second("same");
  EXPECT_NE(first.path(), second.path());
}

TEST(ChildProcessTest, ReadsStdoutLinesKeepsStderrAndReportsTheExit) {
  const ScopedTestTmpdir tmpdir;
  {
    absl::StatusOr<std::unique_ptr<ChildProcess>> child =
        ChildProcess::Start({"/bin/sh", "-c", "echo one; echo two; echo oops >&2; exit 3"});
    ASSERT_TRUE(child.ok()) << child.status();
    EXPECT_EQ((*child)->ReadStdoutLine(kProcessTimeout).value_or("?"), "one");
    EXPECT_EQ((*child)->ReadStdoutLine(kProcessTimeout).value_or("?"), "two");
    EXPECT_EQ((*child)->ReadStdoutLine(kProcessTimeout).status().code(),
              absl::StatusCode::kOutOfRange);
    absl::StatusOr<ProcessExit> exit = (*child)->WaitForExit(kProcessTimeout);
    ASSERT_TRUE(exit.ok()) << exit.status();
    EXPECT_EQ(exit->exit_code, 3);
    EXPECT_EQ(exit->signal, 0);
    EXPECT_EQ((*child)->Stderr(), "oops\n");
    EXPECT_FALSE((*child)->IsRunning());
    EXPECT_EQ((*child)->Signal(SIGTERM).code(), absl::StatusCode::kFailedPrecondition);
  }
  EXPECT_THAT(tmpdir.Entries(), IsEmpty()) << "the stderr file stays behind";
}

TEST(ChildProcessTest, ASignalEndsItAndTheDestructorKillsWhatStillRuns) {
  absl::StatusOr<std::unique_ptr<ChildProcess>> stopped = ChildProcess::Start({"/bin/sleep", "60"});
  ASSERT_TRUE(stopped.ok()) << stopped.status();
  EXPECT_TRUE((*stopped)->IsRunning());
  absl::StatusOr<long> kib = (*stopped)->ResidentKib();
  ASSERT_TRUE(kib.ok()) << kib.status();
  EXPECT_GT(*kib, 0);
  EXPECT_EQ((*stopped)->ReadStdoutLine(absl::Milliseconds(50)).status().code(),
            absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ((*stopped)->WaitForExit(absl::Milliseconds(50)).status().code(),
            absl::StatusCode::kDeadlineExceeded);
  ASSERT_TRUE((*stopped)->Signal(SIGTERM).ok());
  absl::StatusOr<ProcessExit> exit = (*stopped)->WaitForExit(kProcessTimeout);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, -1);
  EXPECT_EQ(exit->signal, SIGTERM);

  absl::StatusOr<std::unique_ptr<ChildProcess>> abandoned =
      ChildProcess::Start({"/bin/sleep", "60"});
  ASSERT_TRUE(abandoned.ok()) << abandoned.status();
  const pid_t pid = (*abandoned)->pid();
  abandoned->reset();
  EXPECT_NE(kill(pid, 0), 0) << "the destructor left process " << pid << " running";
}

TEST(ChildProcessTest, AMissingProgramIsAnError) {
  EXPECT_EQ(ChildProcess::Start({"/no/such/program"}).status().code(), absl::StatusCode::kInternal);
  EXPECT_FALSE(ChildProcess::Start({}).ok());
}

TEST(RunCommandTest, CapturesOutputAndExitCodeAndLeavesNoFiles) {
  const ScopedTestTmpdir tmpdir;
  absl::StatusOr<CommandResult> result =
      RunCommand({"/bin/sh", "-c", "printf 'out\\n'; printf err >&2; exit 4"});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->exit_code, 4);
  EXPECT_EQ(result->out, "out\n");
  EXPECT_EQ(result->err, "err");
  EXPECT_THAT(tmpdir.Entries(), IsEmpty());
}

TEST(RunCommandTest, ACommandThatOutlivesItsTimeoutIsKilled) {
  const absl::Time start = absl::Now();
  absl::StatusOr<CommandResult> result =
      RunCommand({"/bin/sh", "-c", "echo started >&2; exec sleep 60"}, absl::Milliseconds(500));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_LT(absl::Now() - start, absl::Seconds(30));
}

TEST(CallContextTest, HasTheDeadlineAskedFor) {
  const auto now = std::chrono::system_clock::now();
  EXPECT_GE(CallContext()->deadline(), now + std::chrono::seconds(29));
  EXPECT_LE(CallContext()->deadline(), now + std::chrono::seconds(31));
  EXPECT_LE(CallContext(absl::Seconds(1))->deadline(), now + std::chrono::seconds(2));
}

// A health check over `channel`; the status.
grpc::Status CheckHealth(const std::shared_ptr<grpc::Channel>& channel) {
  grpc::health::v1::HealthCheckResponse response;
  return grpc::health::v1::Health::NewStub(channel)->Check(
      CallContext().get(), grpc::health::v1::HealthCheckRequest(), &response);
}

TEST(ServerProcessTest, ServesOnAFreeLocalPortAndStopsOnSigterm) {
  const ScopedTestTmpdir tmpdir;
  {
    std::unique_ptr<ServerProcess> server = StartServerProcess({"--grace_period=1s"});
    ASSERT_NE(server, nullptr);
    EXPECT_THAT(server->address(), StartsWith("127.0.0.1:"));
    EXPECT_GT(server->port(), 0);
    EXPECT_TRUE(absl::EndsWith(server->address(), absl::StrCat(":", server->port())));
    EXPECT_TRUE(server->IsRunning());
    {
      const grpc::Status health =
          CheckHealth(grpc::CreateChannel(server->address(), grpc::InsecureChannelCredentials()));
      EXPECT_TRUE(health.ok()) << health.error_message();
    }
    ASSERT_TRUE(server->Signal(SIGTERM).ok());
    absl::StatusOr<ProcessExit> exit = server->WaitForExit();
    ASSERT_TRUE(exit.ok()) << exit.status();
    EXPECT_EQ(exit->exit_code, 0) << server->Stderr();
    EXPECT_THAT(server->Stderr(), HasSubstr(absl::StrCat("listening on ", server->address())));
  }
  EXPECT_THAT(tmpdir.Entries(), IsEmpty());
}

TEST(ServerProcessTest, APortTheFlagsNameIsTheOneUsed) {
  // Whatever port the first one got is taken now: a second server on it fails.
  std::unique_ptr<ServerProcess> first = StartServerProcess();
  ASSERT_NE(first, nullptr);
  absl::StatusOr<std::unique_ptr<ServerProcess>> second =
      ServerProcess::Start({"--host=127.0.0.1", absl::StrCat("--port=", first->port())});
  EXPECT_FALSE(second.ok());
}

TEST(ServerProcessTest, AServerThatDoesNotStartIsAnErrorWithItsStderr) {
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start({"--knowledge_base=/no/such/knowledge_base.txtpb"});
  ASSERT_FALSE(server.ok());
  EXPECT_THAT(server.status().message(), HasSubstr("/no/such/knowledge_base.txtpb"));
}

TEST(ReadListeningAddressTest, RefusesAnyOtherFirstLine) {
  absl::StatusOr<std::unique_ptr<ChildProcess>> child =
      ChildProcess::Start({"/bin/sh", "-c", "echo hello; sleep 60"});
  ASSERT_TRUE(child.ok()) << child.status();
  EXPECT_EQ(ReadListeningAddress(**child).status().code(), absl::StatusCode::kInternal);
}

TEST(InProcessServerTest, ServesTheEmbeddedKnowledgeBaseOnAFreeLocalPort) {
  server::AdvisorServerOptions options;
  options.host = "0.0.0.0";
  options.port = 50051;
  absl::StatusOr<InProcessServer> started = StartInProcessServer(std::move(options));
  ASSERT_TRUE(started.ok()) << started.status();
  EXPECT_THAT(started->server->address(), StartsWith("127.0.0.1:"));
  EXPECT_NE(started->server->port(), 50051);
  EXPECT_GT(started->knowledge_base.frameworks_size(), 0);
  const grpc::Status health = CheckHealth(started->channel);
  EXPECT_TRUE(health.ok()) << health.error_message();
}

}  // namespace
}  // namespace advisor::testing
