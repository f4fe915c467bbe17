// Conversation carries the context token and the asker between questions.
#include <memory>

#include "advisor/client/client.h"
#include "advisor/client/conversation.h"
#include "advisor/client/mocks/mock_advisor_connection.h"
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace advisor::client {
namespace {

using ::advisor::client_mocks::MockAdvisorConnection;
using ::testing::AllOf;
using ::testing::Property;
using ::testing::Return;

v1::AnswerQuestionResponse AnswerWithContext(const std::string& context) {
  v1::AnswerQuestionResponse response;
  response.set_answered(true);
  response.set_context(context);
  return response;
}

auto Request(const std::string& question, const std::string& asker, const std::string& context) {
  return AllOf(Property(&v1::AnswerQuestionRequest::question, question),
               Property(&v1::AnswerQuestionRequest::asker, asker),
               Property(&v1::AnswerQuestionRequest::context, context));
}

TEST(ConversationMockTest, SendsEachQuestionWithThePreviousAnswersContextAndTheAsker) {
  auto mock = std::make_shared<MockAdvisorConnection>();
  EXPECT_CALL(*mock, AnswerQuestion(Request("who maintains pytorch?", "ML engineer", "")))
      .WillOnce(Return(AnswerWithContext("token-1")));
  EXPECT_CALL(*mock, AnswerQuestion(Request("and keras?", "ML engineer", "token-1")))
      .WillOnce(Return(AnswerWithContext("token-2")));
  Conversation conversation(AdvisorClient(mock), "ML engineer");
  ASSERT_TRUE(conversation.Ask("who maintains pytorch?").ok());
  ASSERT_TRUE(conversation.Ask("and keras?").ok());
  EXPECT_EQ(conversation.context(), "token-2");
}

TEST(ConversationMockTest, AnErrorLeavesTheConversationAsItWas) {
  auto mock = std::make_shared<MockAdvisorConnection>();
  EXPECT_CALL(*mock, AnswerQuestion(Request("first", "", "")))
      .WillOnce(Return(AnswerWithContext("token-1")));
  EXPECT_CALL(*mock, AnswerQuestion(Request("second", "", "token-1")))
      .WillOnce(Return(absl::UnavailableError("no server")))
      .WillOnce(Return(AnswerWithContext("token-2")));
  Conversation conversation{AdvisorClient(mock)};
  ASSERT_TRUE(conversation.Ask("first").ok());
  EXPECT_EQ(conversation.Ask("second").status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(conversation.context(), "token-1");
  ASSERT_TRUE(conversation.Ask("second").ok());
  EXPECT_EQ(conversation.context(), "token-2");
}

TEST(ConversationMockTest, ResetStartsOverAndTheAskerCanChange) {
  auto mock = std::make_shared<MockAdvisorConnection>();
  EXPECT_CALL(*mock, AnswerQuestion(Request("first", "", "")))
      .WillOnce(Return(AnswerWithContext("token-1")));
  EXPECT_CALL(*mock, AnswerQuestion(Request("again", "student", "")))
      .WillOnce(Return(AnswerWithContext("token-2")));
  Conversation conversation{AdvisorClient(mock)};
  ASSERT_TRUE(conversation.Ask("first").ok());
  conversation.Reset();
  conversation.set_asker("student");
  ASSERT_TRUE(conversation.Ask("again").ok());
}

}  // namespace
}  // namespace advisor::client
