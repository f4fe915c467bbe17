#include "service/text/deletion_index.h"

#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace advisor::text {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class DeletionIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    index_.Add("keras", 0, 2);
    index_.Add("tensorflow", 1, 2);
    index_.Add("pytorch", 2, 2);
    index_.Add("torch", 3, 1);
  }

  std::vector<int32_t> Find(const std::string& query, int depth) {
    std::vector<int32_t> ids = {99};  // Replaced, not appended to.
    index_.FindCandidates(query, depth, &ids);
    return ids;
  }

  DeletionIndex index_;
};

TEST_F(DeletionIndexTest, FindsTheWordItself) { EXPECT_THAT(Find("keras", 1), ElementsAre(0)); }

TEST_F(DeletionIndexTest, FindsEveryKindOfSingleEdit) {
  EXPECT_THAT(Find("kears", 1), ElementsAre(0));      // Adjacent swap.
  EXPECT_THAT(Find("keraz", 1), ElementsAre(0));      // Substitution.
  EXPECT_THAT(Find("kerras", 1), ElementsAre(0));     // Insertion.
  EXPECT_THAT(Find("tensorflw", 1), ElementsAre(1));  // Deletion.
}

TEST_F(DeletionIndexTest, TwoEditsNeedDepthTwo) {
  EXPECT_THAT(Find("pytoch", 1), ElementsAre(2));  // One deletion.
  EXPECT_THAT(Find("pyttorhc", 1), IsEmpty());
  EXPECT_THAT(Find("pyttorhc", 2), ElementsAre(2));  // Insertion and swap.
}

TEST_F(DeletionIndexTest, ReturnsSortedIdsWithoutRepeats) {
  // "torch" is one deletion from "torcx" and reached by several keys of
  // "pytorch" at depth two.
  EXPECT_THAT(Find("torcx", 2), ElementsAre(3));
  EXPECT_THAT(Find("ptorch", 2), ElementsAre(2, 3));
}

TEST_F(DeletionIndexTest, UnrelatedWordsFindNothing) {
  EXPECT_THAT(Find("sourdough", 2), IsEmpty());
  EXPECT_THAT(Find("", 2), IsEmpty());
}

TEST_F(DeletionIndexTest, SkipsRepeatedKeysOfDoubledLettersWithoutLosingMatches) {
  DeletionIndex index;
  index.Add("coffee", 0, 2);
  index.Add("cofe", 1, 2);
  std::vector<int32_t> ids;
  index.FindCandidates("cofffee", 1, &ids);
  EXPECT_THAT(ids, ElementsAre(0));
  index.FindCandidates("cofffee", 2, &ids);
  EXPECT_THAT(ids, ElementsAre(0));  // "cofe" is three deletions away.
  index.FindCandidates("coffe", 2, &ids);
  EXPECT_THAT(ids, ElementsAre(0, 1));
}

TEST_F(DeletionIndexTest, FindsAWordFromEveryQueryTwoInsertionsAway) {
  // Each pair of inserted positions is a different pair of deletions of
  // the query, so this reaches every two-deletion key a query has.
  const std::string word = "framework";
  DeletionIndex index;
  index.Add(word, 7, 2);
  std::vector<int32_t> ids;
  for (size_t i = 0; i <= word.size(); ++i) {
    for (size_t j = i; j <= word.size(); ++j) {
      std::string query = word;
      query.insert(j, "q");
      query.insert(i, "z");
      index.FindCandidates(query, 2, &ids);
      EXPECT_THAT(ids, ElementsAre(7)) << query;
      if (j == word.size() || i == j) continue;
      // And each pair of deleted bytes (the word's own keys).
      std::string shorter = word;
      shorter.erase(j, 1);
      shorter.erase(i, 1);
      index.FindCandidates(shorter, 2, &ids);
      EXPECT_THAT(ids, ElementsAre(7)) << shorter;
    }
  }
}

TEST_F(DeletionIndexTest, QueriesLongerThanEveryWordPlusDepthFindNothing) {
  // "tensorflow" (10 bytes) is the longest word: 12 bytes are in reach
  // with two edits, 13 are not.
  EXPECT_THAT(Find("tensorflowxx", 2), ElementsAre(1));
  EXPECT_THAT(Find("tensorflowxxx", 2), IsEmpty());
  EXPECT_THAT(Find("tensorflowx", 1), ElementsAre(1));
  EXPECT_THAT(Find("tensorflowxx", 1), IsEmpty());
  // A 4 KiB word is refused up front (its keys would need gigabytes).
  EXPECT_THAT(Find(std::string(4096, 'k'), 2), IsEmpty());
}

TEST_F(DeletionIndexTest, WordsUpToTheLengthLimitAreIndexedLongerOnesAreNot) {
  DeletionIndex index;
  const std::string longest(DeletionIndex::kMaxWordBytes, 'a');
  const std::string too_long(DeletionIndex::kMaxWordBytes + 1, 'b');
  index.Add(longest, 0, 2);
  index.Add(too_long, 1, 2);
  std::vector<int32_t> ids;
  index.FindCandidates(longest + "zz", 2, &ids);  // The longest query in reach.
  EXPECT_THAT(ids, ElementsAre(0));
  index.FindCandidates(too_long, 2, &ids);
  EXPECT_THAT(ids, IsEmpty());
}

TEST_F(DeletionIndexTest, DepthIsClampedToTheMaximum) {
  EXPECT_THAT(Find("pyttorhc", DeletionIndex::kMaxDepth + 5), ElementsAre(2));
  EXPECT_THAT(Find("keras", -1), ElementsAre(0));  // The word itself still.
}

}  // namespace
}  // namespace advisor::text
