#include "service/metrics/text_exposition.h"

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "prometheus/client_metric.h"
#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/metric_family.h"
#include "prometheus/metric_type.h"
#include "prometheus/registry.h"

namespace advisor::metrics {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

TEST(WriteTextExpositionTest, SmallRegistryExactText) {
  prometheus::Registry registry;
  prometheus::BuildCounter()
      .Name("requests_total")
      .Help("Requests handled.")
      .Register(registry)
      .Add({{"method", "/a.B/C"}, {"code", "OK"}})
      .Increment(3);
  prometheus::BuildGauge()
      .Name("temperature")
      .Help("Degrees.")
      .Register(registry)
      .Add({})
      .Set(-1.5);
  prometheus::Histogram& histogram =
      prometheus::BuildHistogram()
          .Name("latency_seconds")
          .Help("Latency.")
          .Register(registry)
          .Add({{"method", "m"}}, prometheus::Histogram::BucketBoundaries{0.001, 0.1, 1});
  histogram.Observe(0.0005);
  histogram.Observe(0.1);  // Upper bounds are inclusive.
  histogram.Observe(7);

  EXPECT_EQ(WriteTextExposition(registry.Collect()),
            "# HELP requests_total Requests handled.\n"
            "# TYPE requests_total counter\n"
            "requests_total{code=\"OK\",method=\"/a.B/C\"} 3\n"
            "# HELP temperature Degrees.\n"
            "# TYPE temperature gauge\n"
            "temperature -1.5\n"
            "# HELP latency_seconds Latency.\n"
            "# TYPE latency_seconds histogram\n"
            "latency_seconds_bucket{method=\"m\",le=\"0.001\"} 1\n"
            "latency_seconds_bucket{method=\"m\",le=\"0.1\"} 2\n"
            "latency_seconds_bucket{method=\"m\",le=\"1\"} 2\n"
            "latency_seconds_bucket{method=\"m\",le=\"+Inf\"} 3\n"
            "latency_seconds_sum{method=\"m\"} 7.1005\n"
            "latency_seconds_count{method=\"m\"} 3\n");
}

TEST(WriteTextExpositionTest, EscapesHelpAndLabelValues) {
  ClientMetric metric;
  metric.label = {{"path", "C:\\dir\n\"quoted\""}};
  metric.counter.value = 1;
  const MetricFamily family{
      "escapes_total", "Back\\slash, new\nline and \"quotes\".", MetricType::Counter, {metric}};

  EXPECT_EQ(WriteTextExposition({family}),
            "# HELP escapes_total Back\\\\slash, new\\nline and \"quotes\".\n"
            "# TYPE escapes_total counter\n"
            "escapes_total{path=\"C:\\\\dir\\n\\\"quoted\\\"\"} 1\n");
}

TEST(WriteTextExpositionTest, SpecialAndRoundTripValues) {
  std::vector<ClientMetric> metrics(7);
  metrics[0].label = {{"v", "inf"}};
  metrics[0].gauge.value = std::numeric_limits<double>::infinity();
  metrics[1].label = {{"v", "-inf"}};
  metrics[1].gauge.value = -std::numeric_limits<double>::infinity();
  metrics[2].label = {{"v", "nan"}};
  metrics[2].gauge.value = std::numeric_limits<double>::quiet_NaN();
  metrics[3].label = {{"v", "sum"}};
  metrics[3].gauge.value = 0.1 + 0.2;  // Not 0.3: every digit is kept.
  metrics[4].label = {{"v", "big"}};
  metrics[4].gauge.value = 1.7e9;
  metrics[5].label = {{"v", "hundred"}};
  metrics[5].gauge.value = 100;
  metrics[6].label = {{"v", "small"}};
  metrics[6].gauge.value = 0.0001;
  const MetricFamily family{"values", "Values.", MetricType::Gauge, metrics};

  EXPECT_EQ(WriteTextExposition({family}),
            "# HELP values Values.\n"
            "# TYPE values gauge\n"
            "values{v=\"-inf\"} -Inf\n"
            "values{v=\"big\"} 1.7e+09\n"
            "values{v=\"hundred\"} 100\n"
            "values{v=\"inf\"} +Inf\n"
            "values{v=\"nan\"} NaN\n"
            "values{v=\"small\"} 0.0001\n"
            "values{v=\"sum\"} 0.30000000000000004\n");
}

TEST(WriteTextExpositionTest, AddsTheInfiniteBucketWhenMissing) {
  ClientMetric metric;
  metric.histogram.sample_count = 4;
  metric.histogram.sample_sum = 2.5;
  metric.histogram.bucket = {{1, 0.5}};
  const MetricFamily family{"h", "H.", MetricType::Histogram, {metric}};

  EXPECT_EQ(WriteTextExposition({family}),
            "# HELP h H.\n"
            "# TYPE h histogram\n"
            "h_bucket{le=\"0.5\"} 1\n"
            "h_bucket{le=\"+Inf\"} 4\n"
            "h_sum 2.5\n"
            "h_count 4\n");
}

TEST(WriteTextExpositionTest, SummaryAndTimestamp) {
  ClientMetric metric;
  metric.summary.sample_count = 2;
  metric.summary.sample_sum = 3;
  metric.summary.quantile = {{0.5, 1}, {0.99, 2}};
  metric.timestamp_ms = 1700000000123;
  const MetricFamily family{"s", "S.", MetricType::Summary, {metric}};

  EXPECT_EQ(WriteTextExposition({family}),
            "# HELP s S.\n"
            "# TYPE s summary\n"
            "s{quantile=\"0.5\"} 1 1700000000123\n"
            "s{quantile=\"0.99\"} 2 1700000000123\n"
            "s_sum 3 1700000000123\n"
            "s_count 2 1700000000123\n");
}

TEST(WriteTextExpositionTest, LeavesOutFamiliesWithoutSamples) {
  const MetricFamily empty{"nothing_total", "Nothing.", MetricType::Counter, {}};
  EXPECT_EQ(WriteTextExposition({empty}), "");
}

TEST(CollectTextExpositionTest, ConcatenatesCollectablesInOrder) {
  auto first = std::make_shared<prometheus::Registry>();
  auto second = std::make_shared<prometheus::Registry>();
  prometheus::BuildGauge().Name("b").Help("B.").Register(*first).Add({}).Set(2);
  prometheus::BuildGauge().Name("a").Help("A.").Register(*second).Add({}).Set(1);

  EXPECT_EQ(CollectTextExposition({first, second}),
            "# HELP b B.\n# TYPE b gauge\nb 2\n"
            "# HELP a A.\n# TYPE a gauge\na 1\n");
}

}  // namespace
}  // namespace advisor::metrics
