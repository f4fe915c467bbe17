#include "client/internal/failing_advisor_connection.h"

#include <utility>

#include "client/internal/failed_answer_stream.h"

namespace advisor::client_internal {

FailingAdvisorConnection::FailingAdvisorConnection(absl::Status status)
    : status_(std::move(status)) {}

absl::StatusOr<v1::GetFrameworkResponse> FailingAdvisorConnection::GetFramework(
    const v1::GetFrameworkRequest& /*request*/) {
  return status_;
}

absl::StatusOr<v1::ListFrameworksResponse> FailingAdvisorConnection::ListFrameworks(
    const v1::ListFrameworksRequest& /*request*/) {
  return status_;
}

absl::StatusOr<v1::CompareFrameworksResponse> FailingAdvisorConnection::CompareFrameworks(
    const v1::CompareFrameworksRequest& /*request*/) {
  return status_;
}

absl::StatusOr<v1::MatchRoleResponse> FailingAdvisorConnection::MatchRole(
    const v1::MatchRoleRequest& /*request*/) {
  return status_;
}

absl::StatusOr<v1::BatchMatchRolesResponse> FailingAdvisorConnection::BatchMatchRoles(
    const v1::BatchMatchRolesRequest& /*request*/) {
  return status_;
}

absl::StatusOr<v1::AnswerQuestionResponse> FailingAdvisorConnection::AnswerQuestion(
    const v1::AnswerQuestionRequest& /*request*/) {
  return status_;
}

absl::StatusOr<v1::BatchAnswerQuestionsResponse> FailingAdvisorConnection::BatchAnswerQuestions(
    const v1::BatchAnswerQuestionsRequest& /*request*/) {
  return status_;
}

absl::StatusOr<v1::ListFaqsResponse> FailingAdvisorConnection::ListFaqs(
    const v1::ListFaqsRequest& /*request*/) {
  return status_;
}

void FailingAdvisorConnection::AsyncGetFramework(const v1::GetFrameworkRequest& /*request*/,
                                                 client::Callback<v1::GetFrameworkResponse> done) {
  done(status_);
}

void FailingAdvisorConnection::AsyncListFrameworks(
    const v1::ListFrameworksRequest& /*request*/,
    client::Callback<v1::ListFrameworksResponse> done) {
  done(status_);
}

void FailingAdvisorConnection::AsyncCompareFrameworks(
    const v1::CompareFrameworksRequest& /*request*/,
    client::Callback<v1::CompareFrameworksResponse> done) {
  done(status_);
}

void FailingAdvisorConnection::AsyncMatchRole(const v1::MatchRoleRequest& /*request*/,
                                              client::Callback<v1::MatchRoleResponse> done) {
  done(status_);
}

void FailingAdvisorConnection::AsyncBatchMatchRoles(
    const v1::BatchMatchRolesRequest& /*request*/,
    client::Callback<v1::BatchMatchRolesResponse> done) {
  done(status_);
}

void FailingAdvisorConnection::AsyncAnswerQuestion(
    const v1::AnswerQuestionRequest& /*request*/,
    client::Callback<v1::AnswerQuestionResponse> done) {
  done(status_);
}

void FailingAdvisorConnection::AsyncBatchAnswerQuestions(
    const v1::BatchAnswerQuestionsRequest& /*request*/,
    client::Callback<v1::BatchAnswerQuestionsResponse> done) {
  done(status_);
}

void FailingAdvisorConnection::AsyncListFaqs(const v1::ListFaqsRequest& /*request*/,
                                             client::Callback<v1::ListFaqsResponse> done) {
  done(status_);
}

std::unique_ptr<client::AnswerStream> FailingAdvisorConnection::StreamAnswers() {
  return std::make_unique<FailedAnswerStream>(status_);
}

}  // namespace advisor::client_internal
