#include "service/engines/expected_answer.h"

#include <string>

#include "gtest/gtest.h"

namespace advisor::engines {
namespace {

ExpectedAnswer Of(const std::string& question) {
  text::FoldedWords words;
  text::FoldWordsInto(question, &words);
  return ExpectedAnswerOf(words);
}

TEST(ExpectedAnswerTest, ReadsTheKindOfValueFromTheWording) {
  EXPECT_EQ(Of("when was TensorFlow first released?"), ExpectedAnswer::kReleaseYear);
  EXPECT_EQ(Of("What year did Keras 3 come out"), ExpectedAnswer::kReleaseYear);
  EXPECT_EQ(Of("since when is PyTorch in the Linux Foundation"), ExpectedAnswer::kYear);
  EXPECT_EQ(Of("how much do tensorflow developers make"), ExpectedAnswer::kAmount);
  EXPECT_EQ(Of("How many jobs ask for PyTorch"), ExpectedAnswer::kAmount);
  EXPECT_EQ(Of("what percentage of startups use pytorch"), ExpectedAnswer::kAmount);
  EXPECT_EQ(Of("who develops keras"), ExpectedAnswer::kAnything);
  EXPECT_EQ(Of("which framework should I learn first"), ExpectedAnswer::kAnything);
}

TEST(ExpectedAnswerTest, ChecksThatAnAnswerHoldsIt) {
  const std::string tensorflow =
      "Open source under the Apache 2.0 licence, developed by the Google Brain team and first "
      "released in 2015.";
  const std::string pytorch =
      "Created at Meta (then Facebook) AI Research; moved to the PyTorch Foundation under the "
      "Linux Foundation in 2022.";
  EXPECT_TRUE(HoldsExpectedAnswer(tensorflow, ExpectedAnswer::kReleaseYear));
  EXPECT_TRUE(HoldsExpectedAnswer("Keras 3, officially released in 2023, is multi-backend",
                                  ExpectedAnswer::kReleaseYear));
  // A year, but not a release's.
  EXPECT_TRUE(HoldsExpectedAnswer(pytorch, ExpectedAnswer::kYear));
  EXPECT_FALSE(HoldsExpectedAnswer(pytorch, ExpectedAnswer::kReleaseYear));
  // A version or a year is no amount.
  EXPECT_FALSE(HoldsExpectedAnswer(tensorflow, ExpectedAnswer::kAmount));
  EXPECT_FALSE(HoldsExpectedAnswer("Google", ExpectedAnswer::kAmount));
  EXPECT_TRUE(HoldsExpectedAnswer("about 40 percent of postings", ExpectedAnswer::kAmount));
  EXPECT_FALSE(HoldsExpectedAnswer("Google", ExpectedAnswer::kYear));
  EXPECT_TRUE(HoldsExpectedAnswer("Google", ExpectedAnswer::kAnything));
}

}  // namespace
}  // namespace advisor::engines
