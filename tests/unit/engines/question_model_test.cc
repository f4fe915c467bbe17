#include "service/engines/question_model.h"

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <string>
#include <vector>

#include "gtest/gtest.h"

#include "linear.h"
#include "service/engines/linear_problem.h"

namespace advisor::engines {
namespace {

// Three labels with a handful of phrasings each.
std::vector<LabelledQuestion> Examples() {
  std::vector<LabelledQuestion> examples;
  for (const char* q :
       {"who develops pytorch", "who made tensorflow", "which company is behind keras",
        "who maintains pytorch", "creator of keras", "who built tensorflow"}) {
    examples.push_back({q, 0});
  }
  for (const char* q : {"pytorch website", "where is the tensorflow homepage", "keras docs url",
                        "link to pytorch site", "official site of keras", "tensorflow web page"}) {
    examples.push_back({q, 1});
  }
  for (const char* q : {"how do I install cuda", "best laptop for deep learning", "gpu drivers",
                        "what is the weather", "pip install error", "salary of ml engineers"}) {
    examples.push_back({q, 2});
  }
  return examples;
}

std::vector<float> Probabilities(const QuestionModel& model, const std::string& question) {
  std::vector<float> probabilities;
  model.Predict(question, &probabilities);
  return probabilities;
}

int Best(const std::vector<float>& probabilities) {
  return static_cast<int>(std::max_element(probabilities.begin(), probabilities.end()) -
                          probabilities.begin());
}

TEST(QuestionModelTest, LearnsLabelsAndToleratesMisspellings) {
  auto model = QuestionModel::Train(Examples(), 3, QuestionModelOptions());
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(Best(Probabilities(**model, "who created pytroch?")), 0);
  EXPECT_EQ(Best(Probabilities(**model, "Keras homepage link")), 1);
  EXPECT_EQ(Best(Probabilities(**model, "installing CUDA drivers")), 2);
}

TEST(QuestionModelTest, ProbabilitiesSumToOne) {
  auto model = QuestionModel::Train(Examples(), 3, QuestionModelOptions());
  ASSERT_TRUE(model.ok());
  for (const char* question : {"who develops keras", "", "!!!", "zzzz qqqq"}) {
    const std::vector<float> probabilities = Probabilities(**model, question);
    ASSERT_EQ(probabilities.size(), 3U);
    EXPECT_NEAR(std::accumulate(probabilities.begin(), probabilities.end(), 0.0), 1.0, 1e-5)
        << question;
  }
}

TEST(QuestionModelTest, TrainingIsDeterministic) {
  auto first = QuestionModel::Train(Examples(), 3, QuestionModelOptions());
  auto second = QuestionModel::Train(Examples(), 3, QuestionModelOptions());
  ASSERT_TRUE(first.ok() && second.ok());
  for (const char* question : {"who develops keras", "tf site", "gpu"}) {
    EXPECT_EQ(Probabilities(**first, question), Probabilities(**second, question)) << question;
  }
}

TEST(QuestionModelTest, RefusesNoExamplesAndLabelsOutOfRange) {
  EXPECT_EQ(QuestionModel::Train({}, 3, QuestionModelOptions()).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(QuestionModel::Train({{"q", 3}}, 3, QuestionModelOptions()).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(QuestionModelTest, LabelsWithoutExamplesGetNothing) {
  std::vector<LabelledQuestion> examples = Examples();
  for (LabelledQuestion& example : examples) example.label *= 2;  // Labels 0, 2, 4 of 6.
  auto model = QuestionModel::Train(examples, 6, QuestionModelOptions());
  ASSERT_TRUE(model.ok()) << model.status();
  const std::vector<float> probabilities = Probabilities(**model, "who develops keras");
  ASSERT_EQ(probabilities.size(), 6U);
  EXPECT_EQ(probabilities[1], 0);
  EXPECT_EQ(probabilities[3], 0);
  EXPECT_EQ(probabilities[5], 0);
  EXPECT_EQ(Best(probabilities), 0);
}

TEST(QuestionModelTest, TwoLabelsAndOneLabelAreModelsToo) {
  std::vector<LabelledQuestion> two;
  std::vector<LabelledQuestion> one;
  for (const LabelledQuestion& example : Examples()) {
    if (example.label < 2) two.push_back(example);
    if (example.label == 1) one.push_back(example);
  }
  auto two_labels = QuestionModel::Train(two, 3, QuestionModelOptions());
  ASSERT_TRUE(two_labels.ok()) << two_labels.status();
  EXPECT_EQ(Best(Probabilities(**two_labels, "who develops pytorch")), 0);
  EXPECT_EQ(Best(Probabilities(**two_labels, "keras homepage")), 1);
  auto one_label = QuestionModel::Train(one, 3, QuestionModelOptions());
  ASSERT_TRUE(one_label.ok()) << one_label.status();
  EXPECT_EQ(Probabilities(**one_label, "anything at all"), (std::vector<float>{0, 1, 0}));
}

// QuestionModel reads liblinear's weight vectors itself (one float copy,
// laid out as liblinear's README documents `w`, the bias last), so its
// probabilities must equal those of liblinear's own predict_probability on
// a model trained on the same features with the same parameters.
TEST(QuestionModelTest, PredictsAsLiblinearItself) {
  const QuestionModelOptions options;
  for (const int labels : {2, 3}) {
    std::vector<LabelledQuestion> examples;
    for (const LabelledQuestion& example : Examples()) {
      if (example.label < labels) examples.push_back(example);
    }
    auto ours = QuestionModel::Train(examples, labels, options);
    ASSERT_TRUE(ours.ok());

    LinearProblem linear_problem(options.buckets);
    std::vector<text::HashedFeature> features;
    for (const LabelledQuestion& example : examples) {
      (*ours)->Features(example.question, &features);
      linear_problem.Add(features, example.label);
    }
    const problem& prob = linear_problem.Get();
    const parameter param = DualLogisticRegression(options.regularisation, options.tolerance);
    std::srand(options.seed);
    const LinearModel reference(train(&prob, &param));
    ASSERT_NE(reference, nullptr);

    // Unknown words, misspellings and words of several UTF-8 bytes a
    // character give features no example has.
    for (const char* question : {"who develops keras", "tensorflow site please", "cuda install",
                                 "who made pytroch and where is its website", "深度学习 keras 網站",
                                 "qui a développé tensorflow ñandú"}) {
      std::vector<feature_node> row;
      (*ours)->Features(question, &features);
      LinearRow(features, options.buckets, &row);
      std::vector<double> expected(static_cast<size_t>(reference->nr_class));
      predict_probability(reference.get(), row.data(), expected.data());
      const std::vector<float> got = Probabilities(**ours, question);
      for (int c = 0; c < reference->nr_class; ++c) {
        EXPECT_NEAR(got[static_cast<size_t>(reference->label[c])], expected[static_cast<size_t>(c)],
                    1e-5)
            << labels << " labels: " << question << ", label " << reference->label[c];
      }
    }
  }
}

TEST(QuestionModelTest, ASerialisedModelLoadsAsTrainedForTheSameExamplesOnly) {
  const QuestionModelOptions options;
  for (const int labels : {1, 2, 3}) {
    std::vector<LabelledQuestion> examples;
    for (const LabelledQuestion& example : Examples()) {
      if (example.label < labels) examples.push_back(example);
    }
    auto trained = QuestionModel::Train(examples, 3, options);
    ASSERT_TRUE(trained.ok()) << trained.status();
    const std::string bytes = (*trained)->Serialize();
    auto loaded = QuestionModel::Load(bytes, examples, 3, options);
    ASSERT_TRUE(loaded.ok()) << labels << " labels: " << loaded.status();
    EXPECT_EQ((*loaded)->memory_bytes(), (*trained)->memory_bytes());
    for (const char* question : {"who develops keras", "tf site", "gpu", "", "pytroch"}) {
      EXPECT_EQ(Probabilities(**loaded, question), Probabilities(**trained, question))
          << labels << " labels: " << question;
    }
    EXPECT_EQ((*loaded)->Serialize(), bytes);

    // Trained from anything else: another example, label, label count or
    // option.
    std::vector<LabelledQuestion> other_question = examples;
    other_question.back().question += "?";
    std::vector<LabelledQuestion> other_label = examples;
    other_label.front().label = 2;
    QuestionModelOptions other_options;
    other_options.regularisation = 8;
    EXPECT_EQ(QuestionModel::Load(bytes, other_question, 3, options).status().code(),
              absl::StatusCode::kNotFound);
    EXPECT_EQ(QuestionModel::Load(bytes, other_label, 3, options).status().code(),
              absl::StatusCode::kNotFound);
    EXPECT_EQ(QuestionModel::Load(bytes, examples, 4, options).status().code(),
              absl::StatusCode::kNotFound);
    EXPECT_EQ(QuestionModel::Load(bytes, examples, 3, other_options).status().code(),
              absl::StatusCode::kNotFound);
  }
}

TEST(QuestionModelTest, LoadRefusesDamagedBytes) {
  const QuestionModelOptions options;
  auto trained = QuestionModel::Train(Examples(), 3, options);
  ASSERT_TRUE(trained.ok());
  const std::string bytes = (*trained)->Serialize();
  for (const std::string& damaged :
       {std::string(), std::string("AQM1"), bytes.substr(0, bytes.size() - 1), bytes + "x",
        bytes + "xxxx", "BQM1" + bytes.substr(4), bytes.substr(0, 32)}) {
    EXPECT_EQ(QuestionModel::Load(damaged, Examples(), 3, options).status().code(),
              absl::StatusCode::kDataLoss)
        << damaged.size() << " bytes";
  }
  // A class whose label is out of range (the first class's label follows
  // the header's 4 + 7 * 4 bytes).
  std::string bad_label = bytes;
  bad_label[32] = 7;
  EXPECT_EQ(QuestionModel::Load(bad_label, Examples(), 3, options).status().code(),
            absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace advisor::engines
