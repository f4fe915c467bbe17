#include "service/engines/question_model.h"

#include <cmath>
#include <numeric>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

#include "fasttext/args.h"
#include "fasttext/fasttext.h"
#include <sys/mman.h>
#include <unistd.h>

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

// The fence on fastText's internals: QuestionModel computes a question's
// rows itself (word n-gram hashing is private in fastText 0.9.2, and its
// Dictionary, which would give the character n-grams, holds 120 MB), so
// its probabilities must equal those of fastText's own predictLine on a
// model trained the same way.
TEST(QuestionModelTest, PredictsAsFastTextItself) {
  const QuestionModelOptions options;
  auto model = QuestionModel::Train(Examples(), 3, options);
  ASSERT_TRUE(model.ok());

  std::string lines;
  for (const LabelledQuestion& example : Examples()) {
    absl::StrAppend(&lines, "__label__", example.label, " ",
                    QuestionModel::TrainingText(example.question), "\n");
  }
  const int fd = memfd_create("question-model-test", MFD_CLOEXEC);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, lines.data(), lines.size()), static_cast<ssize_t>(lines.size()));
  fasttext::Args args;
  args.parseArgs(QuestionModel::FastTextArguments(options, absl::StrCat("/proc/self/fd/", fd)));
  fasttext::FastText reference;
  reference.train(args);
  close(fd);

  // Unknown words, misspellings and words of several UTF-8 bytes a
  // character exercise the character n-grams QuestionModel hashes itself.
  for (const char* question : {"who develops keras", "tensorflow site please", "cuda install",
                               "who made pytroch and where is its website", "深度学习 keras 網站",
                               "qui a développé tensorflow ñandú"}) {
    std::istringstream line(QuestionModel::TrainingText(question) + "\n");
    std::vector<std::pair<fasttext::real, std::string>> predictions;
    ASSERT_TRUE(reference.predictLine(line, predictions, 3, 0));
    const std::vector<float> ours = Probabilities(**model, question);
    for (const auto& [probability, label] : predictions) {
      int index = 0;
      ASSERT_TRUE(absl::SimpleAtoi(label.substr(9), &index)) << label;
      EXPECT_NEAR(ours[static_cast<size_t>(index)], probability, 1e-4) << question << " " << label;
    }
  }
}

}  // namespace
}  // namespace advisor::engines
