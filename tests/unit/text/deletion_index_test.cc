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

}  // namespace
}  // namespace advisor::text
