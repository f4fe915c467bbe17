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

// Prefix of the ids of generated documents.
inline constexpr char kSyntheticDocumentIdPrefix[] = "doc-synthetic-";

// Sections of a generated document; its paragraphs are spread over them as
// evenly as they go (fewer sections when there are fewer paragraphs).
inline constexpr int kSyntheticSectionsPerDocument = 4;

// How big a synthetic knowledge base to make. The FAQ and framework counts
// include the default knowledge base's own entries, which are always kept;
// the document count is of generated documents, added to the default's.
struct SyntheticKnowledgeBaseSpec {
  int faq_count = 1000;
  int framework_count = 3;
  // Same seed, same knowledge base.
  uint32_t seed = 2024;
  // Generated documents, after the default's own.
  int document_count = 0;
  // Paragraphs of each generated document (at least 1 when there are any).
  int paragraphs_per_document = 20;
  // Percent of a document's nouns that are coined technical terms drawn
  // from a long tail (kSyntheticCoinedTerms ranks, Zipf-like): a 1.4 M-word
  // corpus of real articles has tens of thousands of distinct words (Heaps'
  // law), not the few hundred of the built-in word list, whose most common
  // noun alone would be in a third of all sentences. 0 writes documents in
  // the word list only (the worst case for an inverted index).
  int coined_noun_percent = 40;
};

// Ranks of the coined technical terms documents draw from.
inline constexpr int kSyntheticCoinedTerms = 20000;

// The default knowledge base grown to `spec`'s size with invented but
// realistic-looking frameworks, hiring patterns (one per 20 invented
// frameworks), FAQ entries and documents, written from a word list with a
// Zipf-like skew so that an inverted index over them has realistic posting
// lengths. A document has a title, a source and kSyntheticSectionsPerDocument
// headed sections; a paragraph has 2 to 5 sentences of 8 to 25 words each,
// capitalised and ending with a full stop. Adding documents leaves the rest
// as it was for the same seed. The result went through
// knowledge_base::ParseKnowledgeBase, so it passed the validator and has its
// derived fields filled. INVALID_ARGUMENT when the FAQ or framework count is
// below the default knowledge base's own, the document count is negative or
// documents would have no paragraph.
absl::StatusOr<advisor::v1::KnowledgeBase> MakeSyntheticKnowledgeBase(
    const SyntheticKnowledgeBaseSpec& spec);

// `count` questions that paraphrase generated FAQ entries of
// `knowledge_base` the way people mistype them: a word dropped, two words
// swapped, one word misspelled. Empty when it has no generated entries.
std::vector<std::string> MakeSyntheticQuestions(const advisor::v1::KnowledgeBase& knowledge_base,
                                                int count, uint32_t seed);

// `count` questions made from random sentences of generated documents of
// `knowledge_base`, mistyped the same way: lower-cased, a word dropped, one
// word misspelled, a question mark for the full stop. Empty when it has no
// generated documents.
std::vector<std::string> MakeSyntheticDocumentQuestions(
    const advisor::v1::KnowledgeBase& knowledge_base, int count, uint32_t seed);

}  // namespace advisor::bench

#endif  // ADVISOR_TESTS_BENCH_SYNTHETIC_KNOWLEDGE_BASE_H_
