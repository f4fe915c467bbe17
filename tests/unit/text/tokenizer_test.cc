#include "service/text/tokenizer.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace advisor::text {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(TokenizeTest, SplitsOnEverythingButLettersAndDigits) {
  EXPECT_THAT(Tokenize("why do start-ups like tf.keras in 2024?"),
              ElementsAre("why", "do", "start", "ups", "like", "tf", "keras", "in", "2024"));
}

TEST(TokenizeTest, KeepsLettersOfOtherScripts) {
  EXPECT_THAT(Tokenize("naïve façade 深度学习"), ElementsAre("naïve", "façade", "深度学习"));
}

TEST(TokenizeTest, GivesNothingForPunctuationOnly) {
  EXPECT_THAT(Tokenize(" ?!... -- "), IsEmpty());
  EXPECT_THAT(Tokenize(""), IsEmpty());
}

TEST(FoldWordsIntoTest, GivesTheWordsOfFoldTextThenTokenize) {
  FoldedWords words;
  FoldWordsInto("Why do Start-ups like TF.Keras in 2024?", &words);
  EXPECT_THAT(words.words,
              ElementsAre("why", "do", "start", "ups", "like", "tf", "keras", "in", "2024"));
  FoldWordsInto("Caf\xc3\xa9 NA\xc3\x8fVE", &words);  // Not ASCII: Unicode folding.
  EXPECT_THAT(words.words, ElementsAre("cafe", "naive"));
  FoldWordsInto("PyTorch", &words);  // Reused: nothing left from before.
  EXPECT_THAT(words.words, ElementsAre("pytorch"));
}

TEST(FoldWordsIntoTest, GivesNothingForPunctuationEmptyOrInvalidText) {
  FoldedWords words;
  FoldWordsInto(" ?!... -- ", &words);
  EXPECT_THAT(words.words, IsEmpty());
  FoldWordsInto("", &words);
  EXPECT_THAT(words.words, IsEmpty());
  FoldWordsInto("keras \xff", &words);
  EXPECT_THAT(words.words, IsEmpty());
}

}  // namespace
}  // namespace advisor::text
