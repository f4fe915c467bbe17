#include "service/engines/knowledge_answerer.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
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

std::string NameOf(const AnswerCandidate& candidate) {
  return candidate.passage == nullptr ? "(none)" : candidate.passage->name;
}

class KnowledgeAnswererTest : public ::testing::Test {
 protected:
  KnowledgeAnswererTest() : knowledge_base_(DefaultKnowledgeBase()), answerer_(knowledge_base_) {}

  KnowledgeAnswer MustAnswer(absl::string_view question) const {
    absl::StatusOr<KnowledgeAnswer> answer = answerer_.Answer(question);
    EXPECT_TRUE(answer.ok()) << answer.status();
    return answer.ok() ? *std::move(answer) : KnowledgeAnswer();
  }

  // Answered from the passage named `name`, with an answer holding `phrase`.
  void ExpectAnswers(absl::string_view question, absl::string_view name,
                     absl::string_view phrase = "") const {
    const KnowledgeAnswer answer = MustAnswer(question);
    EXPECT_TRUE(answer.answered) << question << " (confidence " << answer.best.confidence << ")";
    EXPECT_EQ(NameOf(answer.best), std::string(name)) << question;
    EXPECT_TRUE(
        absl::StrContains(absl::AsciiStrToLower(answer.best.answer), absl::AsciiStrToLower(phrase)))
        << question << " -> " << answer.best.answer;
  }

  // `max_confidence`: near 0 for unrelated questions; near-domain questions
  // may score a little higher, though still well below the threshold.
  void ExpectNoAnswer(absl::string_view question, double max_confidence) const {
    const KnowledgeAnswer answer = MustAnswer(question);
    EXPECT_FALSE(answer.answered) << question << " -> " << NameOf(answer.best);
    EXPECT_LT(answer.best.confidence, max_confidence) << question << " -> " << NameOf(answer.best);
  }

  const KnowledgeBase knowledge_base_;
  const KnowledgeAnswerer answerer_;
};

TEST_F(KnowledgeAnswererTest, AnswersEachFaqQuestionWithItsEntryAlmostSurely) {
  ASSERT_EQ(knowledge_base_.faqs_size(), 5);
  for (const FaqEntry& faq : knowledge_base_.faqs()) {
    const KnowledgeAnswer answer = MustAnswer(faq.question());
    EXPECT_TRUE(answer.answered) << faq.id();
    ASSERT_NE(answer.best.passage, nullptr) << faq.id();
    EXPECT_EQ(answer.best.passage->faq, &faq);
    EXPECT_EQ(answer.best.passage->kind, SourceKind::kFaq);
    EXPECT_EQ(answer.best.answer, faq.answer());
    EXPECT_GE(answer.best.confidence, 0.9) << faq.id();
    EXPECT_LE(answer.best.confidence, 1.0) << faq.id();
  }
}

TEST_F(KnowledgeAnswererTest, AnswersFaqParaphrasesWithTheEntry) {
  ExpectAnswers("Which deep learning library do employers want the most?", "faqs/faq-popular-2024");
  ExpectAnswers("Can I get a job knowing a single framework?", "faqs/faq-one-framework-enough");
  ExpectAnswers("What makes PyTorch attractive to young companies?", "faqs/faq-startups-pytorch");
  // The enterprise hiring pattern states the entry's answer too.
  const KnowledgeAnswer banks = MustAnswer("Why do banks and insurers choose TensorFlow?");
  EXPECT_TRUE(banks.answered);
  EXPECT_THAT(NameOf(banks.best),
              ::testing::AnyOf("faqs/faq-tensorflow-enterprise", "hiringPatterns/enterprise"));
  ExpectAnswers("Why is Keras a good foundation for an AI career?", "faqs/faq-keras-foundations");
}

TEST_F(KnowledgeAnswererTest, AnswersMisspelledQuestions) {
  ExpectAnswers("wich framwork is most populer for hiring", "faqs/faq-popular-2024");
  ExpectAnswers("is knowing onyl one framwork enuf", "faqs/faq-one-framework-enough");
  ExpectAnswers("why do startps prefer pytroch", "faqs/faq-startups-pytorch");
  ExpectAnswers("keras for beginers", "frameworks/keras", "Beginners");
}

