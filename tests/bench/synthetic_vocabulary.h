#ifndef ADVISOR_TESTS_BENCH_SYNTHETIC_VOCABULARY_H_
#define ADVISOR_TESTS_BENCH_SYNTHETIC_VOCABULARY_H_

#include "absl/types/span.h"

namespace advisor::bench {

// Words the synthetic knowledge bases are written in: the vocabulary of
// questions about machine learning tools, jobs and engineering, by part of
// speech. Within each list the more common words come first, so drawing
// with a Zipf-like skew gives the long and short posting lists of real text.
struct SyntheticVocabulary {
  absl::Span<const char* const> nouns;
  // Base forms: "train", "deploy".
  absl::Span<const char* const> verbs;
  absl::Span<const char* const> adjectives;
  // People who ask: "data scientist", "student".
  absl::Span<const char* const> roles;
  // Where things run or happen: "a single GPU", "production".
  absl::Span<const char* const> settings;
  // Syllables that make up invented framework names.
  absl::Span<const char* const> name_syllables;
};

// The one vocabulary, built in.
const SyntheticVocabulary& DefaultSyntheticVocabulary();

}  // namespace advisor::bench

#endif  // ADVISOR_TESTS_BENCH_SYNTHETIC_VOCABULARY_H_
