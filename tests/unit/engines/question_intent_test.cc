#include "service/engines/question_intent.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace advisor::engines {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;

std::vector<std::string> RestWords(absl::string_view question) {
  return absl::StrSplit(ReadQuestionIntent(question).rest, ' ', absl::SkipEmpty());
}

AskedFor KindOf(absl::string_view question) { return ReadQuestionIntent(question).asked_for; }

TEST(ReadQuestionIntentTest, AsksForTheDeveloper) {
  EXPECT_EQ(KindOf("who developed tensorflow"), AskedFor::kDeveloper);
  EXPECT_EQ(KindOf("Which company made PyTorch?"), AskedFor::kDeveloper);
  EXPECT_EQ(KindOf("tensorflow comes from which company"), AskedFor::kDeveloper);
  EXPECT_EQ(KindOf("Who maintains Keras?"), AskedFor::kDeveloper);
  // A maker noun asks on its own, without a "who" word.
  EXPECT_EQ(KindOf("the creator of keras"), AskedFor::kDeveloper);
}

TEST(ReadQuestionIntentTest, MakingWithoutAWhoWordIsNotTheDeveloper) {
  EXPECT_NE(KindOf("what makes pytorch attractive"), AskedFor::kDeveloper);
  EXPECT_EQ(KindOf("what makes pytorch attractive"), AskedFor::kAnything);
}

TEST(ReadQuestionIntentTest, AsksForTheWebsite) {
  EXPECT_EQ(KindOf("official site of keras"), AskedFor::kWebsite);
  EXPECT_EQ(KindOf("Where can I download Keras?"), AskedFor::kWebsite);
  EXPECT_EQ(KindOf("TF docs"), AskedFor::kWebsite);
}

TEST(ReadQuestionIntentTest, AsksForAComparison) {
  EXPECT_EQ(KindOf("pytorch vs tensorflow"), AskedFor::kComparison);
  EXPECT_EQ(KindOf("difference between keras and pytorch"), AskedFor::kComparison);
  EXPECT_EQ(KindOf("How does Keras compare to PyTorch?"), AskedFor::kComparison);
}

TEST(ReadQuestionIntentTest, AsksForAFrameworkChoice) {
  EXPECT_EQ(KindOf("which framework do banks use"), AskedFor::kFrameworkChoice);
  EXPECT_EQ(KindOf("best library for a startup"), AskedFor::kFrameworkChoice);
  EXPECT_EQ(KindOf("a framework for startups"), AskedFor::kFrameworkChoice);
}

TEST(ReadQuestionIntentTest, AsksWhatSomethingIsFor) {
  EXPECT_EQ(KindOf("what is keras best for"), AskedFor::kUse);
  EXPECT_EQ(KindOf("who is tensorflow suited for"), AskedFor::kUse);
}

TEST(ReadQuestionIntentTest, AsksForTheHistory) {
  EXPECT_EQ(KindOf("when was tensorflow first released"), AskedFor::kHistory);
  EXPECT_EQ(KindOf("What year did PyTorch come out?"), AskedFor::kHistory);
  EXPECT_EQ(KindOf("keras history"), AskedFor::kHistory);
}

TEST(ReadQuestionIntentTest, AsksForASummary) {
  EXPECT_EQ(KindOf("what is keras"), AskedFor::kSummary);
  EXPECT_EQ(KindOf("describe pytorch"), AskedFor::kSummary);
  EXPECT_EQ(KindOf("TensorFlow overview"), AskedFor::kSummary);
  EXPECT_EQ(KindOf("tell me about keras"), AskedFor::kSummary);
}

TEST(ReadQuestionIntentTest, OtherQuestionsAskForAnything) {
  EXPECT_EQ(KindOf("why do startups prefer pytorch"), AskedFor::kAnything);
  EXPECT_EQ(KindOf(""), AskedFor::kAnything);
}