TEST_F(KnowledgeAnswererTest, AnswersWhatIsAskedOfAFrameworkWithItsField) {
  ExpectAnswers("who developed tensorflow", "frameworks/tensorflow", "Google");
  ExpectAnswers("which company made pytorch?", "frameworks/pytorch", "Meta");
  ExpectAnswers("tensorflow comes from which company?", "frameworks/tensorflow", "Google");
  ExpectAnswers("where can I download keras", "frameworks/keras", "keras.io");
  const KnowledgeAnswer what_is = MustAnswer("what is keras?");
  EXPECT_TRUE(what_is.answered);
  ASSERT_NE(what_is.best.passage, nullptr);
  EXPECT_EQ(what_is.best.passage->name, "frameworks/keras");
  EXPECT_EQ(what_is.best.passage->field, "summary");
}

TEST_F(KnowledgeAnswererTest, AnswersComparisonsAndHiringQuestions) {
  const KnowledgeAnswer versus = MustAnswer("pytorch vs tensorflow");
  EXPECT_TRUE(versus.answered);
  ASSERT_NE(versus.best.passage, nullptr);
  EXPECT_THAT(versus.best.passage->kind,
              ::testing::AnyOf(SourceKind::kInsight, SourceKind::kFaq, SourceKind::kDocument));
  const KnowledgeAnswer banks = MustAnswer("which framework do banks use");
  EXPECT_TRUE(banks.answered);
  EXPECT_TRUE(absl::StrContains(banks.best.answer, "TensorFlow")) << banks.best.answer;
}

TEST_F(KnowledgeAnswererTest, AnswersFromTheArticleWithTheSentencesThatAnswer) {
  const KnowledgeAnswer answer = MustAnswer("is keras enough on its own");
  EXPECT_TRUE(answer.answered);
  EXPECT_TRUE(absl::StrContains(answer.best.answer, "not sufficient on its own"))
      << NameOf(answer.best) << ": " << answer.best.answer;
  ASSERT_NE(answer.best.passage, nullptr);
  // The answer is a view into its passage, which is kept as context.
  EXPECT_TRUE(absl::StrContains(answer.best.passage->text, answer.best.answer));
}

TEST_F(KnowledgeAnswererTest, DoesNotAnswerOffTopicOrUncoveredQuestions) {
  ExpectNoAnswer("What is the capital of France?", 0.1);
  ExpectNoAnswer("hello", 0.15);
  ExpectNoAnswer("zzzz qqqq", 0.1);
  ExpectNoAnswer("best laptop for deep learning", 0.15);
  ExpectNoAnswer("how do I install PyTorch with CUDA", kAnswerThreshold);
  // Frameworks the knowledge base knows only by name get no answer at all.
  ExpectNoAnswer("is XGBoost still maintained", 0.05);
}

// The frameworks beyond the seed answer from their records, facts stated as
// sentences made from their fields.
TEST_F(KnowledgeAnswererTest, AnswersTheFactsOfTheFrameworksBeyondTheSeed) {
  ExpectAnswers("tell me about JAX", "frameworks/jax", "XLA");
  ExpectAnswers("is theano still maintained", "frameworks/theano", "retired");
  ExpectAnswers("what does flax build on", "frameworks/flax", "builds on JAX");
  ExpectAnswers("who maintains PaddlePaddle", "frameworks/paddlepaddle", "Baidu");
  ExpectAnswers("what licence does ONNX Runtime use", "frameworks/onnx-runtime", "MIT");
}

TEST_F(KnowledgeAnswererTest, NeverAnswersAboutAnotherFrameworkThanTheOneAsked) {
  for (const char* question : {"who develops keras", "keras website", "what is keras good for"}) {
    const KnowledgeAnswer answer = MustAnswer(question);
    ASSERT_NE(answer.best.passage, nullptr) << question;
    EXPECT_THAT(answer.best.passage->name,
                ::testing::AnyOf("frameworks/keras", "faqs/faq-keras-foundations"))
        << question;
  }
}

