#ifndef ADVISOR_CLIENT_MOCKS_MOCK_ADVISOR_CONNECTION_H_
#define ADVISOR_CLIENT_MOCKS_MOCK_ADVISOR_CONNECTION_H_

#include <memory>

#include "advisor/client/connection.h"
#include <gmock/gmock.h>

namespace advisor::client_mocks {

/// A gMock `AdvisorConnection` for unit tests of code that uses
/// `AdvisorClient`: no server, no channel.
///
/// @code
///   auto mock = std::make_shared<advisor::client_mocks::MockAdvisorConnection>();
///   EXPECT_CALL(*mock, GetFramework).WillOnce(Return(absl::NotFoundError("no")));
///   EXPECT_CALL(*mock, AsyncAnswerQuestion).WillOnce([](auto const&, auto done) {
///     done(absl::UnavailableError("try later"));
///   });
///   advisor::client::AdvisorClient client(mock);
/// @endcode
class MockAdvisorConnection : public advisor::client::AdvisorConnection {
 public:
  MOCK_METHOD(absl::StatusOr<advisor::v1::GetFrameworkResponse>, GetFramework,
              (advisor::v1::GetFrameworkRequest const& request), (override));
  MOCK_METHOD(absl::StatusOr<advisor::v1::ListFrameworksResponse>, ListFrameworks,
              (advisor::v1::ListFrameworksRequest const& request), (override));
  MOCK_METHOD(absl::StatusOr<advisor::v1::CompareFrameworksResponse>, CompareFrameworks,
              (advisor::v1::CompareFrameworksRequest const& request), (override));
  MOCK_METHOD(absl::StatusOr<advisor::v1::MatchRoleResponse>, MatchRole,
              (advisor::v1::MatchRoleRequest const& request), (override));
  MOCK_METHOD(absl::StatusOr<advisor::v1::BatchMatchRolesResponse>, BatchMatchRoles,
              (advisor::v1::BatchMatchRolesRequest const& request), (override));
  MOCK_METHOD(absl::StatusOr<advisor::v1::AnswerQuestionResponse>, AnswerQuestion,
              (advisor::v1::AnswerQuestionRequest const& request), (override));
  MOCK_METHOD(absl::StatusOr<advisor::v1::BatchAnswerQuestionsResponse>, BatchAnswerQuestions,
              (advisor::v1::BatchAnswerQuestionsRequest const& request), (override));
  MOCK_METHOD(absl::StatusOr<advisor::v1::ListFaqsResponse>, ListFaqs,
              (advisor::v1::ListFaqsRequest const& request), (override));
  MOCK_METHOD(void, AsyncGetFramework,
              (advisor::v1::GetFrameworkRequest const& request,
               advisor::client::Callback<advisor::v1::GetFrameworkResponse> done),
              (override));
  MOCK_METHOD(void, AsyncListFrameworks,
              (advisor::v1::ListFrameworksRequest const& request,
               advisor::client::Callback<advisor::v1::ListFrameworksResponse> done),
              (override));
  MOCK_METHOD(void, AsyncCompareFrameworks,
              (advisor::v1::CompareFrameworksRequest const& request,
               advisor::client::Callback<advisor::v1::CompareFrameworksResponse> done),
              (override));
  MOCK_METHOD(void, AsyncMatchRole,
              (advisor::v1::MatchRoleRequest const& request,
               advisor::client::Callback<advisor::v1::MatchRoleResponse> done),
              (override));
  MOCK_METHOD(void, AsyncBatchMatchRoles,
              (advisor::v1::BatchMatchRolesRequest const& request,
               advisor::client::Callback<advisor::v1::BatchMatchRolesResponse> done),
              (override));
  MOCK_METHOD(void, AsyncAnswerQuestion,
              (advisor::v1::AnswerQuestionRequest const& request,
               advisor::client::Callback<advisor::v1::AnswerQuestionResponse> done),
              (override));
  MOCK_METHOD(void, AsyncBatchAnswerQuestions,
              (advisor::v1::BatchAnswerQuestionsRequest const& request,
               advisor::client::Callback<advisor::v1::BatchAnswerQuestionsResponse> done),
              (override));
  MOCK_METHOD(void, AsyncListFaqs,
              (advisor::v1::ListFaqsRequest const& request,
               advisor::client::Callback<advisor::v1::ListFaqsResponse> done),
              (override));
  MOCK_METHOD(std::unique_ptr<advisor::client::AnswerStream>, StreamAnswers, (), (override));
};

}  // namespace advisor::client_mocks

#endif  // ADVISOR_CLIENT_MOCKS_MOCK_ADVISOR_CONNECTION_H_
