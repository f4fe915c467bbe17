#ifndef ADVISOR_SERVICE_ENGINES_ROLE_MATCHER_H_
#define ADVISOR_SERVICE_ENGINES_ROLE_MATCHER_H_

#include <cstddef>
#include <memory>

#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "advisor/v1/knowledge_base.pb.h"

namespace advisor::engines {

// A match describes at most this many frameworks (and learning steps): all
// of a knowledge base of the usual size, the best ones of a large one, so a
// match costs little more with a thousand frameworks than with three.
inline constexpr int kMaxMatchedFrameworks = 20;

// How many frameworks, reasons and recognised patterns a RoleMatch holds
// without allocating: those of a knowledge base of the usual size.
inline constexpr size_t kInlineFrameworks = 4;
inline constexpr size_t kInlineReasons = 2;

// The strings of a match (reasons, why, advice) are views into the
// knowledge base or the RoleMatcher, valid as long as the RoleMatcher (in
// the server: the snapshot the call holds). Copy them to keep them longer.

// How well one framework fits a role.
struct FrameworkFit {
  const advisor::v1::Framework* framework = nullptr;
  // In [0, 1].
  double score = 0;
  // From the knowledge base (hiring pattern reasons), strongest first.
  absl::InlinedVector<absl::string_view, kInlineReasons> reasons;
};

// One step of a learning path.
struct LearningStep {
  const advisor::v1::Framework* framework = nullptr;
  absl::string_view why;
};

// The result of matching one role description.
struct RoleMatch {
  // Every ranked framework, best fit first (the best kMaxMatchedFrameworks
  // when there are more). Ranked are the frameworks the hiring patterns and
  // learning paths name (every framework when there are none): the
  // knowledge base holds no hiring evidence for the others.
  absl::InlinedVector<FrameworkFit, kInlineFrameworks> fits;
  // Frameworks to learn, in order; every ranked framework appears once (at
  // most kMaxMatchedFrameworks steps).
  absl::InlinedVector<LearningStep, kInlineFrameworks> learning_path;
  absl::string_view advice;
  // Hiring patterns recognised in the description, strongest first.
  absl::InlinedVector<const advisor::v1::HiringPattern*, kInlineReasons> recognized;
};

// Ranks frameworks for a free-text role description using the knowledge
// base's hiring patterns. Immutable after construction and safe to share
// between threads. Keeps pointers into `knowledge_base`, which must outlive
// it and must have been validated.
class RoleMatcher {
 public:
  explicit RoleMatcher(const advisor::v1::KnowledgeBase& knowledge_base);
  ~RoleMatcher();
  RoleMatcher(const RoleMatcher&) = delete;
  RoleMatcher& operator=(const RoleMatcher&) = delete;

  // INVALID_ARGUMENT when the description fails text::ValidateFreeText.
  absl::StatusOr<RoleMatch> Match(absl::string_view description) const;

 private:
  struct Index;
  const advisor::v1::KnowledgeBase& knowledge_base_;
  std::unique_ptr<const Index> index_;
};

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_ROLE_MATCHER_H_
