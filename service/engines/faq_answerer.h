#ifndef ADVISOR_SERVICE_ENGINES_FAQ_ANSWERER_H_
#define ADVISOR_SERVICE_ENGINES_FAQ_ANSWERER_H_

#include <memory>
#include <vector>

#include "absl/container/inlined_vector.h"
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
  // confidence of at least kMinAlternativeConfidence. Held inline: an
  // answer allocates nothing.
  absl::InlinedVector<FaqCandidate, kMaxAlternatives> alternatives;
};

// Answers questions in the asker's own words from the knowledge base's
// FAQ: paraphrases, synonyms ("DL", "recruiters"), misspellings. Built once
// from the knowledge base (a text::TextAnalyzer over its synonyms, stop
// words and framework names, and an inverted index of each entry's
// question, answer and context passages with BM25F weights, the question
// weighing most), then immutable and safe to share between threads; a call
// visits only the postings of the question's terms.
//
// The confidence is calibrated rather than a raw score: it is high only
// when the entry explains most of the question's weight (words the FAQ
// does not hold, like "pasta" or "install", count against it), the matched
// words are specific enough (one common word is not), and the BM25F score
// approaches that of the entry's own question. Hence ~1 for an entry's own
// question, ~0.3-0.8 for paraphrases and < 0.1 for unrelated questions.
//
// Keeps pointers into `knowledge_base`, which must outlive it and must have
// been validated.
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