TEST_F(KnowledgeAnswererTest, NeverAnswersFromTheRecordOfAFrameworkTheQuestionDoesNotName) {
  // ONNX Runtime's and Keras' records name PyTorch and TensorFlow, but
  // they are about ONNX Runtime and Keras.
  for (const char* question :
       {"what runs models exported from pytorch and tensorflow", "what does pytorch build on",
        "which runtime executes pytorch models fastest",
        "is tensorflow built on top of something"}) {
    const KnowledgeAnswer answer = MustAnswer(question);
    if (answer.best.passage == nullptr) continue;
    EXPECT_THAT(answer.best.passage->name,
                ::testing::AnyOf(::testing::Not(::testing::StartsWith("frameworks/")),
                                 "frameworks/pytorch", "frameworks/tensorflow"))
        << question;
  }
}

TEST_F(KnowledgeAnswererTest, AnswersOnlyWithTheKindOfValueAsked) {
  // TensorFlow's notes state its release year; PyTorch's state a year, but
  // of another event.
  ExpectAnswers("when was tensorflow first released", "frameworks/tensorflow", "2015");
  ExpectAnswers("when did keras 3 come out", "frameworks/keras", "2023");
  ExpectNoAnswer("when was pytorch first released", kAnswerThreshold);
  // Pay is no field of a framework, though "developers" matches one.
  ExpectNoAnswer("how much do tensorflow developers make", kAnswerThreshold);
}

TEST_F(KnowledgeAnswererTest, AnswersForTheEmployerTheAskerNames) {
  // The pattern of the asker's employer answers whichever framework is
  // named, joined by what that framework is best for.
  const KnowledgeAnswer bank = MustAnswer("I work at a bank, should I learn PyTorch?");
  EXPECT_TRUE(bank.answered);
  EXPECT_EQ(NameOf(bank.best), "hiringPatterns/enterprise");
  ASSERT_EQ(bank.also_from.size(), 1u);
  EXPECT_EQ(bank.also_from[0]->name, "frameworks/pytorch");
  EXPECT_EQ(bank.also_from[0]->field, "best_for");
  ExpectAnswers("our robotics startup has six people, which framework should the next hire know?",
                "hiringPatterns/startup", "PyTorch");
  // A question that names an employer without speaking of the asker joins
  // nothing.
  EXPECT_TRUE(MustAnswer("why do startups prefer pytorch").also_from.empty());
}

TEST_F(KnowledgeAnswererTest, ExplainsHowTheAnswerWasChosenOnlyWhenAsked) {
  EXPECT_EQ(MustAnswer("who develops pytorch").explanation, nullptr);
  absl::StatusOr<KnowledgeAnswer> answer = answerer_.Answer("who develops pytroch", true);
  ASSERT_TRUE(answer.ok());
  ASSERT_NE(answer->explanation, nullptr);
  const AnswerExplanation& explanation = *answer->explanation;
  EXPECT_THAT(explanation.frameworks, ::testing::ElementsAre("PyTorch"));
  ASSERT_FALSE(explanation.model_labels.empty());
  EXPECT_EQ(explanation.model_labels.front().first, "frameworks/*/developer");
  ASSERT_FALSE(explanation.candidates.empty());
  EXPECT_EQ(explanation.candidates.front().passage, answer->best.passage);
  EXPECT_DOUBLE_EQ(explanation.candidates.front().confidence, answer->best.confidence);
  EXPECT_THAT(explanation.candidates.front().explanation,
              ::testing::HasSubstr("model_probability"));
  EXPECT_TRUE(answerer_.has_question_model());
}

TEST_F(KnowledgeAnswererTest, DoesNotAnswerStopWordsAlone) {
  for (const char* question : {"what is the best", "what is it?", "Which framework is the best?"}) {
    const KnowledgeAnswer answer = MustAnswer(question);
    EXPECT_FALSE(answer.answered) << question << " -> " << NameOf(answer.best);
  }
}

