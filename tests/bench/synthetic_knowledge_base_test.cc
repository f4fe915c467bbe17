#include "tests/bench/synthetic_knowledge_base.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"

#include "service/knowledge_base/knowledge_base_validator.h"

namespace advisor::bench {
namespace {

SyntheticKnowledgeBaseSpec Spec(int faq_count, int framework_count, uint32_t seed = 2024) {
  SyntheticKnowledgeBaseSpec spec;
  spec.faq_count = faq_count;
  spec.framework_count = framework_count;
  spec.seed = seed;
  return spec;
}

SyntheticKnowledgeBaseSpec DocumentSpec(int document_count, int paragraphs_per_document,
                                        uint32_t seed = 2024) {
  SyntheticKnowledgeBaseSpec spec = Spec(100, 21, seed);
  spec.document_count = document_count;
  spec.paragraphs_per_document = paragraphs_per_document;
  return spec;
}

std::vector<const advisor::v1::Document*> GeneratedDocuments(
    const advisor::v1::KnowledgeBase& knowledge_base) {
  std::vector<const advisor::v1::Document*> generated;
  for (const auto& document : knowledge_base.documents()) {
    if (absl::StartsWith(document.id(), kSyntheticDocumentIdPrefix)) generated.push_back(&document);
  }
  return generated;
}

std::vector<std::string> Words(absl::string_view text) {
  return absl::StrSplit(text, ' ', absl::SkipEmpty());
}

TEST(MakeSyntheticKnowledgeBaseTest, GrowsTheDefaultToTheRequestedSize) {
  const auto knowledge_base = MakeSyntheticKnowledgeBase(Spec(1000, 21));
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  EXPECT_EQ(knowledge_base->faqs_size(), 1000);
  EXPECT_EQ(knowledge_base->frameworks_size(), 21);
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
  EXPECT_EQ(knowledge_base->hiring_patterns_size(), 4 + (1000 - 21) / 20);
}

TEST(MakeSyntheticKnowledgeBaseTest, SameSeedSameContentOtherSeedOtherContent) {
  const auto first = MakeSyntheticKnowledgeBase(Spec(50, 30));
  const auto again = MakeSyntheticKnowledgeBase(Spec(50, 30));
  const auto other = MakeSyntheticKnowledgeBase(Spec(50, 30, 7));
  ASSERT_TRUE(first.ok() && again.ok() && other.ok());
  EXPECT_EQ(first->SerializeAsString(), again->SerializeAsString());
  EXPECT_NE(first->SerializeAsString(), other->SerializeAsString());
}

TEST(MakeSyntheticKnowledgeBaseTest, FewerEntriesThanTheDefaultIsInvalidArgument) {
  EXPECT_EQ(MakeSyntheticKnowledgeBase(Spec(2, 21)).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MakeSyntheticKnowledgeBase(Spec(10, 1)).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// An inverted index over the questions should see a few long posting lists
// and many short ones, as with real text, not a flat vocabulary.
TEST(MakeSyntheticKnowledgeBaseTest, WordFrequenciesAreSkewedLikeRealText) {
  const auto knowledge_base = MakeSyntheticKnowledgeBase(Spec(2000, 21));
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

TEST(MakeSyntheticKnowledgeBaseTest, AddsTheRequestedDocumentsAfterTheDefaultOnes) {
  const auto plain = MakeSyntheticKnowledgeBase(Spec(100, 21));
  const auto knowledge_base = MakeSyntheticKnowledgeBase(DocumentSpec(30, 20));
  ASSERT_TRUE(plain.ok()) << plain.status();
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  EXPECT_EQ(knowledge_base->documents_size(), plain->documents_size() + 30);
  // The default's own document is kept, first.
  EXPECT_EQ(knowledge_base->documents(0).id(), "deep-learning-frameworks-2024");
  const auto generated = GeneratedDocuments(*knowledge_base);
  ASSERT_EQ(generated.size(), 30U);
  EXPECT_EQ(generated.front()->id(), "doc-synthetic-00001");
  EXPECT_EQ(generated.back()->id(), "doc-synthetic-00030");
  for (const auto* document : generated) {
    EXPECT_FALSE(document->title().empty());
    ASSERT_EQ(document->sections_size(), kSyntheticSectionsPerDocument);
    int paragraphs = 0;
    for (const auto& section : document->sections()) {
      EXPECT_FALSE(section.heading().empty());
      EXPECT_EQ(section.paragraphs_size(), 5);
      paragraphs += section.paragraphs_size();
    }
    EXPECT_EQ(paragraphs, 20);
  }
  // Documents come last: everything else is as without them.
  advisor::v1::KnowledgeBase without = *knowledge_base;
  without.mutable_documents()->DeleteSubrange(plain->documents_size(), 30);
  EXPECT_EQ(without.SerializeAsString(), plain->SerializeAsString());
}

TEST(MakeSyntheticKnowledgeBaseTest, SpreadsFewParagraphsOverFewerSections) {
  const auto knowledge_base = MakeSyntheticKnowledgeBase(DocumentSpec(3, 2));
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  for (const auto* document : GeneratedDocuments(*knowledge_base)) {
    ASSERT_EQ(document->sections_size(), 2);
    EXPECT_EQ(document->sections(0).paragraphs_size(), 1);
    EXPECT_EQ(document->sections(1).paragraphs_size(), 1);
  }
  const auto uneven = MakeSyntheticKnowledgeBase(DocumentSpec(1, 7));
  ASSERT_TRUE(uneven.ok()) << uneven.status();
  const auto* document = GeneratedDocuments(*uneven).front();
  ASSERT_EQ(document->sections_size(), 4);
  EXPECT_EQ(document->sections(0).paragraphs_size(), 2);
  EXPECT_EQ(document->sections(3).paragraphs_size(), 1);
}

TEST(MakeSyntheticKnowledgeBaseTest, DocumentsAreTheSameForASeedAndDifferForAnother) {
  const auto first = MakeSyntheticKnowledgeBase(DocumentSpec(20, 8));
  const auto again = MakeSyntheticKnowledgeBase(DocumentSpec(20, 8));
  const auto other = MakeSyntheticKnowledgeBase(DocumentSpec(20, 8, 7));
  ASSERT_TRUE(first.ok() && again.ok() && other.ok());
  EXPECT_EQ(first->SerializeAsString(), again->SerializeAsString());
  EXPECT_NE(GeneratedDocuments(*first).front()->SerializeAsString(),
            GeneratedDocuments(*other).front()->SerializeAsString());
}

TEST(MakeSyntheticKnowledgeBaseTest, GeneratedDocumentsPassTheDocumentRules) {
  const auto knowledge_base = MakeSyntheticKnowledgeBase(DocumentSpec(50, 20));
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  for (const auto* document : GeneratedDocuments(*knowledge_base)) {
    const auto problems = knowledge_base::ValidateDocument(*document);
    EXPECT_TRUE(problems.empty()) << document->id() << ": " << problems.front().message;
  }
}

TEST(MakeSyntheticKnowledgeBaseTest, ParagraphsAreSentencesOfTheRightLengths) {
  const auto knowledge_base = MakeSyntheticKnowledgeBase(DocumentSpec(40, 20));
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  absl::flat_hash_map<std::string, int> words_seen;
  for (const auto* document : GeneratedDocuments(*knowledge_base)) {
    for (const auto& section : document->sections()) {
      for (const std::string& paragraph : section.paragraphs()) {
        EXPECT_LE(paragraph.size(), 8192U);
        ASSERT_FALSE(paragraph.empty());
        EXPECT_EQ(paragraph.back(), '.') << paragraph;
        const std::vector<std::string> sentences =
            absl::StrSplit(paragraph, ". ", absl::SkipEmpty());
        EXPECT_GE(sentences.size(), 2U) << paragraph;
        EXPECT_LE(sentences.size(), 5U) << paragraph;
        for (const std::string& sentence : sentences) {
          EXPECT_TRUE(absl::ascii_isupper(static_cast<unsigned char>(sentence[0]))) << sentence;
          const std::vector<std::string> words = Words(sentence);
          EXPECT_GE(words.size(), 8U) << sentence;
          EXPECT_LE(words.size(), 25U) << sentence;
          for (const std::string& word : words) ++words_seen[absl::AsciiStrToLower(word)];
        }
      }
    }
  }
  // Drawn from the skewed word list: many distinct words, a few common.
  EXPECT_GT(words_seen.size(), 300U);
  EXPECT_GT(words_seen["model"], 10 * words_seen["catalog"] + 1);
}

TEST(MakeSyntheticKnowledgeBaseTest, BadDocumentCountsAreInvalidArgument) {
  EXPECT_EQ(MakeSyntheticKnowledgeBase(DocumentSpec(-1, 20)).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MakeSyntheticKnowledgeBase(DocumentSpec(5, 0)).status().code(),
            absl::StatusCode::kInvalidArgument);
  // No documents need no paragraphs.
  EXPECT_TRUE(MakeSyntheticKnowledgeBase(DocumentSpec(0, 0)).ok());
}

TEST(MakeSyntheticDocumentQuestionsTest, MistypesSentencesOfGeneratedDocuments) {
  const auto knowledge_base = MakeSyntheticKnowledgeBase(DocumentSpec(20, 8));
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  const std::vector<std::string> questions = MakeSyntheticDocumentQuestions(*knowledge_base, 30, 1);
  ASSERT_EQ(questions.size(), 30U);
  for (const std::string& question : questions) {
    ASSERT_FALSE(question.empty());
    EXPECT_EQ(question.back(), '?');
    EXPECT_EQ(question, absl::AsciiStrToLower(question));
    // One word of 8 to 25 dropped.
    EXPECT_GE(Words(question).size(), 7U) << question;
    EXPECT_LE(Words(question).size(), 24U) << question;
  }
  EXPECT_EQ(MakeSyntheticDocumentQuestions(*knowledge_base, 30, 1), questions);
  EXPECT_TRUE(
      MakeSyntheticDocumentQuestions(*MakeSyntheticKnowledgeBase(Spec(100, 21)), 10, 1).empty());
}

TEST(MakeSyntheticQuestionsTest, ParaphrasesGeneratedEntriesWithoutCopyingThem) {
  const auto knowledge_base = MakeSyntheticKnowledgeBase(Spec(100, 21));
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
  const auto knowledge_base = MakeSyntheticKnowledgeBase(Spec(5, 21));
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  EXPECT_TRUE(MakeSyntheticQuestions(*knowledge_base, 10, 1).empty());
}

}  // namespace
}  // namespace advisor::bench
