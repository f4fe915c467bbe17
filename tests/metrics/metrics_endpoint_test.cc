#include "service/metrics/metrics_endpoint.h"

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "service/observer/server_observer.h"
#include "tests/metrics/raw_http.h"

namespace advisor::metrics {
namespace {

using testing::HasSubstr;

constexpr char kMethod[] = "/advisor.v1.FaqService/AnswerQuestion";

MetricsEndpointOptions LocalOptions() {
  MetricsEndpointOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.methods = {kMethod};
  options.build_version = "9.8.7";
  return options;
}

TEST(MetricsEndpointTest, ServesWhatItsObserverRecordsWithProcessMetrics) {
  absl::StatusOr<std::unique_ptr<MetricsEndpoint>> endpoint =
      MetricsEndpoint::Start(LocalOptions());
  ASSERT_TRUE(endpoint.ok()) << endpoint.status();
  EXPECT_EQ((*endpoint)->address(), absl::StrCat("127.0.0.1:", (*endpoint)->port()));

  api::KnowledgeBaseLoad start_up;
  start_up.ok = true;
  start_up.serving_version = "kb-42";
  (*endpoint)->observer()->OnKnowledgeBaseLoad(start_up);
  api::FinishedCall call;
  call.method = kMethod;
  call.status_code = 5;
  call.latency = absl::Milliseconds(1);
  (*endpoint)->observer()->OnCallStarted(kMethod);
  (*endpoint)->observer()->OnCallFinished(call);

  const std::string scrape = RawHttpRequest((*endpoint)->port(), "GET", "/metrics");
  EXPECT_THAT(scrape, testing::StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(scrape, HasSubstr("advisor_calls_total{code=\"NOT_FOUND\",method=\"/advisor.v1."
                                "FaqService/AnswerQuestion\"} 1\n"));
  EXPECT_THAT(scrape, HasSubstr("advisor_build_info{version=\"9.8.7\"} 1\n"));
  EXPECT_THAT(scrape, HasSubstr("advisor_knowledge_base_info{version=\"kb-42\"} 1\n"));
  EXPECT_THAT(scrape, HasSubstr("\nprocess_resident_memory_bytes "));
  EXPECT_THAT(scrape, HasSubstr("\nprocess_start_time_seconds "));
}

TEST(MetricsEndpointTest, BadHostIsInvalidArgument) {
  MetricsEndpointOptions options = LocalOptions();
  options.host = "not-an-address";
  EXPECT_EQ(MetricsEndpoint::Start(options).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace advisor::metrics
