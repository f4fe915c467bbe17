#include "service/text/hashed_features.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "service/text/tokenizer.h"

namespace advisor::text {
namespace {

constexpr uint32_t kFnvOffset = 2166136261U;
constexpr uint32_t kFnvPrime = 16777619U;

// What a hash is of, hashed before its bytes.
constexpr unsigned char kWordKind = 'w';
constexpr unsigned char kWordPairKind = 'p';
constexpr unsigned char kCharNgramKind = 'c';

uint32_t HashByte(uint32_t hash, unsigned char byte) { return (hash ^ byte) * kFnvPrime; }

uint32_t HashBytes(uint32_t hash, absl::string_view bytes) {
  for (const char c : bytes) hash = HashByte(hash, static_cast<unsigned char>(c));
  return hash;
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

FeatureHasher::FeatureHasher(int buckets, int min_char_ngram, int max_char_ngram)
    : buckets_(buckets), min_char_ngram_(min_char_ngram), max_char_ngram_(max_char_ngram) {}

void FeatureHasher::Count(absl::string_view question, std::vector<HashedFeature>* features) const {
  thread_local text::FoldedWords words;
  thread_local std::vector<int> buckets;
  text::FoldWordsInto(question, &words);
  buckets.clear();
  for (size_t i = 0; i < words.words.size(); ++i) {
    AddWordBuckets(words.words[i], &buckets);
    if (i + 1 < words.words.size())
      buckets.push_back(PairBucket(words.words[i], words.words[i + 1]));
  }
  std::sort(buckets.begin(), buckets.end());
  features->clear();
  for (const int bucket : buckets) {
    if (!features->empty() && features->back().bucket == bucket) {
      features->back().value += 1;
    } else {
      features->push_back({bucket, 1});
    }
  }
}

int FeatureHasher::Bucket(uint32_t hash) const {
  return static_cast<int>(hash % static_cast<uint32_t>(buckets_));
}

int FeatureHasher::PairBucket(absl::string_view first, absl::string_view second) const {
  uint32_t pair = HashBytes(HashByte(kFnvOffset, kWordPairKind), first);
  return Bucket(HashBytes(HashByte(pair, ' '), second));
}

void FeatureHasher::AddWordBuckets(absl::string_view word, std::vector<int>* buckets) const {
  thread_local std::string bracketed;
  buckets->push_back(Bucket(HashBytes(HashByte(kFnvOffset, kWordKind), word)));
  // As fastText's Dictionary::computeSubwords: n-grams of whole UTF-8
  // characters, extended one character at a time from each start.
  bracketed.assign("<");
  bracketed.append(word.data(), word.size());
  bracketed.push_back('>');
  for (size_t start = 0; start < bracketed.size(); ++start) {
    if (IsContinuationByte(bracketed[start])) continue;
    uint32_t hash = HashByte(kFnvOffset, kCharNgramKind);
    size_t end = start;
    for (int n = 1; end < bracketed.size() && n <= max_char_ngram_; ++n) {
      hash = HashByte(hash, static_cast<unsigned char>(bracketed[end++]));
      while (end < bracketed.size() && IsContinuationByte(bracketed[end])) {
        hash = HashByte(hash, static_cast<unsigned char>(bracketed[end++]));
      }
      if (n >= min_char_ngram_ && !(n == 1 && (start == 0 || end == bracketed.size()))) {
        buckets->push_back(Bucket(hash));
      }
    }
  }
}

FeatureWeights FeatureWeights::Fit(Weighting weighting,
                                   const std::vector<std::vector<HashedFeature>>& training,
                                   int buckets) {
  FeatureWeights weights;
  if (weighting == Weighting::kCounts) return weights;
  std::vector<int> document_frequency(static_cast<size_t>(buckets));
  for (const std::vector<HashedFeature>& question : training) {
    for (const HashedFeature& feature : question) {
      document_frequency[static_cast<size_t>(feature.bucket)]++;
    }
  }
  const double n = static_cast<double>(training.size());
  weights.idf_.resize(static_cast<size_t>(buckets));
  for (size_t b = 0; b < weights.idf_.size(); ++b) {
    weights.idf_[b] = std::log((1 + n) / (1 + document_frequency[b])) + 1;
  }
  return weights;
}

void FeatureWeights::Apply(std::vector<HashedFeature>* features) const {
  double squares = 0;
  for (HashedFeature& feature : *features) {
    if (!idf_.empty()) feature.value *= idf_[static_cast<size_t>(feature.bucket)];
    squares += feature.value * feature.value;
  }
  if (squares == 0) return;
  const double scale = 1 / std::sqrt(squares);
  for (HashedFeature& feature : *features) feature.value *= scale;
}

}  // namespace advisor::text
