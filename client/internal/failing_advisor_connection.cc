#include "client/internal/failing_advisor_connection.h"

#include <utility>

#include "client/internal/failed_answer_stream.h"

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

absl::StatusOr<v1::BatchMatchRolesResponse> FailingAdvisorConnection::BatchMatchRoles(
    v1::BatchMatchRolesRequest const& /*request*/) {
  return status_;
}

absl::StatusOr<v1::AnswerQuestionResponse> FailingAdvisorConnection::AnswerQuestion(
    v1::AnswerQuestionRequest const& /*request*/) {
  return status_;
}

absl::StatusOr<v1::BatchAnswerQuestionsResponse> FailingAdvisorConnection::BatchAnswerQuestions(
    v1::BatchAnswerQuestionsRequest const& /*request*/) {
  return status_;
}

absl::StatusOr<v1::ListFaqsResponse> FailingAdvisorConnection::ListFaqs(
    v1::ListFaqsRequest const& /*request*/) {
  return status_;
}

void FailingAdvisorConnection::AsyncGetFramework(v1::GetFrameworkRequest const& /*request*/,
                                                 client::Callback<v1::GetFrameworkResponse> done) {
  done(status_);
}

void FailingAdvisorConnection::AsyncListFrameworks(
    v1::ListFrameworksRequest const& /*request*/,
    client::Callback<v1::ListFrameworksResponse> done) {
  done(status_);
}

void FailingAdvisorConnection::AsyncCompareFrameworks(
    v1::CompareFrameworksRequest const& /*request*/,
    client::Callback<v1::CompareFrameworksResponse> done) {
  done(status_);
}

void FailingAdvisorConnection::AsyncMatchRole(v1::MatchRoleRequest const& /*request*/,
                                              client::Callback<v1::MatchRoleResponse> done) {
  done(status_);
}

void FailingAdvisorConnection::AsyncBatchMatchRoles(
    v1::BatchMatchRolesRequest const& /*request*/,
    client::Callback<v1::BatchMatchRolesResponse> done) {
  done(status_);
}

void FailingAdvisorConnection::AsyncAnswerQuestion(
    v1::AnswerQuestionRequest const& /*request*/,
    client::Callback<v1::AnswerQuestionResponse> done) {
  done(status_);
}

void FailingAdvisorConnection::AsyncBatchAnswerQuestions(
    v1::BatchAnswerQuestionsRequest const& /*request*/,
    client::Callback<v1::BatchAnswerQuestionsResponse> done) {
  done(status_);
}

void FailingAdvisorConnection::AsyncListFaqs(v1::ListFaqsRequest const& /*request*/,
                                             client::Callback<v1::ListFaqsResponse> done) {
  done(status_);
}

std::unique_ptr<client::AnswerStream> FailingAdvisorConnection::StreamAnswers() {
  return std::make_unique<FailedAnswerStream>(status_);
}

}  // namespace advisor::client_internal
