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

// A FAQ entry that may answer a question.
struct FaqCandidate {
  const advisor::v1::FaqEntry* entry = nullptr;
  // In [0, 1].
  double confidence = 0;
};

// The result of answering one question.
struct FaqAnswer {
  // False when no entry reaches the confidence threshold: the knowledge
  // base does not cover the question. `best` may still be set then.
  bool answered = false;
  // The best entry, or null when nothing matched at all.
  const advisor::v1::FaqEntry* best = nullptr;
  // Confidence in `best` (0 when null): near 1 for the entry's own
  // question, lower for paraphrases, near 0 for unrelated questions.
  double confidence = 0;
  // Next best entries, best first, at most kMaxAlternatives.
  std::vector<FaqCandidate> alternatives;
};

// Answers questions in the asker's own words from the knowledge base's
// FAQ. Immutable after construction and safe to share between threads.
// Keeps pointers into `knowledge_base`, which must outlive it and must have
// been validated.
class FaqAnswerer {
 public:
  explicit FaqAnswerer(const advisor::v1::KnowledgeBase& knowledge_base);
  ~FaqAnswerer();
  FaqAnswerer(const FaqAnswerer&) = delete;
  FaqAnswerer& operator=(const FaqAnswerer&) = delete;

  // INVALID_ARGUMENT when the question fails text::ValidateFreeText.
  absl::StatusOr<FaqAnswer> Answer(absl::string_view question) const;

 private:
  struct Index;
  std::unique_ptr<const Index> index_;
};

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_FAQ_ANSWERER_H_
