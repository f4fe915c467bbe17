#ifndef ADVISOR_SERVICE_TEXT_HASHED_FEATURES_H_
#define ADVISOR_SERVICE_TEXT_HASHED_FEATURES_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"

namespace advisor::text {

// One bucket of a question's features and its value.
struct HashedFeature {
  int bucket = 0;  // 0 .. buckets - 1.
  double value = 0;
};

// A question's features for a linear text classifier (the question model,
// engines::QuestionModel): its folded words (text::FoldWordsInto), pairs of
// neighbouring words, and each word's character n-grams (of "<word>",
// counted in UTF-8 characters, as fastText's subwords: a misspelling shares
// most of them with the right word), hashed into `buckets` buckets (FNV-1a,
// with the kind of feature hashed first, so a word and a character n-gram
// of the same letters fall apart unless they collide).
class FeatureHasher {
 public:
  FeatureHasher(int buckets, int min_char_ngram, int max_char_ngram);

  int buckets() const { return buckets_; }

  // Fills `features` with how often each bucket occurs in `question`,
  // sorted by bucket, one entry per bucket that occurs: the buckets of each
  // of its folded words (AddWordBuckets) and of each pair of neighbours
  // (PairBucket).
  void Count(absl::string_view question, std::vector<HashedFeature>* features) const;

  // Appends the buckets of one folded word's own features, the word and
  // its character n-grams, one entry per occurrence.
  void AddWordBuckets(absl::string_view word, std::vector<int>* buckets) const;
  // The bucket of two neighbouring folded words.
  int PairBucket(absl::string_view first, absl::string_view second) const;

 private:
  int Bucket(uint32_t hash) const;

  int buckets_;
  int min_char_ngram_;
  int max_char_ngram_;
};

// How bucket counts become a classifier's input. Both end L2-normalised.
enum class Weighting {
  kCounts,  // The counts.
  kTfIdf,   // The counts times the bucket's inverse document frequency.
};

// The weighting of buckets, fitted on training questions only.
class FeatureWeights {
 public:
  // For kTfIdf, the smoothed inverse document frequency of each bucket in
  // `training` (each question's counts): ln((1 + n) / (1 + df)) + 1.
  static FeatureWeights Fit(Weighting weighting,
                            const std::vector<std::vector<HashedFeature>>& training, int buckets);

  // Weights `features` and scales them to unit length (left as they are
  // when all are zero).
  void Apply(std::vector<HashedFeature>* features) const;

  // Bytes held by the weights.
  size_t memory_bytes() const { return idf_.size() * sizeof(double); }

 private:
  std::vector<double> idf_;  // Empty: counts as they are.
};

}  // namespace advisor::text

#endif  // ADVISOR_SERVICE_TEXT_HASHED_FEATURES_H_
