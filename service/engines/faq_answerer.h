#ifndef ADVISOR_SERVICE_ENGINES_FAQ_ANSWERER_H_
#define ADVISOR_SERVICE_ENGINES_FAQ_ANSWERER_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "advisor/v1/knowledge_base.pb.h"

namespace advisor::engines {

// Most alternatives an answer lists.
inline constexpr int kMaxAlternatives = 3;

// Confidence from which a question counts as answered.
inline constexpr double kAnswerThreshold = 0.25;

// Alternatives below this confidence are not worth listing.
inline constexpr double kMinAlternativeConfidence = 0.05;

// A FAQ entry that may answer a question.
struct FaqCandidate {
  const advisor::v1::FaqEntry* entry = nullptr;
  // In [0, 1].
  double confidence = 0;
};

// The result of answering one question.
struct FaqAnswer {
  // False when no entry reaches kAnswerThreshold: the knowledge base does
  // not cover the question. `best` may still be set then.
  bool answered = false;
  // The best entry, or null when nothing matched at all.
  const advisor::v1::FaqEntry* best = nullptr;
  // Confidence in `best` (0 when null), in [0, 1]: near 1 for the entry's
  // own question, lower for paraphrases, near 0 for unrelated questions.
  double confidence = 0;
  // Next best entries, best first, at most kMaxAlternatives, each with a
  // confidence of at least kMinAlternativeConfidence.
  std::vector<FaqCandidate> alternatives;
};

// Answers questions in the asker's own words from the knowledge base's
// FAQ: paraphrases, synonyms ("DL", "recruiters"), misspellings. Built once
// (text analysis and an inverted index with BM25F weights, the question
// weighing more than the answer and context passages), then immutable and
// safe to share between threads. Keeps pointers into `knowledge_base`,
// which must outlive it and must have been validated.
class FaqAnswerer {
 public:
  explicit FaqAnswerer(const advisor::v1::KnowledgeBase& knowledge_base);
  ~FaqAnswerer();
  FaqAnswerer(const FaqAnswerer&) = delete;
  FaqAnswerer& operator=(const FaqAnswerer&) = delete;

  // The entry that answers `question`. A question the knowledge base does
  // not cover (off-topic, or only stop words) is OK with answered = false.
  // INVALID_ARGUMENT when the question fails text::ValidateFreeText (empty,
  // blank, longer than 4096 bytes, invalid UTF-8).
  absl::StatusOr<FaqAnswer> Answer(absl::string_view question) const;

 private:
  struct Index;
  std::unique_ptr<const Index> index_;
};

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_FAQ_ANSWERER_H_
