#include "service/text/edit_distance.h"

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

}  // namespace
}  // namespace advisor::text