TEST_F(KnowledgeAnswererTest, RejectsInvalidQuestions) {
  for (const std::string& question :
       {std::string(), std::string(" \t\n"), std::string(5000, 'a'), std::string("why \xff\xfe")}) {
    EXPECT_EQ(answerer_.Answer(question).status().code(), absl::StatusCode::kInvalidArgument)
        << question.substr(0, 20);
  }
}

TEST_F(KnowledgeAnswererTest, ListsOtherPassagesAsAlternativesBestFirstAndCapped) {
  const KnowledgeAnswer answer =
      MustAnswer("pytorch tensorflow keras startups enterprises beginners hiring only enough");
  ASSERT_NE(answer.best.passage, nullptr);
  EXPECT_LE(answer.alternatives.size(), static_cast<size_t>(kMaxAlternatives));
  EXPECT_FALSE(answer.alternatives.empty());
  // The best answer may be a FAQ entry preferred over a more confident
  // passage; the alternatives follow by confidence.
  double previous = 1;
  for (const AnswerCandidate& alternative : answer.alternatives) {
    ASSERT_NE(alternative.passage, nullptr);
    EXPECT_NE(alternative.passage, answer.best.passage);
    EXPECT_LE(alternative.confidence, previous);
    EXPECT_GE(alternative.confidence, kMinAlternativeConfidence);
    EXPECT_TRUE(absl::StrContains(alternative.passage->text, alternative.answer));
    previous = alternative.confidence;
  }
}

TEST_F(KnowledgeAnswererTest, IsMoreConfidentInCloserQuestions) {
  const double exact =
      MustAnswer("Why do startups prefer PyTorch over other frameworks today?").best.confidence;
  const double paraphrase =
      MustAnswer("what do young AI companies like about torch").best.confidence;
  const double off_topic = MustAnswer("how do I install torch on a raspberry pi").best.confidence;
  EXPECT_GT(exact, paraphrase);
  EXPECT_GT(paraphrase, off_topic);
  EXPECT_GE(paraphrase, kAnswerThreshold);
  EXPECT_LT(off_topic, kAnswerThreshold);
}

TEST_F(KnowledgeAnswererTest, HoldsEveryPartOfTheKnowledgeBaseAsPassages) {
  std::vector<SourceKind> kinds;
  for (const Passage& passage : answerer_.passages()) {
    EXPECT_FALSE(passage.name.empty());
    EXPECT_FALSE(passage.text.empty()) << passage.name;
    if (kinds.empty() || kinds.back() != passage.kind) kinds.push_back(passage.kind);
  }
  EXPECT_THAT(kinds, ::testing::IsSupersetOf({SourceKind::kFaq, SourceKind::kFramework,
                                              SourceKind::kHiringPattern, SourceKind::kInsight,
                                              SourceKind::kAdvice, SourceKind::kDocument}));
}

