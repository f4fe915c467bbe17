#include "tests/bench/load/latency_histogram.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace advisor::bench {
namespace {

// 2^kSubBucketBits buckets per power of two.
constexpr int kSubBucketBits = 6;
constexpr uint64_t kSubBuckets = uint64_t{1} << kSubBucketBits;
// Values are clamped below 2^kMaxExponent ns (about 18 minutes).
constexpr int kMaxExponent = 40;
constexpr uint64_t kMaxValue = (uint64_t{1} << kMaxExponent) - 1;
// Values below kSubBuckets have one bucket each; each exponent from
// kSubBucketBits to kMaxExponent - 1 has kSubBuckets more.
constexpr int kBucketCount =
    static_cast<int>(kSubBuckets + (kMaxExponent - kSubBucketBits) * kSubBuckets);

int MostSignificantBit(uint64_t value) { return 63 - __builtin_clzll(value); }

int BucketOf(uint64_t value) {
  if (value < kSubBuckets) return static_cast<int>(value);
  const int exponent = MostSignificantBit(value);
  const int shift = exponent - kSubBucketBits;
  const uint64_t sub_bucket = (value >> shift) - kSubBuckets;
  return static_cast<int>(kSubBuckets + static_cast<uint64_t>(shift) * kSubBuckets + sub_bucket);
}

// Smallest value of a bucket, and how many values it spans.
struct BucketRange {
  uint64_t lowest;
  uint64_t width;
};

BucketRange RangeOf(int bucket) {
  const auto index = static_cast<uint64_t>(bucket);
  if (index < kSubBuckets) return {index, 1};
  const uint64_t shift = (index - kSubBuckets) / kSubBuckets;
  const uint64_t sub_bucket = (index - kSubBuckets) % kSubBuckets;
  return {(kSubBuckets + sub_bucket) << shift, uint64_t{1} << shift};
}

}  // namespace

LatencyHistogram::LatencyHistogram() : buckets_(kBucketCount, 0) {}

void LatencyHistogram::Record(uint64_t nanos) {
  nanos = std::min(nanos, kMaxValue);
  ++buckets_[BucketOf(nanos)];
  min_ = count_ == 0 ? nanos : std::min(min_, nanos);
  max_ = std::max(max_, nanos);
  ++count_;
  sum_ += static_cast<double>(nanos);
}

void LatencyHistogram::Merge(const LatencyHistogram& other) {
  if (other.count_ == 0) return;
  for (int i = 0; i < kBucketCount; ++i) buckets_[i] += other.buckets_[i];
  min_ = count_ == 0 ? other.min_ : std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  count_ += other.count_;
  sum_ += other.sum_;
}

double LatencyHistogram::mean() const {
  return count_ == 0 ? 0 : sum_ / static_cast<double>(count_);
}

uint64_t LatencyHistogram::ValueAtPercentile(double percent) const {
  if (count_ == 0) return 0;
  percent = std::clamp(percent, 0.0, 100.0);
  const auto rank = std::max<uint64_t>(
      1, static_cast<uint64_t>(std::ceil(percent / 100.0 * static_cast<double>(count_))));
  // The extremes are known exactly.
  if (rank == count_) return max_;
  if (rank == 1) return min_;
  uint64_t seen = 0;
  for (int i = 0; i < kBucketCount; ++i) {
    seen += buckets_[i];
    if (seen >= rank) {
      const BucketRange range = RangeOf(i);
      return std::clamp(range.lowest + range.width / 2, min_, max_);
    }
  }
  return max_;
}

}  // namespace advisor::bench
