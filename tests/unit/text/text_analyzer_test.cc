#include "service/text/text_analyzer.h"

#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace advisor::text {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TextAnalyzer SmallAnalyzer() {
  TextAnalyzer::Builder builder;
  // The analyzer has no stop words of its own (the answerer gives it the
  // built-in lexicon's): these tests name theirs.
  for (const char* word : {"what", "is", "the", "best", "for", "or", "how", "do", "i", "make",
                           "with", "more", "than", "to"}) {
    builder.AddStopWord(word);
  }
  builder.AddStopWord("framework")
      .AddSynonyms("PyTorch", {"pytorch", "torch", "py torch"})
      .AddSynonyms("TensorFlow", {"tf", "tensor flow"})
      .AddSynonyms("Keras", {"tf.keras"})
      .AddSynonyms("deep learning", {"dl", "neural networks"})
      .AddSynonyms("hiring", {"hire", "recruiters", "job postings"})
      .AddSynonyms("multiple", {"several", "more than one"})
      .AddSynonyms("framework", {"library", "toolkit"})
      .AddSynonyms("beginner", {"new to"})
      .AddVocabulary("Which AI framework is most popular in 2024 hiring trends globally?")
      .AddVocabulary("Is learning only one deep learning framework enough for AI jobs?")
      .AddVocabulary("Large enterprise systems need reliable deployment.");
  return builder.Build();
}

TEST(TextAnalyzerTest, ReadsSynonymsAsTheirCanonicalTerm) {
  const TextAnalyzer analyzer = SmallAnalyzer();
  EXPECT_THAT(analyzer.AnalyzeToStrings("DL"), ElementsAre("deep learning"));
  EXPECT_THAT(analyzer.AnalyzeToStrings("recruiters"), ElementsAre("hiring"));
  EXPECT_THAT(analyzer.AnalyzeToStrings("torch"), ElementsAre("pytorch"));
  EXPECT_EQ(analyzer.FindTerm("tf"), analyzer.FindTerm("TensorFlow"));
  EXPECT_NE(analyzer.FindTerm("tf"), analyzer.FindTerm("Keras"));
}

TEST(TextAnalyzerTest, MatchesMultiWordPhrasesLongestFirst) {
  const TextAnalyzer analyzer = SmallAnalyzer();
  EXPECT_THAT(analyzer.AnalyzeToStrings("neural networks"), ElementsAre("deep learning"));
  EXPECT_THAT(analyzer.AnalyzeToStrings("job postings for py torch"),
              ElementsAre("hiring", "pytorch"));
  // "tf.keras" is Keras, though "tf" alone is TensorFlow.
  EXPECT_THAT(analyzer.AnalyzeToStrings("tf.keras or tf"), ElementsAre("keras", "tensorflow"));
  // Stop words inside a phrase still make the phrase.
  EXPECT_THAT(analyzer.AnalyzeToStrings("more than one"), ElementsAre("multiple"));
  EXPECT_THAT(analyzer.AnalyzeToStrings("new to DL"), ElementsAre("beginner", "deep learning"));
}

TEST(TextAnalyzerTest, StemsInflections) {
  const TextAnalyzer analyzer = SmallAnalyzer();
  // "hires" and "hiring" share a stem; "trend" only occurs as "trends".
  EXPECT_THAT(analyzer.AnalyzeToStrings("hires"), ElementsAre("hiring"));
  EXPECT_EQ(analyzer.FindTerm("trend"), analyzer.FindTerm("trends"));
  EXPECT_NE(analyzer.FindTerm("trend"), -1);
}

TEST(TextAnalyzerTest, KeepsSynonymsApartWhenTheirStemsCollide) {
  // Snowball stems "experience" and "experiment" alike ("experi").
  TextAnalyzer::Builder builder;
  builder.AddSynonyms("experimentation", {"experiment", "experiments"})
      .AddSynonyms("know", {"experience", "skills"});
  const TextAnalyzer analyzer = builder.Build();
  EXPECT_THAT(analyzer.AnalyzeToStrings("experience"), ElementsAre("know"));
  EXPECT_THAT(analyzer.AnalyzeToStrings("experiments"), ElementsAre("experimentation"));
  EXPECT_THAT(analyzer.AnalyzeToStrings("experimenting"), ElementsAre("experimentation"));
}

TEST(TextAnalyzerTest, DropsStopWords) {
  const TextAnalyzer analyzer = SmallAnalyzer();
  EXPECT_THAT(analyzer.AnalyzeToStrings("What is the most popular?"),
              ElementsAre("most", "popular"));
  EXPECT_THAT(analyzer.AnalyzeToStrings("what is the best"), IsEmpty());
  // A stop word stops its whole synonym group.
  EXPECT_THAT(analyzer.AnalyzeToStrings("framework library toolkit"), IsEmpty());
}

