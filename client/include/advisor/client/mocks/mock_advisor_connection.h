#ifndef ADVISOR_CLIENT_MOCKS_MOCK_ADVISOR_CONNECTION_H_
#define ADVISOR_CLIENT_MOCKS_MOCK_ADVISOR_CONNECTION_H_

#include "advisor/client/connection.h"
#include <gmock/gmock.h>

namespace advisor::client_mocks {

/// A gMock `AdvisorConnection` for unit tests of code that uses
/// `AdvisorClient`: no server, no channel.
///
/// @code
///   auto mock = std::make_shared<advisor::client_mocks::MockAdvisorConnection>();
///   EXPECT_CALL(*mock, GetFramework).WillOnce(Return(absl::NotFoundError("no")));
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
  MOCK_METHOD(absl::StatusOr<advisor::v1::AnswerQuestionResponse>, AnswerQuestion,
              (advisor::v1::AnswerQuestionRequest const& request), (override));
  MOCK_METHOD(absl::StatusOr<advisor::v1::ListFaqsResponse>, ListFaqs,
              (advisor::v1::ListFaqsRequest const& request), (override));
};

}  // namespace advisor::client_mocks

#endif  // ADVISOR_CLIENT_MOCKS_MOCK_ADVISOR_CONNECTION_H_
