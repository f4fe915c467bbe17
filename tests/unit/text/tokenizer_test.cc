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

}  // namespace
}  // namespace advisor::text
