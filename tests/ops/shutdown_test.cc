// SIGTERM during steady load: the advisor_server binary drains and exits 0,
// and no call fails except with UNAVAILABLE (a new call the stopping server
// refused, which clients retry elsewhere); nothing in flight is cut off.

#include <csignal>
#include <map>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "tests/ops/steady_load.h"
#include "tests/support/server_process.h"
#include <grpcpp/support/status.h>

namespace advisor::testing {
namespace {

TEST(ShutdownTest, SigtermDuringLoadFailsNoCallInFlightAndExitsZero) {
  std::unique_ptr<ServerProcess> server = StartServerProcess({"--grace_period=5s"});
  ASSERT_NE(server, nullptr);
  SteadyLoad load(server->address(), 4);
  ASSERT_TRUE(load.WaitForMoreOkCalls(200, absl::Seconds(30)));

  ASSERT_TRUE(server->Signal(SIGTERM).ok());
  absl::StatusOr<ProcessExit> exit = server->WaitForExit(absl::Seconds(30));
  load.Stop();
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 0) << server->Stderr();
  std::map<int, int> failures = load.failures();
  failures.erase(static_cast<int>(grpc::StatusCode::UNAVAILABLE));
  EXPECT_THAT(failures, ::testing::IsEmpty()) << load.failure_messages();
  EXPECT_THAT(server->Stderr(), ::testing::HasSubstr("draining for up to 5s"));
}

}  // namespace
}  // namespace advisor::testing
