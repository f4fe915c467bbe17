#ifndef ADVISOR_SERVICE_ENGINES_BUILT_IN_QUESTION_MODEL_H_
#define ADVISOR_SERVICE_ENGINES_BUILT_IN_QUESTION_MODEL_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "service/engines/question_model.h"

namespace advisor::engines {

// The question model of the default knowledge base, serialised
// (QuestionModel::Serialize): trained while the server is compiled, by the
// build tool advisor_train_question_model, and embedded in the binary.
absl::string_view BuiltInQuestionModel();

// The question model for `examples` with QuestionModelOptions(): the
// built-in one when it was trained from exactly these examples (the default
// knowledge base, or a file with the same example questions), which takes
// milliseconds; otherwise one trained now, which takes about a second and a
// half for the default knowledge base's examples.
absl::StatusOr<std::unique_ptr<const QuestionModel>> BuiltInOrTrainedQuestionModel(
    const std::vector<LabelledQuestion>& examples, int label_count);

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_BUILT_IN_QUESTION_MODEL_H_
