#ifndef ADVISOR_SERVICE_ENGINES_QUESTION_MODEL_TRAINING_SET_H_
#define ADVISOR_SERVICE_ENGINES_QUESTION_MODEL_TRAINING_SET_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

#include "advisor/v1/knowledge_base.pb.h"
#include "service/engines/question_model.h"

namespace advisor::engines {

// The question model's label for a knowledge base item (as
// `ExampleQuestions.item` names it): the item itself, or for the fields that
// say the same kind of thing of every framework (summary, strengths,
// best_for, developer, website, ...) one shared label, "frameworks/*/{field}",
// the framework the question names picking the item.
std::string QuestionModelLabel(absl::string_view item);

// What the question model of a knowledge base learns from: its labels, in
// the order their items' first example questions appear, and every example
// question with the index of its label.
struct QuestionModelTrainingSet {
  std::vector<std::string> labels;
  std::vector<LabelledQuestion> examples;
};

QuestionModelTrainingSet TrainingSetOf(const advisor::v1::KnowledgeBase& knowledge_base);

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_QUESTION_MODEL_TRAINING_SET_H_
