#include "service/engines/passage_index.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "service/engines/english_lexicon.h"
#include "service/text/text_analyzer.h"

namespace advisor::engines {
namespace {

using ::testing::IsEmpty;
using text::Analysis;
using text::TermId;
using text::TextAnalyzer;

// Passages 0-3: a developer fact, a deployment fact, a startup fact (with a
// context-only word) and a hiring fact. Every text says "deep learning".
std::vector<PassageFields> SmallPassages() {
  return {
      {"Who develops PyTorch?",
       "PyTorch is a deep learning framework developed by Meta AI and the PyTorch Foundation.",
       {}},
      {"Is TensorFlow suited to production deployment?",
       "TensorFlow offers mature deep learning tooling for serving models in production.",
       {}},
      {"Why do startups choose Keras?",
       "Keras lets small teams build deep learning prototypes quickly.",
       {"rapid experiments"}},
      {"Which framework do banks hire for?",
       "Banks hire TensorFlow engineers for regulated deep learning systems.",
       {}},
  };
}

TextAnalyzer AnalyzerFor(const std::vector<PassageFields>& passages) {
  TextAnalyzer::Builder builder;
  for (const std::string& word : EnglishLexicon().stop_words()) builder.AddStopWord(word);
  builder.AddSynonyms("production", {"prod", "live systems"})
      .AddSynonyms("startup", {"startups", "young companies"})
      .AddSynonyms("install", {"setup"})
      .AddSynonyms("deep learning", {"dl"});
  for (const PassageFields& passage : passages) {
    builder.AddVocabulary(passage.title).AddVocabulary(passage.text);
    for (const std::string& context : passage.context) builder.AddVocabulary(context);
  }
  return builder.Build();
}

class PassageIndexTest : public ::testing::Test {
 protected:
  PassageIndexTest()
      : passages_(SmallPassages()),
        analyzer_(AnalyzerFor(passages_)),
        index_(analyzer_, passages_, {}) {}

  std::vector<PassageMatch> Search(absl::string_view question, size_t limit = 10,
                                   double min_confidence = 0) const {
    std::vector<PassageMatch> out;
    index_.Search(analyzer_.Analyze(question), limit, min_confidence, &out);
    return out;
  }

  const std::vector<PassageFields> passages_;
  const TextAnalyzer analyzer_;
  const PassageIndex index_;
};

// The bit PassageMatch::matched_terms gives `term` of `question`: its rank
// among the question's distinct term ids.
uint64_t BitOf(const Analysis& question, TermId term) {
  std::vector<TermId> ids;
  for (const text::AnalyzedTerm& t : question.terms) ids.push_back(t.id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  const auto it = std::find(ids.begin(), ids.end(), term);
  return it == ids.end() ? 0 : uint64_t{1} << (it - ids.begin());
}

TEST_F(PassageIndexTest, OwnTitleScoresNearOneAndRanksFirst) {
  ASSERT_EQ(index_.size(), passages_.size());
  for (size_t p = 0; p < passages_.size(); ++p) {
    const std::vector<PassageMatch> matches = Search(passages_[p].title);
    ASSERT_FALSE(matches.empty()) << passages_[p].title;
    EXPECT_EQ(matches[0].passage, static_cast<int32_t>(p)) << passages_[p].title;
    EXPECT_GE(matches[0].confidence, 0.9) << passages_[p].title;
    EXPECT_LE(matches[0].confidence, 1.0) << passages_[p].title;
  }
}

TEST_F(PassageIndexTest, ParaphraseWithASynonymRanksTheRightPassageLessSurely) {
  // "prod" is a synonym of "production"; "serve" and "models" are in the text only.
  const std::vector<PassageMatch> paraphrase = Search("Can TensorFlow serve models in prod?");
  ASSERT_FALSE(paraphrase.empty());
  EXPECT_EQ(paraphrase[0].passage, 1);
  const std::vector<PassageMatch> own = Search(passages_[1].title);
  ASSERT_FALSE(own.empty());
  EXPECT_LT(paraphrase[0].confidence, own[0].confidence);
  EXPECT_GT(paraphrase[0].confidence, 0.3);
}

TEST_F(PassageIndexTest, UnrelatedQuestionScoresLowOrNothing) {
  for (const absl::string_view question : {"how to cook pasta tonight", "pasta"}) {
    for (const PassageMatch& match : Search(question)) {
      EXPECT_LT(match.confidence, 0.1) << question << " -> passage " << match.passage;
    }
  }
}

TEST_F(PassageIndexTest, ResultsAreBestFirstWithinLimitAndMinConfidence) {
  constexpr absl::string_view kQuestion = "tensorflow banks pytorch keras production";
  const std::vector<PassageMatch> all = Search(kQuestion);
  ASSERT_GE(all.size(), 3u);
  for (size_t i = 1; i < all.size(); ++i) {
    EXPECT_GE(all[i - 1].confidence, all[i].confidence) << i;
  }

  const std::vector<PassageMatch> two = Search(kQuestion, 2);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].passage, all[0].passage);
  EXPECT_EQ(two[1].passage, all[1].passage);
  EXPECT_THAT(Search(kQuestion, 0), IsEmpty());

