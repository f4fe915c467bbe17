#include "tests/bench/load/latency_histogram.h"

#include <cstdint>

#include "gtest/gtest.h"

namespace advisor::bench {
namespace {

// The histogram promises percentiles within 1.6 % of the true value.
constexpr double kRelativeError = 0.016;

TEST(LatencyHistogramTest, EmptyReportsZero) {
  const LatencyHistogram histogram;
  EXPECT_EQ(histogram.count(), 0U);
  EXPECT_EQ(histogram.min(), 0U);
  EXPECT_EQ(histogram.max(), 0U);
  EXPECT_EQ(histogram.mean(), 0);
  EXPECT_EQ(histogram.ValueAtPercentile(99), 0U);
}

TEST(LatencyHistogramTest, SmallValuesAreExact) {
  LatencyHistogram histogram;
  for (uint64_t value = 1; value <= 10; ++value) histogram.Record(value);
  EXPECT_EQ(histogram.ValueAtPercentile(50), 5U);
  EXPECT_EQ(histogram.ValueAtPercentile(100), 10U);
  EXPECT_EQ(histogram.ValueAtPercentile(0), 1U);
  EXPECT_EQ(histogram.min(), 1U);
  EXPECT_EQ(histogram.max(), 10U);
  EXPECT_DOUBLE_EQ(histogram.mean(), 5.5);
}

TEST(LatencyHistogramTest, PercentilesOfUniformMicrosecondsAreWithinPrecision) {
  LatencyHistogram histogram;
  // 1 us to 10 ms in 1 us steps.
  for (uint64_t micros = 1; micros <= 10'000; ++micros) histogram.Record(micros * 1000);
  EXPECT_EQ(histogram.count(), 10'000U);
  for (const double percent : {50.0, 90.0, 99.0, 99.9}) {
    const double expected = percent / 100.0 * 10'000 * 1000;
    EXPECT_NEAR(static_cast<double>(histogram.ValueAtPercentile(percent)), expected,
                expected * kRelativeError)
        << "p" << percent;
  }
  EXPECT_EQ(histogram.min(), 1000U);
  EXPECT_EQ(histogram.max(), 10'000'000U);
}

TEST(LatencyHistogramTest, MergeEqualsRecordingEverythingInOne) {
  LatencyHistogram all;
  LatencyHistogram even;
  LatencyHistogram odd;
  for (uint64_t value = 100; value < 100'000; value += 37) {
    all.Record(value);
    (value % 2 == 0 ? even : odd).Record(value);
  }
  LatencyHistogram merged;
  merged.Merge(even);
  merged.Merge(odd);
  merged.Merge(LatencyHistogram());
  EXPECT_EQ(merged.count(), all.count());
  EXPECT_EQ(merged.min(), all.min());
  EXPECT_EQ(merged.max(), all.max());
  EXPECT_DOUBLE_EQ(merged.mean(), all.mean());
  for (const double percent : {1.0, 50.0, 99.0, 99.9}) {
    EXPECT_EQ(merged.ValueAtPercentile(percent), all.ValueAtPercentile(percent));
  }
}

TEST(LatencyHistogramTest, HugeValuesAreClampedNotLost) {
  LatencyHistogram histogram;
  histogram.Record(UINT64_MAX);
  histogram.Record(5);
  EXPECT_EQ(histogram.count(), 2U);
  // About 18 minutes: the largest value the buckets hold.
  EXPECT_EQ(histogram.max(), (uint64_t{1} << 40) - 1);
  EXPECT_EQ(histogram.ValueAtPercentile(100), histogram.max());
}

}  // namespace
}  // namespace advisor::bench