TEST(ReadQuestionIntentTest, RestKeepsTheWordsThatAreNotCues) {
  EXPECT_THAT(RestWords("Who developed TensorFlow?"), ElementsAre("tensorflow"));

  const std::vector<std::string> made = RestWords("which company made pytorch");
  EXPECT_THAT(made, Contains("pytorch"));
  EXPECT_THAT(made, Not(Contains("company")));
  EXPECT_THAT(made, Not(Contains("made")));

  const std::vector<std::string> site = RestWords("official site of keras");
  EXPECT_THAT(site, Contains("keras"));
  EXPECT_THAT(site, Not(Contains("site")));
  EXPECT_THAT(site, Not(Contains("official")));

  EXPECT_THAT(RestWords("pytorch vs tensorflow"), ElementsAre("pytorch", "tensorflow"));

  const std::vector<std::string> banks = RestWords("which framework do banks use");
  EXPECT_THAT(banks, Contains("banks"));
  EXPECT_THAT(banks, Not(Contains("framework")));

  EXPECT_THAT(RestWords("when was tensorflow first released"), ElementsAre("tensorflow"));
  EXPECT_THAT(RestWords("what is keras"), ElementsAre("keras"));
  EXPECT_THAT(RestWords("what is keras best for"), ElementsAre("keras"));
}

TEST(ReadQuestionIntentTest, RestIsEmptyWhenNothingIsAskedFor) {
  const QuestionIntent intent = ReadQuestionIntent("Why do startups prefer PyTorch?");
  EXPECT_EQ(intent.asked_for, AskedFor::kAnything);
  EXPECT_EQ(intent.rest, "");
  EXPECT_THAT(RestWords(""), IsEmpty());
}

TEST(ReadQuestionIntentTest, ReadsFoldedWordsAsItReadsText) {
  text::FoldedWords folded;
  text::FoldWordsInto("Who DEVELOPED TensorFlow?", &folded);
  const QuestionIntent intent = ReadQuestionIntent(folded);
  EXPECT_EQ(intent.asked_for, AskedFor::kDeveloper);
  EXPECT_EQ(intent.rest, "tensorflow");
}

TEST(QuestionProperTest, OneSentenceIsTheWholeQuestion) {
  EXPECT_EQ(QuestionProper("Do employers expect more than one framework?"),
            "Do employers expect more than one framework?");
  EXPECT_EQ(QuestionProper("keras or pytorch"), "keras or pytorch");
  EXPECT_EQ(QuestionProper(""), "");
}

TEST(QuestionProperTest, LeavesOutAPreamble) {
  EXPECT_EQ(QuestionProper("I have used TensorFlow for years. Do employers expect more?"),
            "Do employers expect more?");
  EXPECT_EQ(QuestionProper("I love Keras! Is it fast enough?"), "Is it fast enough?");
  EXPECT_EQ(QuestionProper("I work at a bank; which framework fits?"), "which framework fits?");
}

TEST(QuestionProperTest, SplitsBeforeALowerCaseSentence) {
  EXPECT_EQ(QuestionProper("i use keras. is it enough?"), "is it enough?");
}

TEST(QuestionProperTest, KeepsWhatFollowsTheLastQuestionMark) {
  EXPECT_EQ(QuestionProper("Which one? Thanks."), "Which one? Thanks.");
  EXPECT_EQ(QuestionProper("I am new here. Which one? Thanks."), "Which one? Thanks.");
}

TEST(QuestionProperTest, TakesTheSentenceOfTheLastQuestionMark) {
  EXPECT_EQ(QuestionProper("Is it fast? Is it free?"), "Is it free?");
}

TEST(QuestionProperTest, AbbreviationsAndInitialsDoNotEndAPreamble) {
  for (const char* question :
       {"Which is better, PyTorch vs. TensorFlow?", "Is Keras simpler than e.g. PyTorch?",
        "Did Dr. Chollet write Keras?", "Did F. Chollet write Keras?"}) {
    EXPECT_EQ(QuestionProper(question), question);
  }
  EXPECT_EQ(
      ReadQuestionIntent(QuestionProper("Which is better, PyTorch vs. TensorFlow?")).asked_for,
      AskedFor::kComparison);
}

TEST(QuestionProperTest, APreambleMayEndInAClosingQuote) {
  EXPECT_EQ(QuestionProper("My lead said \"use Keras.\" Is it enough?"), "Is it enough?");
}

TEST(QuestionProperTest, WithoutAQuestionMarkTakesTheLastSentence) {
  EXPECT_EQ(QuestionProper("I use Keras. Tell me about PyTorch."), "Tell me about PyTorch.");
}

}  // namespace
}  // namespace advisor::engines
