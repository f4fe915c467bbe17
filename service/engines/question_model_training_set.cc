#include "service/engines/question_model_training_set.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

#include "service/knowledge_base/framework_fields.h"

namespace advisor::engines {

std::string QuestionModelLabel(absl::string_view item) {
  const std::vector<absl::string_view> parts = absl::StrSplit(item, '/');
  const knowledge_base::FrameworkField* field = parts.size() == 3 && parts[0] == "frameworks"
                                                    ? knowledge_base::FindFrameworkField(parts[2])
                                                    : nullptr;
  if (field != nullptr && field->shared_label) {
    return absl::StrCat("frameworks/*/", parts[2]);
  }
  return std::string(item);
}

QuestionModelTrainingSet TrainingSetOf(const advisor::v1::KnowledgeBase& knowledge_base) {
  QuestionModelTrainingSet training_set;
  absl::flat_hash_map<std::string, int> label_of;
  for (const auto& set : knowledge_base.examples()) {
    std::string label = QuestionModelLabel(set.item());
    const auto [it, added] =
        label_of.try_emplace(label, static_cast<int>(training_set.labels.size()));
    if (added) training_set.labels.push_back(std::move(label));
    for (const std::string& question : set.questions()) {
      training_set.examples.push_back({question, it->second});
    }
  }
  return training_set;
}

}  // namespace advisor::engines
