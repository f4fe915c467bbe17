#include "service/engines/faq_answerer.h"

#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

#include "service/knowledge_base/knowledge_base_loader.h"

namespace advisor::engines {
namespace {

using advisor::v1::FaqEntry;
using advisor::v1::KnowledgeBase;

KnowledgeBase DefaultKnowledgeBase() {
  absl::StatusOr<KnowledgeBase> knowledge_base = knowledge_base::LoadDefaultKnowledgeBase();
  EXPECT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  return knowledge_base.ok() ? *std::move(knowledge_base) : KnowledgeBase();
}

class FaqAnswererTest : public ::testing::Test {
 protected:
  FaqAnswererTest() : knowledge_base_(DefaultKnowledgeBase()), answerer_(knowledge_base_) {}

  const FaqEntry* Entry(absl::string_view id) const {
    for (const FaqEntry& faq : knowledge_base_.faqs()) {
      if (faq.id() == id) return &faq;
    }
    ADD_FAILURE() << "no FAQ entry " << id;
    return nullptr;
  }

  FaqAnswer MustAnswer(absl::string_view question) const {
    absl::StatusOr<FaqAnswer> answer = answerer_.Answer(question);
    EXPECT_TRUE(answer.ok()) << answer.status();
    return answer.ok() ? *std::move(answer) : FaqAnswer();
  }

  void ExpectAnswers(absl::string_view question, absl::string_view id) const {
    const FaqAnswer answer = MustAnswer(question);
    EXPECT_TRUE(answer.answered) << question << " (confidence " << answer.confidence << ")";
    EXPECT_EQ(answer.best, Entry(id)) << question;
  }

  // `max_confidence`: near 0 for unrelated questions; questions that name a
  // framework or the field but ask something the FAQ does not cover may
  // score a little higher, though still well below the threshold.
  void ExpectNoAnswer(absl::string_view question, double max_confidence) const {
    const FaqAnswer answer = MustAnswer(question);
    EXPECT_FALSE(answer.answered) << question << " -> "
                                  << (answer.best ? answer.best->id() : "(none)");
    EXPECT_LT(answer.confidence, max_confidence) << question;
  }

