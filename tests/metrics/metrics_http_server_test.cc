#include "service/metrics/metrics_http_server.h"

#include <atomic>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "tests/metrics/raw_http.h"

namespace advisor::metrics {
namespace {

using testing::HasSubstr;
using testing::StartsWith;

// One server for the whole suite, as a long-running server would be.
class MetricsHttpServerTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<std::unique_ptr<MetricsHttpServer>> server =
        MetricsHttpServer::Start("127.0.0.1", 0, [] {
          ++renders_;
          return std::string("up 1\n");
        });
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = server->release();
  }

  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(server_, nullptr);
    renders_before_ = renders_.load();
  }

  // Scrapes rendered since this test started.
  static int Renders() { return renders_.load() - renders_before_; }

  static inline std::atomic<int> renders_{0};
  static inline int renders_before_ = 0;
  static inline MetricsHttpServer* server_ = nullptr;
};

TEST_F(MetricsHttpServerTest, ReportsTheBoundPort) {
  EXPECT_GT(server_->port(), 0);
  EXPECT_EQ(server_->address(), absl::StrCat("127.0.0.1:", server_->port()));
}

TEST_F(MetricsHttpServerTest, GetMetricsServesTheRenderedTextAsFormat004) {
  const std::string response = RawHttpRequest(server_->port(), "GET", "/metrics");
  EXPECT_THAT(response, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(response, HasSubstr("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"));
  EXPECT_THAT(response, HasSubstr("Content-Length: 5\r\n"));
  EXPECT_THAT(response, testing::EndsWith("\r\n\r\nup 1\n"));
  EXPECT_EQ(Renders(), 1);
}

TEST_F(MetricsHttpServerTest, HeadHasNoBody) {
  const std::string response = RawHttpRequest(server_->port(), "HEAD", "/metrics");
  EXPECT_THAT(response, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(response, testing::EndsWith("\r\n\r\n"));
}

TEST_F(MetricsHttpServerTest, OtherPathsAreNotFound) {
  for (const char* path : {"/", "/metrics/x", "/metricsx", "/favicon.ico"}) {
    EXPECT_THAT(RawHttpRequest(server_->port(), "GET", path), StartsWith("HTTP/1.1 404 ")) << path;
  }
  EXPECT_EQ(Renders(), 0);
}

TEST_F(MetricsHttpServerTest, OtherMethodsAreNotAllowed) {
  EXPECT_THAT(RawHttpRequest(server_->port(), "POST", "/metrics"), StartsWith("HTTP/1.1 405 "));
  EXPECT_EQ(Renders(), 0);
}

TEST_F(MetricsHttpServerTest, PortInUseIsUnavailable) {
  absl::StatusOr<std::unique_ptr<MetricsHttpServer>> second =
      MetricsHttpServer::Start("127.0.0.1", server_->port(), [] { return std::string(); });
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
}

TEST(MetricsHttpServerStartTest, RejectsHostsThatAreNotIpv4AndBadPorts) {
  const auto render = [] { return std::string(); };
  for (const char* host : {"", "localhost", "::1", "[::]", "127.0.0.1:80"}) {
    EXPECT_EQ(MetricsHttpServer::Start(host, 0, render).status().code(),
              absl::StatusCode::kInvalidArgument)
        << host;
  }
  EXPECT_EQ(MetricsHttpServer::Start("127.0.0.1", -1, render).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MetricsHttpServer::Start("127.0.0.1", 65536, render).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace advisor::metrics
