// AnswerQuestion in a conversation, over real channels: the context token
// carries follow-ups between replicas that keep no state, and a token this
// service did not issue is INVALID_ARGUMENT.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "advisor/v1/faq_service.grpc.pb.h"
#include "tests/support/call_context.h"
#include "tests/support/in_process_server.h"
#include <grpcpp/grpcpp.h>

namespace advisor {
namespace {

using ::advisor::v1::AnswerQuestionRequest;
using ::advisor::v1::AnswerQuestionResponse;
using ::advisor::v1::FaqService;
using ::testing::HasSubstr;

class ConversationApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int replica = 0; replica < 2; ++replica) {
      absl::StatusOr<testing::InProcessServer> started = testing::StartInProcessServer();
      ASSERT_TRUE(started.ok()) << started.status();
      stubs_.push_back(FaqService::NewStub(started->channel));
      servers_.push_back(std::move(*started));
    }
  }

  grpc::Status Ask(int replica, const AnswerQuestionRequest& request,
                   AnswerQuestionResponse& response) {
    return stubs_[replica]->AnswerQuestion(testing::CallContext().get(), request, &response);
  }

  // Asks `questions` in one conversation, turn t on replica `replica_of(t)`.
  template <typename ReplicaOf>
  std::vector<AnswerQuestionResponse> Converse(const std::vector<std::string>& questions,
                                               ReplicaOf replica_of) {
    std::vector<AnswerQuestionResponse> answers;
    std::string context;
    for (size_t turn = 0; turn < questions.size(); ++turn) {
      AnswerQuestionRequest request;
      request.set_question(questions[turn]);
      request.set_asker("data scientist at a large bank");
      request.set_context(context);
      AnswerQuestionResponse response;
      const grpc::Status status = Ask(replica_of(turn), request, response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      context = response.context();
      answers.push_back(std::move(response));
    }
    return answers;
  }

  grpc::Status AskWithContext(const std::string& context, AnswerQuestionResponse& response) {
    AnswerQuestionRequest request;
    request.set_question("and keras?");
    request.set_context(context);
    return Ask(0, request, response);
  }

  std::vector<testing::InProcessServer> servers_;
  std::vector<std::unique_ptr<FaqService::Stub>> stubs_;
};

const std::vector<std::string>& ThreeTurns() {
  static const auto* const kTurns = new std::vector<std::string>{
      "who maintains pytorch?", "and keras?", "is it good for beginners?"};
  return *kTurns;
}

TEST_F(ConversationApiTest, FollowUpsAreAnsweredAgainstThePreviousAnswer) {
  const std::vector<AnswerQuestionResponse> answers =
      Converse(ThreeTurns(), [](size_t) { return 0; });
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_THAT(answers[0].answer(), HasSubstr("PyTorch Foundation"));
  EXPECT_THAT(answers[1].answer(), HasSubstr("Chollet"));
  EXPECT_EQ(answers[1].source().name(), "frameworks/keras");
  EXPECT_THAT(answers[2].answer(), HasSubstr("beginners"));
  for (const AnswerQuestionResponse& answer : answers) {
    EXPECT_FALSE(answer.context().empty());
    EXPECT_LE(answer.context().size(), 512u);
  }
}

TEST_F(ConversationApiTest, TwoReplicasAnsweringAlternateTurnsAnswerAsOneDoes) {
  const std::vector<AnswerQuestionResponse> one = Converse(ThreeTurns(), [](size_t) { return 0; });
  const std::vector<AnswerQuestionResponse> alternating =
      Converse(ThreeTurns(), [](size_t turn) { return static_cast<int>(turn % 2); });
  ASSERT_EQ(one.size(), alternating.size());
  for (size_t turn = 0; turn < one.size(); ++turn) {
    SCOPED_TRACE(ThreeTurns()[turn]);
    EXPECT_EQ(alternating[turn].answer(), one[turn].answer());
    EXPECT_EQ(alternating[turn].source().name(), one[turn].source().name());
    EXPECT_EQ(alternating[turn].confidence(), one[turn].confidence());
    EXPECT_EQ(alternating[turn].context(), one[turn].context());
  }
}

TEST_F(ConversationApiTest, ATokenThisServiceDidNotIssueIsInvalidArgument) {
  AnswerQuestionResponse first;
  AnswerQuestionRequest request;
  request.set_question("who maintains pytorch?");
  ASSERT_TRUE(Ask(0, request, first).ok());
  const std::string token = first.context();
  struct Bad {
    std::string token;
    std::string message;
  };
  for (const Bad& bad : std::vector<Bad>{
           // Bytes that are not UTF-8 do not parse as a request at all.
           {std::string("\x8f\x01\xff\x00\x10zz", 7), "invalid UTF-8"},
           {"caf\xc3\xa9 \xe2\x82\xac 12", "damaged or was not issued"},
           {token.substr(0, token.size() / 2), "damaged or was not issued"},
           {std::string(10 * 1024, 'A'), "at most 512"},
           {absl::StrCat("9", token.substr(1)), "version 9 is not supported"},
       }) {
    SCOPED_TRACE(bad.token.substr(0, 40));
    AnswerQuestionResponse response;
    const grpc::Status status = AskWithContext(bad.token, response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr(bad.message));
  }
}

TEST_F(ConversationApiTest, AnAskerTooLongIsInvalidArgument) {
  AnswerQuestionRequest request;
  request.set_question("which framework should I learn?");
  request.set_asker(std::string(513, 'a'));
  AnswerQuestionResponse response;
  const grpc::Status status = Ask(0, request, response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("asker"));
}

TEST_F(ConversationApiTest, BatchItemsCarryTheirOwnAskerAndContext) {
  AnswerQuestionRequest first;
  first.set_question("who maintains pytorch?");
  AnswerQuestionResponse answered;
  ASSERT_TRUE(Ask(0, first, answered).ok());
  v1::BatchAnswerQuestionsRequest batch;
  AnswerQuestionRequest& follow_up = *batch.add_requests();
  follow_up.set_question("and keras?");
  follow_up.set_context(answered.context());
  AnswerQuestionRequest& damaged = *batch.add_requests();
  damaged.set_question("and keras?");
  damaged.set_context("1.not-a-token");
  v1::BatchAnswerQuestionsResponse response;
  ASSERT_TRUE(stubs_[1]->BatchAnswerQuestions(testing::CallContext().get(), batch, &response).ok());
  ASSERT_EQ(response.results_size(), 2);
  EXPECT_EQ(response.results(0).response().source().name(), "frameworks/keras");
  EXPECT_EQ(response.results(1).error().code(), grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace advisor
