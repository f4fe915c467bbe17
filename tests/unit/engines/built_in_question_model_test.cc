#include "service/engines/built_in_question_model.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

#include "service/engines/question_model_training_set.h"
#include "service/knowledge_base/knowledge_base_loader.h"

namespace advisor::engines {
namespace {

QuestionModelTrainingSet DefaultTrainingSet() {
  absl::StatusOr<advisor::v1::KnowledgeBase> knowledge_base =
      knowledge_base::LoadDefaultKnowledgeBase();
  EXPECT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  return knowledge_base.ok() ? TrainingSetOf(*knowledge_base) : QuestionModelTrainingSet();
}

// The server starts on the default knowledge base without training only if
// the build embedded the model of exactly its examples: this fails when the
// build step and the answerer disagree on the examples or the options.
TEST(BuiltInQuestionModelTest, IsTheModelOfTheDefaultKnowledgeBase) {
  const QuestionModelTrainingSet training_set = DefaultTrainingSet();
  ASSERT_FALSE(training_set.examples.empty());
  const int labels = static_cast<int>(training_set.labels.size());
  auto built_in = QuestionModel::Load(BuiltInQuestionModel(), training_set.examples, labels,
                                      QuestionModelOptions());
  ASSERT_TRUE(built_in.ok()) << built_in.status();

  auto trained = QuestionModel::Train(training_set.examples, labels, QuestionModelOptions());
  ASSERT_TRUE(trained.ok()) << trained.status();
  EXPECT_EQ((*trained)->Serialize(), BuiltInQuestionModel());
}

TEST(BuiltInQuestionModelTest, OtherExamplesAreTrainedNow) {
  QuestionModelTrainingSet training_set = DefaultTrainingSet();
  ASSERT_GT(training_set.examples.size(), 10U);
  training_set.examples.resize(10);
  const int labels = static_cast<int>(training_set.labels.size());
  EXPECT_EQ(QuestionModel::Load(BuiltInQuestionModel(), training_set.examples, labels,
                                QuestionModelOptions())
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  auto model = BuiltInOrTrainedQuestionModel(training_set.examples, labels);
  ASSERT_TRUE(model.ok()) << model.status();
  auto trained = QuestionModel::Train(training_set.examples, labels, QuestionModelOptions());
  ASSERT_TRUE(trained.ok());
  EXPECT_EQ((*model)->Serialize(), (*trained)->Serialize());
}

TEST(BuiltInQuestionModelTest, TrainingSetLabelsSharedFieldsOnce) {
  EXPECT_EQ(QuestionModelLabel("frameworks/pytorch/developer"), "frameworks/*/developer");
  EXPECT_EQ(QuestionModelLabel("frameworks/jax/status"), "frameworks/*/status");
  EXPECT_EQ(QuestionModelLabel("frameworks/pytorch/notes"), "frameworks/pytorch/notes");
  EXPECT_EQ(QuestionModelLabel("faqs/faq-popular-2024"), "faqs/faq-popular-2024");
  const QuestionModelTrainingSet training_set = DefaultTrainingSet();
  for (const LabelledQuestion& example : training_set.examples) {
    ASSERT_GE(example.label, 0);
    ASSERT_LT(example.label, static_cast<int>(training_set.labels.size()));
  }
}

}  // namespace
}  // namespace advisor::engines
