#include "client/internal/failing_advisor_connection.h"

#include <utility>

namespace advisor::client_internal {

FailingAdvisorConnection::FailingAdvisorConnection(absl::Status status)
    : status_(std::move(status)) {}

absl::StatusOr<v1::GetFrameworkResponse> FailingAdvisorConnection::GetFramework(
    v1::GetFrameworkRequest const& /*request*/) {
  return status_;
}

absl::StatusOr<v1::ListFrameworksResponse> FailingAdvisorConnection::ListFrameworks(
    v1::ListFrameworksRequest const& /*request*/) {
  return status_;
}

absl::StatusOr<v1::CompareFrameworksResponse> FailingAdvisorConnection::CompareFrameworks(
    v1::CompareFrameworksRequest const& /*request*/) {
  return status_;
}

absl::StatusOr<v1::MatchRoleResponse> FailingAdvisorConnection::MatchRole(
    v1::MatchRoleRequest const& /*request*/) {
  return status_;
}

absl::StatusOr<v1::AnswerQuestionResponse> FailingAdvisorConnection::AnswerQuestion(
    v1::AnswerQuestionRequest const& /*request*/) {
  return status_;
}

absl::StatusOr<v1::ListFaqsResponse> FailingAdvisorConnection::ListFaqs(
    v1::ListFaqsRequest const& /*request*/) {
  return status_;
}

}  // namespace advisor::client_internal
