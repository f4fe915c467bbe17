#ifndef ADVISOR_TESTS_BENCH_SYNTHETIC_KNOWLEDGE_BASE_H_
#define ADVISOR_TESTS_BENCH_SYNTHETIC_KNOWLEDGE_BASE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

#include "advisor/v1/knowledge_base.pb.h"

namespace advisor::bench {

// Prefix of the ids of generated FAQ entries.
inline constexpr char kSyntheticFaqIdPrefix[] = "faq-synthetic-";

// How big a synthetic knowledge base to make. Counts include the default
// knowledge base's own entries, which are always kept.
struct SyntheticKnowledgeBaseSpec {
  int faq_count = 1000;
  int framework_count = 3;
  // Same seed, same knowledge base.
  uint32_t seed = 2024;
};

// The default knowledge base grown to `spec`'s size with invented but
// realistic-looking frameworks, hiring patterns (one per 20 invented
// frameworks) and FAQ entries, written from a word list with a Zipf-like
// skew so that an inverted index over them has realistic posting lengths.
// The result went through knowledge_base::ParseKnowledgeBase, so it passed
// the validator and has its derived fields filled. INVALID_ARGUMENT when a
// count is below the default knowledge base's own.
absl::StatusOr<advisor::v1::KnowledgeBase> MakeSyntheticKnowledgeBase(
    const SyntheticKnowledgeBaseSpec& spec);

// `count` questions that paraphrase generated FAQ entries of
// `knowledge_base` the way people mistype them: a word dropped, two words
// swapped, one word misspelled. Empty when it has no generated entries.
std::vector<std::string> MakeSyntheticQuestions(const advisor::v1::KnowledgeBase& knowledge_base,
                                                int count, uint32_t seed);

}  // namespace advisor::bench

#endif  // ADVISOR_TESTS_BENCH_SYNTHETIC_KNOWLEDGE_BASE_H_
