// Follow-up questions and the asker: KnowledgeAnswerer::Answer with a
// Conversation, on the default knowledge base.
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"

#include "service/engines/context_token.h"
#include "service/engines/knowledge_answerer.h"
#include "service/knowledge_base/knowledge_base_loader.h"

namespace advisor::engines {
namespace {

using advisor::v1::ConversationContext;
using advisor::v1::KnowledgeBase;

KnowledgeBase DefaultKnowledgeBase() {
  absl::StatusOr<KnowledgeBase> knowledge_base = knowledge_base::LoadDefaultKnowledgeBase();
  EXPECT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  return knowledge_base.ok() ? *std::move(knowledge_base) : KnowledgeBase();
}

class ConversationTest : public ::testing::Test {
 protected:
  ConversationTest() : knowledge_base_(DefaultKnowledgeBase()), answerer_(knowledge_base_) {}

  // Asks `question` after the previous answer of this conversation, as
  // `asker`; keeps the new context.
  KnowledgeAnswer Ask(absl::string_view question, absl::string_view asker = "") {
    absl::StatusOr<KnowledgeAnswer> answer =
        answerer_.Answer(question, /*explain=*/true, Conversation{asker, &context_});
    EXPECT_TRUE(answer.ok()) << answer.status();
    if (!answer.ok()) return KnowledgeAnswer();
    // As the service carries it: through the token.
    absl::StatusOr<ConversationContext> next =
        DecodeContextToken(EncodeContextToken(answer->context));
    EXPECT_TRUE(next.ok()) << next.status();
    context_ = next.ok() ? *std::move(next) : ConversationContext();
    return *std::move(answer);
  }

  static std::string Lower(absl::string_view text) { return absl::AsciiStrToLower(text); }

  // Answered with a text holding `phrase`.
  void ExpectAnswer(const KnowledgeAnswer& answer, absl::string_view phrase) {
    ASSERT_NE(answer.explanation, nullptr);
    EXPECT_TRUE(answer.answered) << "read as: " << answer.explanation->read_as << " (confidence "
                                 << answer.best.confidence << ")";
    EXPECT_TRUE(absl::StrContains(Lower(answer.best.answer), Lower(phrase)))
        << "read as: " << answer.explanation->read_as << " -> " << answer.best.answer;
  }

  const KnowledgeBase knowledge_base_;
  const KnowledgeAnswerer answerer_;
  ConversationContext context_;
};

TEST_F(ConversationTest, CarriesTheFrameworkThroughAConversation) {
  ExpectAnswer(Ask("who maintains pytorch?"), "PyTorch Foundation");
  EXPECT_EQ(context_.framework_ids(0), "pytorch");
  const KnowledgeAnswer keras = Ask("and keras?");
  EXPECT_EQ(keras.explanation->read_as, "who maintains Keras");
  ExpectAnswer(keras, "Chollet");
  EXPECT_EQ(context_.framework_ids(0), "keras");
  const KnowledgeAnswer beginners = Ask("is it good for beginners?");
  EXPECT_EQ(beginners.explanation->read_as, "is Keras good for beginners");
  ExpectAnswer(beginners, "beginners");
}

TEST_F(ConversationTest, TheSameQuestionStandsAloneWithoutContext) {
  const KnowledgeAnswer answer = Ask("and keras?");
  EXPECT_EQ(answer.explanation->read_as, "and keras?");
}

TEST_F(ConversationTest, AQuestionThatStandsOnItsOwnIgnoresTheContext) {
  Ask("who maintains pytorch?");
  const KnowledgeAnswer answer = Ask("what licence does TensorFlow use?");
  EXPECT_EQ(answer.explanation->read_as, "what licence does TensorFlow use?");
  ExpectAnswer(answer, "Apache");
  EXPECT_EQ(context_.framework_ids(0), "tensorflow");
  EXPECT_EQ(context_.framework_ids(1), "pytorch");
}

TEST_F(ConversationTest, WhyAsksAboutThePreviousQuestion) {
  ExpectAnswer(Ask("which framework do startups prefer?"), "PyTorch");
  EXPECT_EQ(context_.hiring_pattern_id(), "startup");
  const KnowledgeAnswer why = Ask("why?");
  EXPECT_TRUE(absl::StartsWith(why.explanation->read_as, "why which framework"))
      << why.explanation->read_as;
  ExpectAnswer(why, "experimentation");
}

TEST_F(ConversationTest, TheAnswersFrameworkIsInPlayWhenTheQuestionNamedNone) {
  ExpectAnswer(Ask("which framework do startups prefer?"), "PyTorch");
  EXPECT_EQ(context_.framework_ids(0), "pytorch");
  ExpectAnswer(Ask("who created it?"), "Meta");
}

TEST_F(ConversationTest, ANewKindOfEmployerTakesThePreviousOnesPlace) {
  ExpectAnswer(Ask("which framework do banks prefer?"), "TensorFlow");
  const KnowledgeAnswer startups = Ask("what about startups?");
  EXPECT_FALSE(absl::StrContains(startups.explanation->read_as, "bank"))
      << startups.explanation->read_as;
  ExpectAnswer(startups, "PyTorch");
}

TEST_F(ConversationTest, AFollowUpTheKnowledgeBaseDoesNotCoverGetsNoAnswer) {
  Ask("who maintains pytorch?");
  const KnowledgeAnswer cost = Ask("how much does it cost to run on GPUs?");
  EXPECT_FALSE(cost.answered) << cost.explanation->read_as << " -> " << cost.best.answer;
}

TEST_F(ConversationTest, TheAskersKindOfEmployerChoosesTheHiringPattern) {
  const KnowledgeAnswer answer =
      Ask("which framework should I learn?", "machine learning engineer at a large bank");
  ExpectAnswer(answer, "TensorFlow");
  EXPECT_EQ(context_.hiring_pattern_id(), "enterprise");
}

TEST_F(ConversationTest, AQuestionOfFactStaysAsAskedWhoeverAsks) {
  const KnowledgeAnswer answer =
      Ask("who makes keras?", "machine learning engineer at a large bank");
  EXPECT_EQ(answer.explanation->read_as, "who makes keras?");
  ExpectAnswer(answer, "Chollet");
}

TEST_F(ConversationTest, AnAskerNamingNoKindOfEmployerChangesNothing) {
  const KnowledgeAnswer with = Ask("who develops tensorflow?", "someone who likes hiking");
  EXPECT_EQ(with.explanation->read_as, "who develops tensorflow?");
}

TEST_F(ConversationTest, RefusesABadAsker) {
  for (const std::string& asker :
       {std::string("   "), std::string(kMaxAskerBytes + 1, 'a'), std::string("\xff\xfe")}) {
    absl::StatusOr<KnowledgeAnswer> answer =
        answerer_.Answer("who develops pytorch?", false, Conversation{asker, nullptr});
    EXPECT_EQ(answer.status().code(), absl::StatusCode::kInvalidArgument) << asker.size();
  }
}

TEST_F(ConversationTest, TheNextContextFitsAToken) {
  Ask(std::string(3000, 'x') + " who maintains pytorch?");
  const std::string token = EncodeContextToken(context_);
  EXPECT_LE(token.size(), kMaxContextTokenBytes);
  EXPECT_TRUE(DecodeContextToken(token).ok());
}

}  // namespace
}  // namespace advisor::engines
