#include "service/text/edit_distance.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

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

// The whole optimal-string-alignment table, without bounds: the reference.
int FullDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

TEST(BoundedEditDistanceTest, AgreesWithTheFullTableOnAllShortStrings) {
  // Every string of up to five letters from a three-letter alphabet.
  std::vector<std::string> strings = {""};
  for (size_t next = 0; next < strings.size(); ++next) {
    if (strings[next].size() == 5) continue;
    for (const char c : {'a', 'b', 'c'}) strings.push_back(strings[next] + c);
  }
  for (const std::string& a : strings) {
    for (const std::string& b : strings) {
      const int full = FullDistance(a, b);
      for (int bound = 0; bound <= 3; ++bound) {
        const int expected = full <= bound ? full : bound + 1;
        ASSERT_EQ(std::min(BoundedEditDistance(a, b, bound), bound + 1), expected)
            << "\"" << a << "\" \"" << b << "\" " << bound;
      }
    }
  }
}

}  // namespace
}  // namespace advisor::text