  const KnowledgeBase knowledge_base_;
  const FaqAnswerer answerer_;
};

TEST_F(FaqAnswererTest, AnswersEachSeedQuestionWithItsEntryAlmostSurely) {
  ASSERT_EQ(knowledge_base_.faqs_size(), 5);
  for (const FaqEntry& faq : knowledge_base_.faqs()) {
    const FaqAnswer answer = MustAnswer(faq.question());
    EXPECT_TRUE(answer.answered) << faq.id();
    EXPECT_EQ(answer.best, &faq);
    EXPECT_GE(answer.confidence, 0.9) << faq.id();
    EXPECT_LE(answer.confidence, 1.0) << faq.id();
  }
}

TEST_F(FaqAnswererTest, AnswersParaphrases) {
  ExpectAnswers("Which deep learning library do employers want the most?", "faq-popular-2024");
  ExpectAnswers("Can I get a job knowing a single framework?", "faq-one-framework-enough");
  ExpectAnswers("What makes PyTorch attractive to young companies?", "faq-startups-pytorch");
  ExpectAnswers("Why do banks and insurers choose TensorFlow?", "faq-tensorflow-enterprise");
  ExpectAnswers("Is Keras a good place for newcomers to start?", "faq-keras-foundations");
}

TEST_F(FaqAnswererTest, AnswersMisspelledQuestions) {
  ExpectAnswers("wich framwork is most populer for hiring", "faq-popular-2024");
  ExpectAnswers("is knowing onyl one framwork enuf", "faq-one-framework-enough");
  ExpectAnswers("why do startps prefer pytroch", "faq-startups-pytorch");
  ExpectAnswers("tensorflow for enterprize deploymnet", "faq-tensorflow-enterprise");
  ExpectAnswers("keras for beginers", "faq-keras-foundations");
}

TEST_F(FaqAnswererTest, DoesNotAnswerOffTopicQuestions) {
  ExpectNoAnswer("What is the capital of France?", 0.1);
  ExpectNoAnswer("hello", 0.1);
  ExpectNoAnswer("zzzz qqqq", 0.1);
  ExpectNoAnswer("how do I install pytorch on windows", 0.1);
  ExpectNoAnswer("best laptop for deep learning", 0.1);
  ExpectNoAnswer("who created keras", 0.6 * kAnswerThreshold);
  ExpectNoAnswer("how to train a neural network in tensorflow", 0.6 * kAnswerThreshold);
}

TEST_F(FaqAnswererTest, DoesNotAnswerStopWordsAlone) {
  for (const char* question : {"what is the best", "what is it?", "Which framework is the best?"}) {
    const FaqAnswer answer = MustAnswer(question);
    EXPECT_FALSE(answer.answered) << question;
    EXPECT_EQ(answer.best, nullptr) << question;
    EXPECT_EQ(answer.confidence, 0) << question;
    EXPECT_THAT(answer.alternatives, ::testing::IsEmpty()) << question;
  }
}

TEST_F(FaqAnswererTest, RejectsInvalidQuestions) {
  for (const std::string& question :
       {std::string(), std::string(" \t\n"), std::string(5000, 'a'), std::string("why \xff\xfe")}) {
    EXPECT_EQ(answerer_.Answer(question).status().code(), absl::StatusCode::kInvalidArgument)
        << question.substr(0, 20);
  }
}

TEST_F(FaqAnswererTest, ListsAlternativesBestFirstAndCapped) {
  const FaqAnswer answer =
      MustAnswer("pytorch tensorflow keras startups enterprises beginners hiring only enough");
  ASSERT_NE(answer.best, nullptr);
  EXPECT_LE(answer.alternatives.size(), static_cast<size_t>(kMaxAlternatives));
  EXPECT_FALSE(answer.alternatives.empty());
  double previous = answer.confidence;
  for (const FaqCandidate& alternative : answer.alternatives) {
    EXPECT_NE(alternative.entry, answer.best);
    EXPECT_LE(alternative.confidence, previous);
    EXPECT_GE(alternative.confidence, kMinAlternativeConfidence);
    previous = alternative.confidence;
  }
}

TEST_F(FaqAnswererTest, IsMoreConfidentInCloserQuestions) {
  const double exact =
      MustAnswer("Why do startups prefer PyTorch over other frameworks today?").confidence;
  const double paraphrase = MustAnswer("what do young AI companies like about torch").confidence;
  const double off_topic = MustAnswer("how do I install torch on a raspberry pi").confidence;
  EXPECT_GT(exact, paraphrase);
  EXPECT_GT(paraphrase, off_topic);
  EXPECT_GE(paraphrase, kAnswerThreshold);
  EXPECT_LT(off_topic, 0.1);
}

TEST_F(FaqAnswererTest, GivesTheSameAnswersFromManyThreads) {
  const std::vector<std::string> questions = {"most popular framework for jobs",
                                              "is one framework enough", "keras for beginners",
                                              "what is the capital of France"};
  std::vector<const FaqEntry*> expected;
  for (const std::string& question : questions) expected.push_back(MustAnswer(question).best);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        for (size_t q = 0; q < questions.size(); ++q) {
          absl::StatusOr<FaqAnswer> answer = answerer_.Answer(questions[q]);
          if (!answer.ok() || answer->best != expected[q]) ++mismatches[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_THAT(mismatches, ::testing::Each(0));
}

TEST(FaqAnswererEdgeTest, FindsTheRightEntryAmongManyThatShareCommonWords) {
  KnowledgeBase knowledge_base = DefaultKnowledgeBase();
  // Filler entries full of the domain's common words: they make long
  // posting lists, which answering treats as non-essential.
  for (int i = 0; i < 600; ++i) {
    FaqEntry* filler = knowledge_base.add_faqs();
    filler->set_id("faq-filler-" + std::to_string(i));
    filler->set_question("How do AI and deep learning models help with topic " + std::to_string(i) +
                         "?");
    filler->set_answer("Deep learning frameworks such as PyTorch, TensorFlow and Keras help AI.");
  }
  const FaqAnswerer answerer(knowledge_base);
  for (int e = 0; e < 5; ++e) {
    const FaqEntry& faq = knowledge_base.faqs(e);
    absl::StatusOr<FaqAnswer> answer = answerer.Answer(faq.question());
    ASSERT_TRUE(answer.ok()) << answer.status();
    EXPECT_EQ(answer->best, &faq) << faq.id();
    EXPECT_TRUE(answer->answered) << faq.id();
  }
  absl::StatusOr<FaqAnswer> filler = answerer.Answer("deep learning models for topic 123");
  ASSERT_TRUE(filler.ok()) << filler.status();
  ASSERT_NE(filler->best, nullptr);
  EXPECT_EQ(filler->best->id(), "faq-filler-123");
}

TEST(FaqAnswererEdgeTest, AnswersNothingFromAnEmptyKnowledgeBase) {
  const KnowledgeBase empty;
  const FaqAnswerer answerer(empty);
  absl::StatusOr<FaqAnswer> answer = answerer.Answer("which framework is most popular?");
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_FALSE(answer->answered);
  EXPECT_EQ(answer->best, nullptr);
}

TEST(FaqAnswererEdgeTest, UsesTheKnowledgeBasesSynonymsAndFrameworkNames) {
  KnowledgeBase knowledge_base;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(
        frameworks { id: "jax" display_name: "JAX" aliases: "jax.numpy" }
        faqs { id: "faq-jax-speed" question: "Why is JAX fast?" answer: "It compiles with XLA." }
        faqs { id: "faq-cats" question: "Do cats like boxes?" answer: "Yes, very much." }
        synonyms { canonical: "fast" terms: "quick" terms: "high performance" }
      )pb",
      &knowledge_base));
  const FaqAnswerer answerer(knowledge_base);
  absl::StatusOr<FaqAnswer> answer = answerer.Answer("is jax.numpy high performance");
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_TRUE(answer->answered);
  ASSERT_NE(answer->best, nullptr);
  EXPECT_EQ(answer->best->id(), "faq-jax-speed");
}

}  // namespace
}  // namespace advisor::engines
