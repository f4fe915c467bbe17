// BatchAnswerQuestions and BatchMatchRoles over a real channel: results in
// request order, per-item errors beside good answers, the batch size limits.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "service/api/item_results.h"
#include "tests/api/bulk_test_server.h"
#include "tests/support/call_context.h"

namespace advisor::server {
namespace {

using ::advisor::testing::CallContext;
using ::advisor::v1::AnswerQuestionResult;
using ::advisor::v1::BatchAnswerQuestionsRequest;
using ::advisor::v1::BatchAnswerQuestionsResponse;
using ::advisor::v1::BatchMatchRolesRequest;
using ::advisor::v1::BatchMatchRolesResponse;
using ::advisor::v1::MatchRoleRequest;
using ::advisor::v1::MatchRoleResponse;
using ::testing::HasSubstr;

class BatchRpcTest : public BulkServerTest {
 protected:
  grpc::Status Batch(const std::vector<std::string>& questions,
                     BatchAnswerQuestionsResponse& response) {
    BatchAnswerQuestionsRequest request;
    for (const std::string& question : questions) request.add_requests()->set_question(question);
    return faqs_->BatchAnswerQuestions(CallContext().get(), request, &response);
  }

  grpc::Status BatchRoles(const std::vector<std::string>& descriptions,
                          BatchMatchRolesResponse& response) {
    BatchMatchRolesRequest request;
    for (const std::string& text : descriptions) request.add_requests()->set_description(text);
    return roles_->BatchMatchRoles(CallContext().get(), request, &response);
  }
};

TEST_F(BatchRpcTest, AnswersEveryQuestionInRequestOrderAsTheUnaryCallDoes) {
  std::vector<std::string> questions = FaqQuestions(5);
  questions.push_back("How long should pasta boil before it is al dente?");
  BatchAnswerQuestionsResponse response;
  const grpc::Status status = Batch(questions, response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::OK) << status.error_message();
  ASSERT_EQ(response.results_size(), static_cast<int>(questions.size()));
  for (size_t i = 0; i < questions.size(); ++i) {
    const AnswerQuestionResult& result = response.results(static_cast<int>(i));
    ASSERT_EQ(result.result_case(), AnswerQuestionResult::kResponse) << i;
    EXPECT_EQ(result.response().SerializeAsString(), UnaryAnswer(questions[i]).SerializeAsString())
        << questions[i];
  }
  EXPECT_EQ(response.results(0).response().question(), questions[0]);
  EXPECT_FALSE(response.results(5).response().answered());
  EXPECT_EQ(response.served_by().knowledge_base_version(), "2024.1");
}

TEST_F(BatchRpcTest, ABadQuestionGetsItsOwnErrorAndTheOthersAreAnswered) {
  const std::vector<std::string> good = FaqQuestions(2);
  BatchAnswerQuestionsResponse response;
  const grpc::Status status = Batch({good[0], "   ", good[1], std::string(5000, 'x')}, response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::OK) << status.error_message();
  ASSERT_EQ(response.results_size(), 4);
  EXPECT_TRUE(response.results(0).response().answered());
  ASSERT_EQ(response.results(1).result_case(), AnswerQuestionResult::kError);
  EXPECT_EQ(response.results(1).error().code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_FALSE(response.results(1).error().message().empty());
  EXPECT_EQ(response.results(2).response().question(), good[1]);
  ASSERT_EQ(response.results(3).result_case(), AnswerQuestionResult::kError);
  EXPECT_EQ(response.results(3).error().code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(BatchRpcTest, AnEmptyBatchIsInvalidArgument) {
  BatchAnswerQuestionsResponse response;
  const grpc::Status status = Batch({}, response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("empty"));
}

TEST_F(BatchRpcTest, TheMaximumBatchIsAnsweredAndOneMoreIsInvalidArgument) {
  std::vector<std::string> questions(api::kMaxBatchItems, "Is Keras easy?");
  BatchAnswerQuestionsResponse response;
  grpc::Status status = Batch(questions, response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::OK) << status.error_message();
  EXPECT_EQ(response.results_size(), api::kMaxBatchItems);

  questions.push_back("Is Keras easy?");
  status = Batch(questions, response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("1000"));
}

TEST_F(BatchRpcTest, BatchMatchRolesMatchesInOrderWithPerItemErrors) {
  const std::vector<std::string> descriptions = {
      "Research scientist prototyping new deep learning models", "",
      "Machine learning engineer deploying models on mobile phones"};
  BatchMatchRolesResponse response;
  const grpc::Status status = BatchRoles(descriptions, response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::OK) << status.error_message();
  ASSERT_EQ(response.results_size(), 3);
  EXPECT_EQ(response.results(1).error().code(), grpc::StatusCode::INVALID_ARGUMENT);
  for (int i : {0, 2}) {
    ASSERT_EQ(response.results(i).result_case(), advisor::v1::MatchRoleResult::kResponse) << i;
    MatchRoleRequest request;
    request.set_description(descriptions[i]);
    MatchRoleResponse unary;
    ASSERT_EQ(roles_->MatchRole(CallContext().get(), request, &unary).error_code(),
              grpc::StatusCode::OK);
    EXPECT_EQ(unary.served_by().knowledge_base_version(), "2024.1");
    // An item leaves the version to the enclosing response.
    unary.clear_served_by();
    EXPECT_EQ(response.results(i).response().SerializeAsString(), unary.SerializeAsString());
  }
  EXPECT_EQ(response.served_by().knowledge_base_version(), "2024.1");
}

TEST_F(BatchRpcTest, BatchMatchRolesRefusesEmptyAndOversizedBatches) {
  BatchMatchRolesResponse response;
  EXPECT_EQ(BatchRoles({}, response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const std::vector<std::string> too_many(api::kMaxBatchItems + 1, "data scientist");
  EXPECT_EQ(BatchRoles(too_many, response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace advisor::server