TEST(TextAnalyzerTest, CorrectsMisspellingsTowardsTheVocabulary) {
  const TextAnalyzer analyzer = SmallAnalyzer();
  const Analysis analysis = analyzer.Analyze("poplar pytroch enterprize");
  ASSERT_EQ(analysis.terms.size(), 3u);
  EXPECT_EQ(analysis.terms[0].id, analyzer.FindTerm("popular"));
  EXPECT_EQ(analysis.terms[1].id, analyzer.FindTerm("pytorch"));
  EXPECT_EQ(analysis.terms[2].id, analyzer.FindTerm("enterprise"));
  for (const AnalyzedTerm& term : analysis.terms) EXPECT_TRUE(term.corrected);
  EXPECT_THAT(analysis.unknown_words, IsEmpty());
}

TEST(TextAnalyzerTest, CorrectsLongWordsByTwoEditsAndShortWordsOnlyBySwaps) {
  const TextAnalyzer analyzer = SmallAnalyzer();
  EXPECT_THAT(analyzer.AnalyzeToStrings("deploymnet"), ElementsAre("deploy"));
  EXPECT_THAT(analyzer.AnalyzeToStrings("globaly"), ElementsAre("global"));
  EXPECT_THAT(analyzer.AnalyzeToStrings("onyl"), ElementsAre("onli"));
  // One substitution away from "only", but four letters: a real word.
  EXPECT_THAT(analyzer.AnalyzeToStrings("oily"), ElementsAre("?oily"));
  // Too short to correct at all.
  EXPECT_THAT(analyzer.AnalyzeToStrings("ao"), ElementsAre("?ao"));
}

TEST(TextAnalyzerTest, LeavesWordsFarLongerThanTheVocabularyUncorrected) {
  const TextAnalyzer analyzer = SmallAnalyzer();
  // Two insertions from "deployment": still corrected.
  EXPECT_THAT(analyzer.AnalyzeToStrings("deploymentss"), ElementsAre("deploy"));
  // A 4 KiB word (it would have millions of deletion keys) is unknown.
  const std::string huge(4096, 'e');
  EXPECT_THAT(analyzer.AnalyzeToStrings("deployment " + huge), ElementsAre("deploy", "?" + huge));
}

TEST(TextAnalyzerTest, ReportsUnknownWords) {
  const TextAnalyzer analyzer = SmallAnalyzer();
  const Analysis analysis = analyzer.Analyze("How do I make pasta carbonara with torch?");
  EXPECT_THAT(analyzer.AnalyzeToStrings("pasta carbonara with torch"),
              ElementsAre("pytorch", "?pasta", "?carbonara"));
  EXPECT_EQ(analysis.terms.size(), 1u);
}

TEST(TextAnalyzerTest, FoldsUnicode) {
  const TextAnalyzer analyzer = SmallAnalyzer();
  EXPECT_THAT(analyzer.AnalyzeToStrings("DÉEP LEARNİNG"), ElementsAre("deep learning"));
  EXPECT_THAT(analyzer.AnalyzeToStrings("Ｔｏｒｃｈ"), ElementsAre("pytorch"));  // Full width.
  EXPECT_THAT(analyzer.AnalyzeToStrings("Hiring\u00a0trends"), ElementsAre("hiring", "trend"));
}

TEST(TextAnalyzerTest, HandlesEmptyAndSeparatorOnlyText) {
  const TextAnalyzer analyzer = SmallAnalyzer();
  EXPECT_THAT(analyzer.AnalyzeToStrings(""), IsEmpty());
  EXPECT_THAT(analyzer.AnalyzeToStrings(" ?!, -- "), IsEmpty());
  EXPECT_EQ(analyzer.FindTerm("zzzz qqqq"), -1);
  EXPECT_EQ(analyzer.TermText(-1), "");
  EXPECT_EQ(analyzer.TermText(analyzer.term_count()), "");
}

TEST(TextAnalyzerTest, IsSafeToShareBetweenThreads) {
  const TextAnalyzer analyzer = SmallAnalyzer();
  const std::vector<std::string> expected =
      analyzer.AnalyzeToStrings("poplar DL jobs for beginers");
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int repeat = 0; repeat < 200; ++repeat) {
        results[i] = analyzer.AnalyzeToStrings("poplar DL jobs for beginers");
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& result : results) EXPECT_EQ(result, expected);
}

}  // namespace
}  // namespace advisor::text
