#ifndef ADVISOR_SERVICE_KNOWLEDGE_BASE_ITEM_NAMES_H_
#define ADVISOR_SERVICE_KNOWLEDGE_BASE_ITEM_NAMES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "advisor/v1/knowledge_base.pb.h"

namespace advisor::knowledge_base {

// The item name that stands for "the knowledge base does not answer this"
// in `ExampleQuestions.item`.
inline constexpr absl::string_view kOutOfScopeItem = "outOfScope";

// One answerable item of a knowledge base, as `ExampleQuestions.item`
// names it.
struct ItemRef {
  enum class Kind {
    kOutOfScope,
    kFaq,                  // faqs/{id}
    kFrameworkField,       // frameworks/{id}/{field}
    kHiringPattern,        // hiringPatterns/{id}
    kLearningPath,         // hiringPatterns/{id}/learningPath
    kInsight,              // insights/{n}
    kGeneralAdvice,        // advice/general
    kDefaultLearningPath,  // advice/defaultLearningPath
    kParagraph,            // documents/{id}/paragraphs/{n}
  };
  Kind kind = Kind::kOutOfScope;
  // The FAQ entry's, framework's, hiring pattern's or document's index in
  // the knowledge base; the insight's (0-based). -1 when not applicable.
  int index = -1;
  // kFrameworkField: the field's proto name, e.g. "developer".
  std::string field;
  // kParagraph: the section and the paragraph within it, 0-based.
  int section = -1;
  int paragraph = -1;
};

// The framework fields an item may name: those that answer questions.
bool IsAnswerableFrameworkField(absl::string_view field);

// Resolves `item` against `knowledge_base`. NOT_FOUND with a message naming
// what is missing when it names nothing there; INVALID_ARGUMENT when it is
// not of one of the forms above.
absl::StatusOr<ItemRef> ResolveItem(const advisor::v1::KnowledgeBase& knowledge_base,
                                    absl::string_view item);

}  // namespace advisor::knowledge_base

#endif  // ADVISOR_SERVICE_KNOWLEDGE_BASE_ITEM_NAMES_H_
