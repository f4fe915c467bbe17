#include "service/metrics/metrics_observer.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "prometheus/registry.h"
#include "service/metrics/text_exposition.h"
#include "service/observer/server_observer.h"

namespace advisor::metrics {
namespace {

constexpr char kAnswer[] = "/advisor.v1.FaqService/AnswerQuestion";
constexpr char kGet[] = "/advisor.v1.FrameworkService/GetFramework";

// The exposition lines (HELP and TYPE included) of the family `name`.
std::string Family(const prometheus::Registry& registry, absl::string_view name) {
  std::vector<std::string> lines;
  for (absl::string_view line :
       absl::StrSplit(WriteTextExposition(registry.Collect()), '\n', absl::SkipEmpty())) {
    absl::string_view rest = line;
    absl::ConsumePrefix(&rest, "# HELP ");
    absl::ConsumePrefix(&rest, "# TYPE ");
    if (absl::StartsWith(rest, name) &&
        (rest.size() == name.size() ||
         absl::string_view("{ _").find(rest[name.size()]) != absl::string_view::npos)) {
      lines.emplace_back(line);
    }
  }
  return absl::StrJoin(lines, "\n") + "\n";
}

api::FinishedCall Finished(absl::string_view method, int code, absl::Duration latency) {
  api::FinishedCall call;
  call.method = method;
  call.status_code = code;
  call.latency = latency;
  return call;
}

api::KnowledgeBaseLoad Load(bool ok, absl::string_view serving_version) {
  api::KnowledgeBaseLoad load;
  load.ok = ok;
  load.serving_version = serving_version;
  if (!ok) load.error = "line 3: bad field";
  return load;
}

class MetricsObserverTest : public testing::Test {
 protected:
  // As AdvisorServer::Start does: the start-up load is reported first.
  void SetUp() override { observer_.OnKnowledgeBaseLoad(Load(true, "2024.1")); }