TEST_F(KnowledgeAnswererTest, GivesTheSameAnswersFromManyThreads) {
  const std::vector<std::string> questions = {"most popular framework for jobs",
                                              "is one framework enough", "who develops keras",
                                              "what is the capital of France"};
  std::vector<const Passage*> expected;
  for (const std::string& question : questions) {
    expected.push_back(MustAnswer(question).best.passage);
  }
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int repeat = 0; repeat < 200; ++repeat) {
        for (size_t q = 0; q < questions.size(); ++q) {
          absl::StatusOr<KnowledgeAnswer> answer = answerer_.Answer(questions[q]);
          if (!answer.ok() || answer->best.passage != expected[q]) ++mismatches[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_THAT(mismatches, ::testing::Each(0));
}

TEST(KnowledgeAnswererEdgeTest, FindsTheRightEntryAmongManyThatShareCommonWords) {
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
  const KnowledgeAnswerer answerer(knowledge_base);
  for (int e = 0; e < 5; ++e) {
    const FaqEntry& faq = knowledge_base.faqs(e);
    absl::StatusOr<KnowledgeAnswer> answer = answerer.Answer(faq.question());
    ASSERT_TRUE(answer.ok()) << answer.status();
    ASSERT_NE(answer->best.passage, nullptr) << faq.id();
    EXPECT_EQ(answer->best.passage->faq, &faq) << faq.id();
    EXPECT_TRUE(answer->answered) << faq.id();
  }
  absl::StatusOr<KnowledgeAnswer> filler = answerer.Answer("deep learning models for topic 123");
  ASSERT_TRUE(filler.ok()) << filler.status();
  EXPECT_EQ(NameOf(filler->best), "faqs/faq-filler-123");
}

TEST(KnowledgeAnswererEdgeTest, AnswersNothingFromAnEmptyKnowledgeBase) {
  const KnowledgeBase empty;
  const KnowledgeAnswerer answerer(empty);
  EXPECT_THAT(answerer.passages(), ::testing::IsEmpty());
  absl::StatusOr<KnowledgeAnswer> answer = answerer.Answer("which framework is most popular?");
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_FALSE(answer->answered);
  EXPECT_EQ(answer->best.passage, nullptr);
}

TEST(KnowledgeAnswererEdgeTest, UsesTheKnowledgeBasesSynonymsAndFrameworkNames) {
  KnowledgeBase knowledge_base;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(
        frameworks { id: "jax" display_name: "JAX" aliases: "jax.numpy" }
        faqs { id: "faq-jax-speed" question: "Why is JAX fast?" answer: "It compiles with XLA." }
        faqs { id: "faq-cats" question: "Do cats like boxes?" answer: "Yes, very much." }
        synonyms { canonical: "fast" terms: "quick" terms: "high performance" }
      )pb",
      &knowledge_base));
  const KnowledgeAnswerer answerer(knowledge_base);
  absl::StatusOr<KnowledgeAnswer> answer = answerer.Answer("is jax.numpy high performance", true);
  ASSERT_TRUE(answer.ok()) << answer.status();
  // The alias is the framework, the phrase its group's term; with two FAQ
  // entries and no examples, retrieval alone ranks them (whether that
  // reaches the threshold is the fitted confidence's to say).
  EXPECT_THAT(answer->explanation->terms, ::testing::ElementsAre("jax", "fast"));
  EXPECT_EQ(NameOf(answer->best), "faqs/faq-jax-speed");
  EXPECT_GT(answer->best.confidence, 0.3);
}

TEST(KnowledgeAnswererEdgeTest, AnswersFromADocumentParagraphAndNamesItsSection) {
  KnowledgeBase knowledge_base;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(
        frameworks { id: "jax" display_name: "JAX" }
        documents {
          id: "jax-notes"
          title: "Notes on JAX"
          sections {
            heading: "Compilation"
            paragraphs: "JAX traces Python functions. The jit transformation compiles them with XLA for accelerators. Compiled functions run much faster."
          }
          sections {
            heading: "Gardening"
            paragraphs: "Tomatoes need plenty of sun and regular watering."
          }
        }
      )pb",
      &knowledge_base));
  const KnowledgeAnswerer answerer(knowledge_base);
  absl::StatusOr<KnowledgeAnswer> answer = answerer.Answer("what does the jit transformation do?");
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_TRUE(answer->answered);
  ASSERT_NE(answer->best.passage, nullptr);
  EXPECT_EQ(answer->best.passage->name, "documents/jax-notes");
  EXPECT_EQ(answer->best.passage->kind, SourceKind::kDocument);
  EXPECT_EQ(answer->best.passage->section, "Compilation");
  EXPECT_TRUE(absl::StrContains(answer->best.answer, "jit transformation")) << answer->best.answer;
  absl::StatusOr<KnowledgeAnswer> unrelated = answerer.Answer("what is the capital of France?");
  ASSERT_TRUE(unrelated.ok());
  EXPECT_FALSE(unrelated->answered);
}

}  // namespace
}  // namespace advisor::engines
