// Hot reload of the knowledge base under steady load, through the real
// advisor_server binary: a good file is picked up (its version appears in
// the calls' trailers), a broken one is rejected with FILE:LINE:COL in the
// log and the old version keeps serving; by polling a Kubernetes-style
// ConfigMap directory (symlink swap) and by SIGHUP. No call may fail.

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "tests/ops/ops_test_support.h"
#include "tests/ops/steady_load.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_directory.h"
#include <sys/stat.h>
#include <unistd.h>

namespace advisor::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr absl::Duration kReloadTimeout = absl::Seconds(30);
constexpr int kLoadThreads = 3;

// Line 3 names a field the schema does not have.
constexpr char kBrokenKnowledgeBase[] =
    "version: \"broken\"\n"
    "frameworks {\n"
    "  no_such_field: \"x\"\n"
    "}\n";

// A directory laid out as the kubelet lays out a ConfigMap volume:
// knowledge_base.txtpb -> ..data/knowledge_base.txtpb, ..data -> ..<n>.
// Publish() swaps ..data atomically, as the kubelet does on an update.
class ConfigMapDirectory {
 public:
  ConfigMapDirectory() : owned_("configmap"), directory_(owned_.path()) {}

  std::string file() const { return directory_ + "/knowledge_base.txtpb"; }

  void Publish(const std::string& contents) {
    const std::string version_dir = absl::StrCat(directory_, "/..", ++generation_);
    ASSERT_EQ(mkdir(version_dir.c_str(), 0755), 0);
    owned_.Write(absl::StrCat("..", generation_, "/knowledge_base.txtpb"), contents);
    const std::string next = directory_ + "/..data_tmp";
    ASSERT_EQ(symlink(version_dir.substr(directory_.size() + 1).c_str(), next.c_str()), 0);
    ASSERT_EQ(std::rename(next.c_str(), (directory_ + "/..data").c_str()), 0);
    if (generation_ == 1) {
      ASSERT_EQ(symlink("..data/knowledge_base.txtpb", file().c_str()), 0);
    }
  }

 private:
  const TempDirectory owned_;
  const std::string directory_;
  int generation_ = 0;
};

void ExpectNoFailedCall(const SteadyLoad& load) {
  EXPECT_THAT(load.failures(), IsEmpty()) << load.failure_messages();
  EXPECT_GT(load.ok_calls(), 0);
}

// Waits until the server has logged that it rejected a knowledge base, lets
// the load make 50 more calls, stops it and checks none failed.
void AwaitRejectionUnderLoad(const ServerProcess& server, SteadyLoad& load) {
  const absl::Time deadline = absl::Now() + kReloadTimeout;
  while (server.Stderr().find("knowledge base rejected") == std::string::npos &&
         absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  ASSERT_TRUE(load.WaitForMoreOkCalls(50, kReloadTimeout));
  load.Stop();
  ExpectNoFailedCall(load);
}

TEST(ReloadTest, PollingPicksUpAConfigMapUpdateAndRejectsABrokenOne) {
  ConfigMapDirectory config_map;
  config_map.Publish(KnowledgeBaseWithVersion("poll-v1"));
  std::unique_ptr<ServerProcess> server = StartServerProcess(
      {"--knowledge_base=" + config_map.file(), "--knowledge_base_poll_interval=100ms"});
  ASSERT_NE(server, nullptr);
  SteadyLoad load(server->address(), kLoadThreads);
  ASSERT_TRUE(load.WaitForVersion("poll-v1", kReloadTimeout));

  config_map.Publish(KnowledgeBaseWithVersion("poll-v2"));
  ASSERT_TRUE(load.WaitForVersion("poll-v2", kReloadTimeout)) << server->Stderr();

  config_map.Publish(kBrokenKnowledgeBase);
  ASSERT_NO_FATAL_FAILURE(AwaitRejectionUnderLoad(*server, load));
  EXPECT_EQ(load.last_version(), "poll-v2");
  EXPECT_THAT(load.versions(), ElementsAre("poll-v1", "poll-v2"));
  const std::string log = server->Stderr();
  EXPECT_THAT(
      log,
      HasSubstr(
          R"("severity":"ERROR","message":"knowledge base rejected; version poll-v2 keeps serving")"));
  EXPECT_THAT(log, HasSubstr(absl::StrCat(config_map.file(), ":3:")));
}

TEST(ReloadTest, SighupReloadsAGoodFileAndKeepsServingOnABadOne) {
  const TempDirectory directory("sighup");
  const std::string path =
      directory.Write("knowledge_base.txtpb", KnowledgeBaseWithVersion("hup-v1"));
  // Polling off: only SIGHUP can reload.
  std::unique_ptr<ServerProcess> server =
      StartServerProcess({"--knowledge_base=" + path, "--knowledge_base_poll_interval=0"});
  ASSERT_NE(server, nullptr);
  SteadyLoad load(server->address(), kLoadThreads);
  ASSERT_TRUE(load.WaitForVersion("hup-v1", kReloadTimeout));

  directory.Write("knowledge_base.txtpb", KnowledgeBaseWithVersion("hup-v2"));
  ASSERT_TRUE(server->Signal(SIGHUP).ok());
  ASSERT_TRUE(load.WaitForVersion("hup-v2", kReloadTimeout)) << server->Stderr();

  directory.Write("knowledge_base.txtpb", kBrokenKnowledgeBase);
  ASSERT_TRUE(server->Signal(SIGHUP).ok());
  ASSERT_NO_FATAL_FAILURE(AwaitRejectionUnderLoad(*server, load));
  EXPECT_EQ(load.last_version(), "hup-v2");
  EXPECT_THAT(load.versions(), ElementsAre("hup-v1", "hup-v2"));
  EXPECT_THAT(server->Stderr(), HasSubstr(absl::StrCat(path, ":3:")));

  // SIGHUP did not stop it; SIGTERM still does, cleanly.
  ASSERT_TRUE(server->Signal(SIGTERM).ok());
  absl::StatusOr<ProcessExit> exit = server->WaitForExit(kProcessTimeout);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 0);
}

}  // namespace
}  // namespace advisor::testing