  // A threshold between the best and the worst keeps exactly those above it.
  const double threshold = (all.front().confidence + all.back().confidence) / 2;
  const std::vector<PassageMatch> sure = Search(kQuestion, 10, threshold);
  size_t expected = 0;
  for (const PassageMatch& match : all) expected += match.confidence >= threshold ? 1 : 0;
  ASSERT_GT(expected, 0u);
  ASSERT_LT(expected, all.size());
  EXPECT_EQ(sure.size(), expected);
  for (const PassageMatch& match : sure) EXPECT_GE(match.confidence, threshold);
}

TEST_F(PassageIndexTest, EqualPassagesTieInPassageOrder) {
  const std::vector<PassageFields> twins = {{"Keras on mobile", "Keras runs on phones.", {}},
                                            {"Keras on mobile", "Keras runs on phones.", {}}};
  const TextAnalyzer analyzer = AnalyzerFor(twins);
  const PassageIndex index(analyzer, twins, {});
  std::vector<PassageMatch> out;
  index.Search(analyzer.Analyze("keras on mobile phones"), 10, 0, &out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].passage, 0);
  EXPECT_EQ(out[1].passage, 1);
  EXPECT_EQ(out[0].confidence, out[1].confidence);
}

TEST_F(PassageIndexTest, MatchedTermsHoldOnlyTermsStatedInTitleOrText) {
  // "rapid" is only in passage 2's context: it helps find it but is not stated.
  const Analysis question = analyzer_.Analyze("Is Keras rapid?");
  const uint64_t keras = BitOf(question, analyzer_.FindTerm("keras"));
  const uint64_t rapid = BitOf(question, analyzer_.FindTerm("rapid"));
  ASSERT_NE(keras, 0u);
  ASSERT_NE(rapid, 0u);
  std::vector<PassageMatch> out;
  index_.Search(question, 10, 0, &out);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].passage, 2);
  EXPECT_EQ(out[0].matched_terms, keras);

  // Every term of the paraphrase is in passage 1's title or text.
  const Analysis paraphrase = analyzer_.Analyze("Can TensorFlow serve models in prod?");
  ASSERT_EQ(paraphrase.terms.size(), 4u);
  index_.Search(paraphrase, 10, 0, &out);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].passage, 1);
  EXPECT_EQ(out[0].matched_terms, uint64_t{0b1111});
}

TEST_F(PassageIndexTest, PreambleTermsWeighLessAsContext) {
  // The preamble's words are all passage 3's; the question proper's are passage 2's.
  Analysis question = analyzer_.Analyze("I hire TensorFlow engineers at banks.");
  const size_t context_terms = question.terms.size();
  ASSERT_GT(context_terms, 0u);
  const Analysis proper = analyzer_.Analyze("Why do startups pick Keras?");
  question.terms.insert(question.terms.end(), proper.terms.begin(), proper.terms.end());
  question.unknown_words = proper.unknown_words;

  std::vector<PassageMatch> out;
  index_.Search(question, 10, 0, &out, context_terms);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].passage, 2);

  // Counted fully, the same words make passage 3 win: the context share is what decides.
  index_.Search(question, 10, 0, &out);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].passage, 3);
}

TEST_F(PassageIndexTest, EmptyIndexFindsNothing) {
  const PassageIndex empty(analyzer_, {}, {});
  EXPECT_EQ(empty.size(), 0u);
  std::vector<PassageMatch> out = {PassageMatch{0, 1.0, 1}};
  empty.Search(analyzer_.Analyze(passages_[0].title), 10, 0, &out);
  EXPECT_THAT(out, IsEmpty());
}

TEST_F(PassageIndexTest, HoldsAndQuestionWeight) {
  const TermId rapid = analyzer_.FindTerm("rapid");
  const TermId common = analyzer_.FindTerm("deep learning");
  // A synonym group's term that no passage holds.
  const TermId install = analyzer_.FindTerm("install");
  ASSERT_GE(rapid, 0);
  ASSERT_GE(common, 0);
  ASSERT_GE(install, 0);

  EXPECT_TRUE(index_.Holds(rapid));
  EXPECT_TRUE(index_.Holds(common));
  EXPECT_FALSE(index_.Holds(install));
  EXPECT_FALSE(index_.Holds(-1));
  EXPECT_FALSE(index_.Holds(analyzer_.term_count()));

  EXPECT_GT(index_.unknown_weight(), 0);
  EXPECT_EQ(index_.QuestionWeight(install), index_.unknown_weight());
  EXPECT_EQ(index_.QuestionWeight(-1), index_.unknown_weight());
  // A term every passage holds says less than one that only one holds.
  EXPECT_GT(index_.QuestionWeight(common), 0);
  EXPECT_LT(index_.QuestionWeight(common), index_.QuestionWeight(rapid));
}

TEST_F(PassageIndexTest, EmphasizedTermsWeighMore) {
  const TermId common = analyzer_.FindTerm("deep learning");
  ASSERT_GE(common, 0);
  const PassageIndex emphasized(analyzer_, passages_, {common});
  EXPECT_GT(emphasized.QuestionWeight(common), index_.QuestionWeight(common));
}

}  // namespace
}  // namespace advisor::engines
