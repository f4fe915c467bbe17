#include "tests/bench/synthetic_knowledge_base.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"

namespace advisor::bench {
namespace {

SyntheticKnowledgeBaseSpec Spec(int faq_count, int framework_count, uint32_t seed = 2024) {
  SyntheticKnowledgeBaseSpec spec;
  spec.faq_count = faq_count;
  spec.framework_count = framework_count;
  spec.seed = seed;
  return spec;
}

TEST(MakeSyntheticKnowledgeBaseTest, GrowsTheDefaultToTheRequestedSize) {
  const auto knowledge_base = MakeSyntheticKnowledgeBase(Spec(1000, 3));
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  EXPECT_EQ(knowledge_base->faqs_size(), 1000);
  EXPECT_EQ(knowledge_base->frameworks_size(), 3);
  // The default's own entries are kept, first.
  EXPECT_EQ(knowledge_base->faqs(0).id(), "faq-popular-2024");
  EXPECT_EQ(knowledge_base->frameworks(0).id(), "pytorch");
}

TEST(MakeSyntheticKnowledgeBaseTest, InventsValidFrameworksAndHiringPatterns) {
  const auto knowledge_base = MakeSyntheticKnowledgeBase(Spec(10, 1000));
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  EXPECT_EQ(knowledge_base->frameworks_size(), 1000);
  // The loader filled the derived resource names.
  for (const auto& framework : knowledge_base->frameworks()) {
    EXPECT_EQ(framework.name(), absl::StrCat("frameworks/", framework.id()));
  }
  // The default's four patterns plus one per 20 invented frameworks.
  EXPECT_EQ(knowledge_base->hiring_patterns_size(), 4 + 997 / 20);
}

TEST(MakeSyntheticKnowledgeBaseTest, SameSeedSameContentOtherSeedOtherContent) {
  const auto first = MakeSyntheticKnowledgeBase(Spec(50, 10));
  const auto again = MakeSyntheticKnowledgeBase(Spec(50, 10));
  const auto other = MakeSyntheticKnowledgeBase(Spec(50, 10, 7));
  ASSERT_TRUE(first.ok() && again.ok() && other.ok());
  EXPECT_EQ(first->SerializeAsString(), again->SerializeAsString());
  EXPECT_NE(first->SerializeAsString(), other->SerializeAsString());
}

TEST(MakeSyntheticKnowledgeBaseTest, FewerEntriesThanTheDefaultIsInvalidArgument) {
  EXPECT_EQ(MakeSyntheticKnowledgeBase(Spec(2, 3)).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MakeSyntheticKnowledgeBase(Spec(10, 1)).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// An inverted index over the questions should see a few long posting lists
// and many short ones, as with real text, not a flat vocabulary.
TEST(MakeSyntheticKnowledgeBaseTest, WordFrequenciesAreSkewedLikeRealText) {
  const auto knowledge_base = MakeSyntheticKnowledgeBase(Spec(2000, 3));
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  absl::flat_hash_map<std::string, int> entries_with_word;
  for (const auto& entry : knowledge_base->faqs()) {
    absl::flat_hash_set<std::string> words;
    for (absl::string_view word :
         absl::StrSplit(entry.question(), absl::ByAnyChar(" ?,."), absl::SkipEmpty())) {
      words.insert(absl::AsciiStrToLower(word));
    }
    for (const std::string& word : words) ++entries_with_word[word];
  }
  std::vector<int> counts;
  for (const auto& [word, count] : entries_with_word) counts.push_back(count);
  std::sort(counts.rbegin(), counts.rend());
  ASSERT_GT(counts.size(), 300U);
  const int rare = static_cast<int>(
      std::count_if(counts.begin(), counts.end(), [](int count) { return count <= 10; }));
  // Content words (past the template words in the lead) range from common
  // to rare.
  EXPECT_GT(counts[20], 100);
  EXPECT_GT(rare, 50);
}

TEST(MakeSyntheticQuestionsTest, ParaphrasesGeneratedEntriesWithoutCopyingThem) {
  const auto knowledge_base = MakeSyntheticKnowledgeBase(Spec(100, 3));
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  const std::vector<std::string> questions = MakeSyntheticQuestions(*knowledge_base, 30, 1);
  ASSERT_EQ(questions.size(), 30U);
  absl::flat_hash_set<std::string> originals;
  for (const auto& entry : knowledge_base->faqs()) originals.insert(entry.question());
  for (const std::string& question : questions) {
    EXPECT_FALSE(originals.contains(question)) << question;
    EXPECT_FALSE(question.empty());
  }
  EXPECT_EQ(MakeSyntheticQuestions(*knowledge_base, 30, 1), questions);
}

TEST(MakeSyntheticQuestionsTest, NoGeneratedEntriesGivesNoQuestions) {
  const auto knowledge_base = MakeSyntheticKnowledgeBase(Spec(5, 3));
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  EXPECT_TRUE(MakeSyntheticQuestions(*knowledge_base, 10, 1).empty());
}

}  // namespace
}  // namespace advisor::bench
