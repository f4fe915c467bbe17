// The whole SDK stack (client, connection, stub, channel) over a real gRPC
// channel to an in-process fake server.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

#include "advisor/client/client.h"
#include "advisor/client/version.h"
#include "tests/client/fake_advisor_server.h"
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace advisor::client {
namespace {

ClientOptions OptionsFor(const std::string& target) {
  ClientOptions options;
  options.target = target;
  return options;
}

class AdvisorChannelTest : public ::testing::Test {
 protected:
  testing::FakeAdvisorServer server_;
};

TEST_F(AdvisorChannelTest, CallsEveryRpc) {
  AdvisorClient client(MakeAdvisorConnection(OptionsFor(server_.target())));

  auto keras = client.GetFramework("keras");
  ASSERT_TRUE(keras.ok()) << keras.status();
  EXPECT_EQ(keras->display_name(), "Keras");

  auto page = client.ListFrameworks(2);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->frameworks_size(), 2);
  EXPECT_EQ(page->next_page_token(), "2");

  auto comparison = client.CompareFrameworks({"pytorch", "tensorflow"});
  ASSERT_TRUE(comparison.ok()) << comparison.status();
  ASSERT_EQ(comparison->frameworks_size(), 2);
  EXPECT_EQ(comparison->frameworks(1).framework(), "frameworks/tensorflow");

  auto match = client.MatchRole("researcher");
  ASSERT_TRUE(match.ok()) << match.status();
  ASSERT_EQ(match->matches_size(), 1);
  EXPECT_EQ(match->matches(0).display_name(), "PyTorch");

  auto answer = client.AnswerQuestion("anything?");
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_TRUE(answer->answered());
  EXPECT_EQ(answer->answer(), "A canned answer.");

  auto faqs = client.ListFaqs();
  ASSERT_TRUE(faqs.ok()) << faqs.status();
  EXPECT_EQ(faqs->faqs_size(), 2);
}

TEST_F(AdvisorChannelTest, ServerErrorsKeepTheirCodeAndMessage) {
  AdvisorClient client(MakeAdvisorConnection(OptionsFor(server_.target())));
  auto missing = client.GetFramework("caffe");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "framework 'caffe' not found");
  EXPECT_EQ(client.ListFrameworks(2, "bogus").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(AdvisorChannelTest, ListAllFrameworksCollectsEveryPage) {
  AdvisorClient client(MakeAdvisorConnection(OptionsFor(server_.target())));
  auto all = client.ListAllFrameworks(2);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 3U);
  EXPECT_EQ((*all)[2].id(), "keras");
}

TEST_F(AdvisorChannelTest, ShortDeadlineEndsAHangingCall) {
  ClientOptions options = OptionsFor(server_.target());
  options.timeout = absl::Milliseconds(200);
  AdvisorClient client(MakeAdvisorConnection(options));
  EXPECT_EQ(client.AnswerQuestion("hang").status().code(), absl::StatusCode::kDeadlineExceeded);
}

TEST_F(AdvisorChannelTest, BearerTokenArrivesAsAuthorizationMetadata) {
  ClientOptions options = OptionsFor(server_.target());
  options.bearer_token = "s3cret";
  AdvisorClient client(MakeAdvisorConnection(options));
  ASSERT_TRUE(client.GetFramework("keras").ok());
  EXPECT_EQ(server_.last_authorization(), "Bearer s3cret");
}

TEST_F(AdvisorChannelTest, NoTokenMeansNoAuthorizationMetadata) {
  AdvisorClient client(MakeAdvisorConnection(OptionsFor(server_.target())));
  ASSERT_TRUE(client.GetFramework("keras").ok());
  EXPECT_EQ(server_.last_authorization(), "");
}

TEST_F(AdvisorChannelTest, UserAgentNamesTheSdkAndItsVersion) {
  ClientOptions options = OptionsFor(server_.target());
  options.user_agent_prefix = "my-app/2";
  AdvisorClient client(MakeAdvisorConnection(options));
  ASSERT_TRUE(client.GetFramework("keras").ok());
  std::string const user_agent = server_.last_user_agent();
  EXPECT_TRUE(absl::StartsWith(user_agent, "my-app/2 advisor-cpp/" + VersionString()))
      << user_agent;
}

TEST_F(AdvisorChannelTest, RetriesUnavailableUntilSuccess) {
  server_.FailNextMatchRoles(2);
  AdvisorClient client(MakeAdvisorConnection(OptionsFor(server_.target())));
  auto match = client.MatchRole("researcher");
  ASSERT_TRUE(match.ok()) << match.status();
  EXPECT_EQ(server_.match_role_calls(), 3);
}

TEST_F(AdvisorChannelTest, WithoutRetriesUnavailableReachesTheCaller) {
  server_.FailNextMatchRoles(2);
  ClientOptions options = OptionsFor(server_.target());
  options.retry.max_attempts = 1;
  AdvisorClient client(MakeAdvisorConnection(options));
  auto match = client.MatchRole("researcher");
  EXPECT_EQ(match.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(match.status().message(), "try again");
  EXPECT_EQ(server_.match_role_calls(), 1);
}

TEST_F(AdvisorChannelTest, UnknownLoadBalancingPolicyIsInvalidArgument) {
  ClientOptions options = OptionsFor(server_.target());
  options.load_balancing_policy = "no_such_policy";
  AdvisorClient client(MakeAdvisorConnection(options));
  EXPECT_EQ(client.GetFramework("keras").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(AdvisorChannelTest, PickFirstWorksToo) {
  ClientOptions options = OptionsFor(server_.target());
  options.load_balancing_policy = "pick_first";
  AdvisorClient client(MakeAdvisorConnection(options));
  EXPECT_TRUE(client.GetFramework("keras").ok());
}

TEST_F(AdvisorChannelTest, OneClientServesManyThreads) {
  AdvisorClient client(MakeAdvisorConnection(OptionsFor(server_.target())));
  std::atomic<int> ok_calls{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([client, &ok_calls]() mutable {
      for (int i = 0; i < 20; ++i) {
        if (client.GetFramework("keras").ok()) ++ok_calls;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok_calls.load(), 8 * 20);
}

// A port bound but not listening: connecting to it is refused at once,
// and nothing else can take it while the socket is open.
class ClosedPort {
 public:
  ClosedPort() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      return;
    }
    port_ = ntohs(address.sin_port);
  }
  ~ClosedPort() {
    if (fd_ >= 0) close(fd_);
  }
  ClosedPort(const ClosedPort&) = delete;
  ClosedPort& operator=(const ClosedPort&) = delete;

  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

TEST(AdvisorDeadTargetTest, UnreachableServerIsUnavailable) {
  ClosedPort closed;
  ASSERT_NE(closed.port(), 0);
  AdvisorClient client(
      MakeAdvisorConnection(OptionsFor(absl::StrCat("127.0.0.1:", closed.port()))));
  EXPECT_EQ(client.GetFramework("keras").status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace advisor::client
