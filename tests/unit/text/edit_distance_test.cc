#include "service/text/edit_distance.h"

#include <string>
#include <utility>

#include "gtest/gtest.h"

namespace advisor::text {
namespace {

TEST(BoundedEditDistanceTest, CountsEachKindOfEdit) {
  EXPECT_EQ(BoundedEditDistance("keras", "keras", 2), 0);
  EXPECT_EQ(BoundedEditDistance("keras", "kears", 2), 1);      // adjacent swap
  EXPECT_EQ(BoundedEditDistance("pytorch", "pytroch", 2), 1);  // adjacent swap
  EXPECT_EQ(BoundedEditDistance("popular", "poplar", 2), 1);   // deletion
  EXPECT_EQ(BoundedEditDistance("framework", "framwork", 2), 1);
  EXPECT_EQ(BoundedEditDistance("beginner", "beginer", 2), 1);
  EXPECT_EQ(BoundedEditDistance("enterprise", "enterprize", 2), 1);  // substitution
  EXPECT_EQ(BoundedEditDistance("only", "onyl", 2), 1);
}

TEST(BoundedEditDistanceTest, StopsPastTheBound) {
  EXPECT_EQ(BoundedEditDistance("theano", "tensorflow", 2), 3);
  EXPECT_EQ(BoundedEditDistance("abc", "abcdefgh", 2), 3);
  EXPECT_EQ(BoundedEditDistance("abcd", "wxyz", 1), 2);
}

TEST(BoundedEditDistanceTest, HandlesEmptyStrings) {
  EXPECT_EQ(BoundedEditDistance("", "", 2), 0);
  EXPECT_EQ(BoundedEditDistance("", "ab", 2), 2);
  EXPECT_EQ(BoundedEditDistance("abc", "", 2), 3);
}

TEST(BoundedEditDistanceTest, HandlesStringsLongerThanTheStackRows) {
  const std::string long_word(300, 'a');
  std::string swapped = long_word;
  swapped[150] = 'b';
  std::string other = swapped;
  std::swap(other[150], other[151]);
  EXPECT_EQ(BoundedEditDistance(swapped, other, 2), 1);
  EXPECT_EQ(BoundedEditDistance(long_word, long_word + "bb", 2), 2);
  EXPECT_EQ(BoundedEditDistance(long_word, "bbb" + long_word.substr(3), 2), 3);
}

}  // namespace
}  // namespace advisor::text
