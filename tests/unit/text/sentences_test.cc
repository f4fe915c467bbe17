#include "service/text/sentences.h"

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace advisor::text {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(SplitSentencesTest, SplitsAtEndPunctuationBeforeACapital) {
  EXPECT_THAT(
      SplitSentences("PyTorch is flexible. TensorFlow scales! Is Keras simple? Yes."),
      ElementsAre("PyTorch is flexible.", "TensorFlow scales!", "Is Keras simple?", "Yes."));
}

TEST(SplitSentencesTest, SplitsBeforeADigitOrAnOpeningQuote) {
  EXPECT_THAT(SplitSentences("Keras 3 came out. 2023 was the year."),
              ElementsAre("Keras 3 came out.", "2023 was the year."));
  EXPECT_THAT(SplitSentences("He asked. \"Which one?\" she said."),
              ElementsAre("He asked.", "\"Which one?\" she said."));
}

TEST(SplitSentencesTest, DoesNotSplitBeforeALowerCaseWord) {
  EXPECT_THAT(SplitSentences("It ends here. then it goes on."),
              ElementsAre("It ends here. then it goes on."));
}

TEST(SplitSentencesTest, DoesNotSplitWithoutSpaceAfterThePunctuation) {
  EXPECT_THAT(SplitSentences("Version 2.0 is on keras.io today."),
              ElementsAre("Version 2.0 is on keras.io today."));
}

TEST(SplitSentencesTest, KeepsClosingQuotesAndBracketsWithTheSentence) {
  EXPECT_THAT(SplitSentences("She said \"use Keras.\" Then she left."),
              ElementsAre("She said \"use Keras.\"", "Then she left."));
  EXPECT_THAT(SplitSentences("It runs on JAX (see the docs.) It is popular."),
              ElementsAre("It runs on JAX (see the docs.)", "It is popular."));
  EXPECT_THAT(SplitSentences("Wait... Then go."), ElementsAre("Wait...", "Then go."));
}

TEST(SplitSentencesTest, AbbreviationsDoNotEndASentence) {
  EXPECT_THAT(SplitSentences("Frameworks, e.g. PyTorch, are popular. Keras too."),
              ElementsAre("Frameworks, e.g. PyTorch, are popular.", "Keras too."));
  EXPECT_THAT(SplitSentences("PyTorch vs. TensorFlow is asked often."),
              ElementsAre("PyTorch vs. TensorFlow is asked often."));
  EXPECT_THAT(SplitSentences("Dr. Smith wrote it. It is good."),
              ElementsAre("Dr. Smith wrote it.", "It is good."));
}

TEST(SplitSentencesTest, InitialsDoNotEndASentence) {
  EXPECT_THAT(SplitSentences("J. Doe wrote Keras. It grew."),
              ElementsAre("J. Doe wrote Keras.", "It grew."));
}

TEST(SplitSentencesTest, TextWithoutEndPunctuationIsOneSentence) {
  EXPECT_THAT(SplitSentences("PyTorch is flexible and TensorFlow scales"),
              ElementsAre("PyTorch is flexible and TensorFlow scales"));
}

TEST(SplitSentencesTest, BlankTextHasNoSentences) {
  EXPECT_THAT(SplitSentences(""), IsEmpty());
  EXPECT_THAT(SplitSentences(" \n\t  "), IsEmpty());
}

TEST(SplitSentencesTest, TrimsSpacesBeforeAndAfterSentences) {
  EXPECT_THAT(SplitSentences("  One here.\n\n  Two here.  "),
              ElementsAre("One here.", "Two here."));
}

TEST(SplitSentencesTest, SentencesAreViewsIntoTheInput) {
  const std::string text = "PyTorch is flexible. TensorFlow scales.";
  const std::vector<absl::string_view> sentences = SplitSentences(text);
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_EQ(sentences[0].data(), text.data());
  EXPECT_EQ(sentences[1].data(), text.data() + text.find("TensorFlow"));
  EXPECT_EQ(sentences[1].data() + sentences[1].size(), text.data() + text.size());
}

}  // namespace
TEST(SplitTypedSentencesTest, StartsSentencesInLowerCaseAndEndsThemAtSemicolons) {
  EXPECT_THAT(SplitTypedSentences("i use keras. is it enough?"),
              ElementsAre("i use keras.", "is it enough?"));
  EXPECT_THAT(SplitTypedSentences("I work at a bank; which framework fits?"),
              ElementsAre("I work at a bank;", "which framework fits?"));
  // Abbreviations and initials still do not end one.
  EXPECT_THAT(SplitTypedSentences("is pytorch vs. tensorflow a fair fight? asking for j. doe"),
              ElementsAre("is pytorch vs. tensorflow a fair fight?", "asking for j. doe"));
  // Nor does the end of the text without a space after it.
  EXPECT_THAT(SplitTypedSentences("see keras.io"), ElementsAre("see keras.io"));
}

}  // namespace advisor::text
