#ifndef ADVISOR_SERVICE_KNOWLEDGE_BASE_FRAMEWORK_FIELDS_H_
#define ADVISOR_SERVICE_KNOWLEDGE_BASE_FRAMEWORK_FIELDS_H_

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

#include "advisor/v1/knowledge_base.pb.h"

namespace advisor::knowledge_base {

// A fact field of a framework record (advisor.v1.Framework). The one list
// of them: the validator asks each for a source, item names
// ("frameworks/{id}/{field}") name the answerable ones, the answerer makes
// a passage of each, and the question model learns the shared ones under
// one label.
struct FrameworkField {
  // The field's proto name, e.g. "developer".
  absl::string_view name;
  // Its number in advisor.v1.Framework.
  int number = 0;
  // Whether `framework` sets it.
  bool (*present)(const advisor::v1::Framework& framework) = nullptr;
  // Whether a document the framework is described by can state it: the
  // seed article states what a framework is, what kind and whom it suits,
  // and that it is in use; licences, languages, release years and what it
  // builds on come from the projects' own pages.
  bool stated_by_document = false;
  // Whether it answers questions (an item and a passage of its own); the
  // kind only classifies.
  bool answerable = false;
  // Whether it says the same kind of thing of every framework, so that the
  // question model learns one label for all frameworks
  // ("frameworks/*/developer") and the framework a question names picks
  // the item; notes differ from one framework to the next.
  bool shared_label = false;
};

// Every fact field, in the order answers and explanations list them.
absl::Span<const FrameworkField> FrameworkFields();

// The field named `name`, or nullptr.
const FrameworkField* FindFrameworkField(absl::string_view name);

}  // namespace advisor::knowledge_base

#endif  // ADVISOR_SERVICE_KNOWLEDGE_BASE_FRAMEWORK_FIELDS_H_