  prometheus::Registry registry_;
  MetricsObserver observer_{registry_, {kAnswer, kGet}, "1.2.3"};
};

TEST_F(MetricsObserverTest, StartsWithZeroOkSeriesForEveryMethodAndOther) {
  EXPECT_EQ(Family(registry_, "advisor_calls_total"),
            "# HELP advisor_calls_total Calls finished, by full gRPC method name and status "
            "code.\n"
            "# TYPE advisor_calls_total counter\n"
            "advisor_calls_total{code=\"OK\",method=\"/advisor.v1.FaqService/AnswerQuestion\"} "
            "0\n"
            "advisor_calls_total{code=\"OK\",method=\"/advisor.v1.FrameworkService/"
            "GetFramework\"} 0\n"
            "advisor_calls_total{code=\"OK\",method=\"other\"} 0\n");
}

TEST_F(MetricsObserverTest, CountsCallsByMethodAndCodeName) {
  observer_.OnCallStarted(kAnswer);
  observer_.OnCallFinished(Finished(kAnswer, 0, absl::Microseconds(300)));
  observer_.OnCallStarted(kAnswer);
  observer_.OnCallFinished(Finished(kAnswer, 0, absl::Microseconds(300)));
  observer_.OnCallStarted(kGet);
  observer_.OnCallFinished(Finished(kGet, 5, absl::Microseconds(40)));

  const std::string calls = Family(registry_, "advisor_calls_total");
  EXPECT_THAT(calls,
              testing::HasSubstr("advisor_calls_total{code=\"OK\",method=\"/advisor.v1.FaqService/"
                                 "AnswerQuestion\"} 2\n"));
  EXPECT_THAT(calls, testing::HasSubstr("advisor_calls_total{code=\"NOT_FOUND\",method=\"/"
                                        "advisor.v1.FrameworkService/GetFramework\"} 1\n"));
  EXPECT_THAT(calls, testing::HasSubstr("advisor_calls_total{code=\"OK\",method=\"/"
                                        "advisor.v1.FrameworkService/GetFramework\"} 0\n"));
}

TEST_F(MetricsObserverTest, UnknownMethodsAndCodesAreBounded) {
  observer_.OnCallStarted("/made.up/Method1");
  observer_.OnCallFinished(Finished("/made.up/Method1", 12, absl::Microseconds(5)));
  observer_.OnCallStarted("/made.up/Method2");
  observer_.OnCallFinished(Finished("/made.up/Method2", 99, absl::Microseconds(5)));

  const std::string calls = Family(registry_, "advisor_calls_total");
  EXPECT_THAT(calls, testing::HasSubstr(
                         "advisor_calls_total{code=\"UNIMPLEMENTED\",method=\"other\"} 1\n"));
  EXPECT_THAT(calls,
              testing::HasSubstr("advisor_calls_total{code=\"UNKNOWN\",method=\"other\"} 1\n"));
  EXPECT_THAT(calls, testing::Not(testing::HasSubstr("made.up")));
}

TEST_F(MetricsObserverTest, DurationHistogramExactText) {
  observer_.OnCallStarted(kGet);
  observer_.OnCallFinished(Finished(kGet, 0, absl::Microseconds(30)));
  observer_.OnCallStarted(kGet);
  observer_.OnCallFinished(Finished(kGet, 0, absl::Milliseconds(2)));
  observer_.OnCallStarted(kGet);
  observer_.OnCallFinished(Finished(kGet, 0, absl::Seconds(20)));

  const std::string m = "method=\"/advisor.v1.FrameworkService/GetFramework\"";
  const std::string bucket = "advisor_call_duration_seconds_bucket{" + m + ",le=";
  const std::string expected =
      bucket + "\"1e-05\"} 0\n" + bucket + "\"2.5e-05\"} 0\n" + bucket + "\"5e-05\"} 1\n" + bucket +
      "\"0.0001\"} 1\n" + bucket + "\"0.00025\"} 1\n" + bucket + "\"0.0005\"} 1\n" + bucket +
      "\"0.001\"} 1\n" + bucket + "\"0.0025\"} 2\n" + bucket + "\"0.005\"} 2\n" + bucket +
      "\"0.01\"} 2\n" + bucket + "\"0.025\"} 2\n" + bucket + "\"0.05\"} 2\n" + bucket +
      "\"0.1\"} 2\n" + bucket + "\"0.25\"} 2\n" + bucket + "\"0.5\"} 2\n" + bucket + "\"1\"} 2\n" +
      bucket + "\"2.5\"} 2\n" + bucket + "\"5\"} 2\n" + bucket + "\"10\"} 2\n" + bucket +
      "\"+Inf\"} 3\n" + "advisor_call_duration_seconds_sum{" + m + "} 20.00203\n" +
      "advisor_call_duration_seconds_count{" + m + "} 3\n";
  EXPECT_THAT(Family(registry_, "advisor_call_duration_seconds"), testing::HasSubstr(expected));
}

TEST_F(MetricsObserverTest, InFlightFollowsStartedAndFinished) {
  observer_.OnCallStarted(kAnswer);
  observer_.OnCallStarted(kAnswer);
  observer_.OnCallStarted(kGet);
  observer_.OnCallFinished(Finished(kAnswer, 1, absl::Microseconds(5)));

  const std::string in_flight = Family(registry_, "advisor_calls_in_flight");
  EXPECT_THAT(in_flight, testing::HasSubstr("advisor_calls_in_flight{method=\"/advisor.v1."
                                            "FaqService/AnswerQuestion\"} 1\n"));
  EXPECT_THAT(in_flight, testing::HasSubstr("advisor_calls_in_flight{method=\"/advisor.v1."
                                            "FrameworkService/GetFramework\"} 1\n"));
  EXPECT_THAT(in_flight, testing::HasSubstr("advisor_calls_in_flight{method=\"other\"} 0\n"));
}

TEST_F(MetricsObserverTest, BuildAndKnowledgeBaseInfoExactText) {
  EXPECT_EQ(Family(registry_, "advisor_build_info"),
            "# HELP advisor_build_info Always 1; the version label is the advisor_server build "
            "version.\n"
            "# TYPE advisor_build_info gauge\n"
            "advisor_build_info{version=\"1.2.3\"} 1\n");
  EXPECT_EQ(Family(registry_, "advisor_knowledge_base_info"),
            "# HELP advisor_knowledge_base_info Always 1; the version label is the knowledge "
            "base version serving now.\n"
            "# TYPE advisor_knowledge_base_info gauge\n"
            "advisor_knowledge_base_info{version=\"2024.1\"} 1\n");
  EXPECT_EQ(Family(registry_, "advisor_knowledge_base_reloads_total"),
            "# HELP advisor_knowledge_base_reloads_total Knowledge base reloads after start-up, "
            "by result: ok (the new version serves) or failed (rejected, the old version "
            "serves).\n"
            "# TYPE advisor_knowledge_base_reloads_total counter\n"
            "advisor_knowledge_base_reloads_total{result=\"failed\"} 0\n"
            "advisor_knowledge_base_reloads_total{result=\"ok\"} 0\n");
}

TEST_F(MetricsObserverTest, ReloadsMoveTheVersionAndCountResults) {
  observer_.OnKnowledgeBaseLoad(Load(true, "2024.2"));
  observer_.OnKnowledgeBaseLoad(Load(false, "2024.2"));
  observer_.OnKnowledgeBaseLoad(Load(false, "2024.2"));

  EXPECT_EQ(Family(registry_, "advisor_knowledge_base_info"),
            "# HELP advisor_knowledge_base_info Always 1; the version label is the knowledge "
            "base version serving now.\n"
            "# TYPE advisor_knowledge_base_info gauge\n"
            "advisor_knowledge_base_info{version=\"2024.2\"} 1\n");
  EXPECT_THAT(Family(registry_, "advisor_knowledge_base_reloads_total"),
              testing::EndsWith("advisor_knowledge_base_reloads_total{result=\"failed\"} 2\n"
                                "advisor_knowledge_base_reloads_total{result=\"ok\"} 1\n"));
}

TEST(MetricsObserverStartUpTest, NoVersionUntilTheStartUpLoadWhichIsNotAReload) {
  prometheus::Registry registry;
  MetricsObserver observer(registry, {kAnswer}, "1.2.3");
  EXPECT_THAT(Family(registry, "advisor_knowledge_base_info"),
              testing::Not(testing::HasSubstr("version=")));

  observer.OnKnowledgeBaseLoad(Load(true, "2024.1"));

  EXPECT_THAT(Family(registry, "advisor_knowledge_base_info"),
              testing::EndsWith("advisor_knowledge_base_info{version=\"2024.1\"} 1\n"));
  EXPECT_THAT(Family(registry, "advisor_knowledge_base_reloads_total"),
              testing::EndsWith("advisor_knowledge_base_reloads_total{result=\"failed\"} 0\n"
                                "advisor_knowledge_base_reloads_total{result=\"ok\"} 0\n"));
}

TEST(CallDurationBucketsTest, SpanTenMicrosecondsToTenSecondsAscending) {
  const std::vector<double>& buckets = CallDurationBuckets();
  ASSERT_FALSE(buckets.empty());
  EXPECT_DOUBLE_EQ(buckets.front(), 1e-5);
  EXPECT_DOUBLE_EQ(buckets.back(), 10);
  EXPECT_TRUE(std::is_sorted(buckets.begin(), buckets.end()));
}

}  // namespace
}  // namespace advisor::metrics
