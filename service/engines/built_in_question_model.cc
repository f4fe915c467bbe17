#include "service/engines/built_in_question_model.h"

#include <cstddef>

#include "absl/status/status.h"

// Defined by the generated built_in_question_model_data.cc, which embeds
// the model file with the assembler's .incbin.
extern "C" const char advisor_built_in_question_model[];
extern "C" const char advisor_built_in_question_model_end[];

namespace advisor::engines {

absl::string_view BuiltInQuestionModel() {
  return absl::string_view(
      advisor_built_in_question_model,
      static_cast<size_t>(advisor_built_in_question_model_end - advisor_built_in_question_model));
}

absl::StatusOr<std::unique_ptr<const QuestionModel>> BuiltInOrTrainedQuestionModel(
    const std::vector<LabelledQuestion>& examples, int label_count) {
  const QuestionModelOptions options;
  absl::StatusOr<std::unique_ptr<const QuestionModel>> built_in =
      QuestionModel::Load(BuiltInQuestionModel(), examples, label_count, options);
  // Only NOT_FOUND (other examples) is expected; a damaged built-in model is
  // a build fault that built_in_question_model_test reports, and training
  // still gives the right model.
  if (built_in.ok()) return built_in;
  return QuestionModel::Train(examples, label_count, options);
}

}  // namespace advisor::engines
