#ifndef ADVISOR_CLIENT_MOCKS_MOCK_ADVISOR_CONNECTION_H_
#define ADVISOR_CLIENT_MOCKS_MOCK_ADVISOR_CONNECTION_H_

#include <memory>

#include "advisor/client/connection.h"
#include <gmock/gmock.h>

namespace advisor::client_mocks {

// A gMock `AdvisorConnection` for unit tests of code that uses
// `AdvisorClient`: no server, no channel.
//
// For example:
//   auto mock = std::make_shared<advisor::client_mocks::MockAdvisorConnection>();
//   EXPECT_CALL(*mock, GetFramework).WillOnce(Return(absl::NotFoundError("no")));
//   EXPECT_CALL(*mock, AsyncAnswerQuestion).WillOnce([](const auto&, auto done) {
//     done(absl::UnavailableError("try later"));
//   });
//   advisor::client::AdvisorClient client(mock);
class MockAdvisorConnection : public advisor::client::AdvisorConnection {
 public:
  MOCK_METHOD(absl::StatusOr<advisor::v1::GetFrameworkResponse>, GetFramework,
              (const advisor::v1::GetFrameworkRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<advisor::v1::ListFrameworksResponse>, ListFrameworks,
              (const advisor::v1::ListFrameworksRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<advisor::v1::CompareFrameworksResponse>, CompareFrameworks,
              (const advisor::v1::CompareFrameworksRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<advisor::v1::MatchRoleResponse>, MatchRole,
              (const advisor::v1::MatchRoleRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<advisor::v1::BatchMatchRolesResponse>, BatchMatchRoles,
              (const advisor::v1::BatchMatchRolesRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<advisor::v1::AnswerQuestionResponse>, AnswerQuestion,
              (const advisor::v1::AnswerQuestionRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<advisor::v1::BatchAnswerQuestionsResponse>, BatchAnswerQuestions,
              (const advisor::v1::BatchAnswerQuestionsRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<advisor::v1::ListFaqsResponse>, ListFaqs,
              (const advisor::v1::ListFaqsRequest& request), (override));
  MOCK_METHOD(void, AsyncGetFramework,
              (const advisor::v1::GetFrameworkRequest& request,
               advisor::client::Callback<advisor::v1::GetFrameworkResponse> done),
              (override));
  MOCK_METHOD(void, AsyncListFrameworks,
              (const advisor::v1::ListFrameworksRequest& request,
               advisor::client::Callback<advisor::v1::ListFrameworksResponse> done),
              (override));
  MOCK_METHOD(void, AsyncCompareFrameworks,
              (const advisor::v1::CompareFrameworksRequest& request,
               advisor::client::Callback<advisor::v1::CompareFrameworksResponse> done),
              (override));
  MOCK_METHOD(void, AsyncMatchRole,
              (const advisor::v1::MatchRoleRequest& request,
               advisor::client::Callback<advisor::v1::MatchRoleResponse> done),
              (override));
  MOCK_METHOD(void, AsyncBatchMatchRoles,
              (const advisor::v1::BatchMatchRolesRequest& request,
               advisor::client::Callback<advisor::v1::BatchMatchRolesResponse> done),
              (override));
  MOCK_METHOD(void, AsyncAnswerQuestion,
              (const advisor::v1::AnswerQuestionRequest& request,
               advisor::client::Callback<advisor::v1::AnswerQuestionResponse> done),
              (override));
  MOCK_METHOD(void, AsyncBatchAnswerQuestions,
              (const advisor::v1::BatchAnswerQuestionsRequest& request,
               advisor::client::Callback<advisor::v1::BatchAnswerQuestionsResponse> done),
              (override));
  MOCK_METHOD(void, AsyncListFaqs,
              (const advisor::v1::ListFaqsRequest& request,
               advisor::client::Callback<advisor::v1::ListFaqsResponse> done),
              (override));
  MOCK_METHOD(std::unique_ptr<advisor::client::AnswerStream>, StreamAnswers, (), (override));
};

}  // namespace advisor::client_mocks

#endif  // ADVISOR_CLIENT_MOCKS_MOCK_ADVISOR_CONNECTION_H_
