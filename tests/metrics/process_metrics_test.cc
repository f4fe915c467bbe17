#include "service/metrics/process_metrics.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "prometheus/metric_family.h"
#include "prometheus/metric_type.h"

namespace advisor::metrics {
namespace {

// A real /proc/<pid>/stat line whose command name holds a space and a ')'.
constexpr char kStat[] =
    "4242 (my prog) x) S 1 4242 4242 0 -1 4194560 2203 0 0 0 250 125 0 0 20 0 9 0 "
    "123400 104857600 2560 18446744073709551615 1 1 0 0 0 0 0 4096 17642 0 0 0 17 1 0 0 0 0 0\n";

TEST(ParseProcessStatTest, ReadsFieldsAfterTheLastParenthesis) {
  const absl::StatusOr<ProcessStat> stat = ParseProcessStat(kStat, 100, 4096);
  ASSERT_TRUE(stat.ok()) << stat.status();
  EXPECT_DOUBLE_EQ(stat->cpu_seconds, 3.75);  // (250 + 125) ticks / 100.
  EXPECT_DOUBLE_EQ(stat->start_seconds_after_boot, 1234);
  EXPECT_DOUBLE_EQ(stat->virtual_memory_bytes, 104857600);
  EXPECT_DOUBLE_EQ(stat->resident_memory_bytes, 2560.0 * 4096);
}

TEST(ParseProcessStatTest, RejectsMalformedLines) {
  EXPECT_EQ(ParseProcessStat("4242 no parenthesis S 1", 100, 4096).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseProcessStat("4242 (short) S 1 2 3", 100, 4096).status().code(),
            absl::StatusCode::kInvalidArgument);
  std::string not_numeric = kStat;
  not_numeric.replace(not_numeric.find(" 250 "), 5, " abc ");
  EXPECT_EQ(ParseProcessStat(not_numeric, 100, 4096).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(ParseBootTimeTest, ReadsTheBtimeLine) {
  const absl::StatusOr<double> boot =
      ParseBootTime("cpu  1 2 3\nintr 5\nctxt 99\nbtime 1700000000\nprocesses 7\n");
  ASSERT_TRUE(boot.ok()) << boot.status();
  EXPECT_DOUBLE_EQ(*boot, 1700000000);
}

TEST(ParseBootTimeTest, MissingOrBadLine) {
  EXPECT_EQ(ParseBootTime("cpu 1 2 3\n").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ParseBootTime("btime soon\n").status().code(), absl::StatusCode::kInvalidArgument);
}

const prometheus::MetricFamily* FindFamily(const std::vector<prometheus::MetricFamily>& families,
                                           const std::string& name) {
  for (const prometheus::MetricFamily& family : families) {
    if (family.name == name) return &family;
  }
  return nullptr;
}

TEST(ProcessCollectorTest, ReportsTheStandardProcessMetricsOfThisProcess) {
  const std::vector<prometheus::MetricFamily> families = ProcessCollector().Collect();

  for (const char* gauge : {"process_resident_memory_bytes", "process_virtual_memory_bytes",
                            "process_open_fds", "process_max_fds", "process_start_time_seconds"}) {
    const prometheus::MetricFamily* family = FindFamily(families, gauge);
    ASSERT_NE(family, nullptr) << gauge;
    EXPECT_EQ(family->type, prometheus::MetricType::Gauge) << gauge;
    ASSERT_EQ(family->metric.size(), 1U) << gauge;
    EXPECT_GT(family->metric[0].gauge.value, 0) << gauge;
  }
  const prometheus::MetricFamily* cpu = FindFamily(families, "process_cpu_seconds_total");
  ASSERT_NE(cpu, nullptr);
  EXPECT_EQ(cpu->type, prometheus::MetricType::Counter);
  EXPECT_GE(cpu->metric[0].counter.value, 0);

  // This test process started between 2020 and now.
  const double start = FindFamily(families, "process_start_time_seconds")->metric[0].gauge.value;
  EXPECT_GT(start, 1577836800);
  EXPECT_LE(start, absl::ToDoubleSeconds(absl::Now() - absl::UnixEpoch()) + 1);
  // stdin, stdout and stderr at least.
  EXPECT_GE(FindFamily(families, "process_open_fds")->metric[0].gauge.value, 3);
}

}  // namespace
}  // namespace advisor::metrics
