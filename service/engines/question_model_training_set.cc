#include "service/engines/question_model_training_set.h"

#include <algorithm>
#include <iterator>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace advisor::engines {
namespace {

// Framework fields that say the same kind of thing of every framework: one
// label for all of them ("frameworks/*/developer"). Notes differ from one
// framework to the next and keep a label each.
constexpr absl::string_view kSharedFields[] = {
    "summary", "strengths",          "best_for",  "developer", "website",   "status",
    "licence", "first_release_year", "languages", "builds_on", "works_with"};

}  // namespace

std::string QuestionModelLabel(absl::string_view item) {
  const std::vector<absl::string_view> parts = absl::StrSplit(item, '/');
  if (parts.size() == 3 && parts[0] == "frameworks" &&
      std::find(std::begin(kSharedFields), std::end(kSharedFields), parts[2]) !=
          std::end(kSharedFields)) {
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
