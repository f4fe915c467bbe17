#ifndef ADVISOR_TESTS_BENCH_LOAD_LATENCY_HISTOGRAM_H_
#define ADVISOR_TESTS_BENCH_LOAD_LATENCY_HISTOGRAM_H_

#include <cstdint>
#include <vector>

namespace advisor::bench {

// Latencies in nanoseconds, in log-linear buckets: exact below 64 ns, then
// 64 buckets per power of two, so any percentile is within 1.6 % of the
// true value. Recording is a few arithmetic operations and one increment,
// with no allocation and no locking: give each thread its own histogram and
// Merge them at the end. Not thread-safe.
class LatencyHistogram {
 public:
  LatencyHistogram();

  // Adds one value; values above about 18 minutes count as 18 minutes.
  void Record(uint64_t nanos);

  // Adds every value recorded in `other`.
  void Merge(const LatencyHistogram& other);

  uint64_t count() const { return count_; }
  // 0 when empty.
  uint64_t min() const { return count_ == 0 ? 0 : min_; }
  uint64_t max() const { return max_; }
  double mean() const;

  // The value at `percent` (0 to 100) of the recorded values, by the
  // nearest-rank rule, as the middle of its bucket clamped to [min, max]
  // (exactly min and max at the extremes).
  // 0 when empty.
  uint64_t ValueAtPercentile(double percent) const;

 private:
  std::vector<uint64_t> buckets_;
  uint64_t count_ = 0;
  uint64_t min_ = 0;
  uint64_t max_ = 0;
  // Sum as double: nanoseconds over billions of calls overflow nothing.
  double sum_ = 0;
};

}  // namespace advisor::bench

#endif  // ADVISOR_TESTS_BENCH_LOAD_LATENCY_HISTOGRAM_H_
