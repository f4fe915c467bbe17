#include "advisor/client/connection.h"

#include <string>
#include <utility>

#include "client/internal/advisor_connection_impl.h"
#include "client/internal/advisor_stub_factory.h"
#include "client/internal/failed_answer_stream.h"
#include "client/internal/failing_advisor_connection.h"

namespace advisor::client {
namespace {

absl::Status Unimplemented(const char* rpc) {
  return absl::UnimplementedError(std::string(rpc) +
                                  " is not implemented by this AdvisorConnection");
}

}  // namespace

absl::StatusOr<v1::GetFrameworkResponse> AdvisorConnection::GetFramework(
    const v1::GetFrameworkRequest& /*request*/) {
  return Unimplemented("GetFramework");
}

absl::StatusOr<v1::ListFrameworksResponse> AdvisorConnection::ListFrameworks(
    const v1::ListFrameworksRequest& /*request*/) {
  return Unimplemented("ListFrameworks");
}

absl::StatusOr<v1::CompareFrameworksResponse> AdvisorConnection::CompareFrameworks(
    const v1::CompareFrameworksRequest& /*request*/) {
  return Unimplemented("CompareFrameworks");
}

absl::StatusOr<v1::MatchRoleResponse> AdvisorConnection::MatchRole(
    const v1::MatchRoleRequest& /*request*/) {
  return Unimplemented("MatchRole");
}

absl::StatusOr<v1::BatchMatchRolesResponse> AdvisorConnection::BatchMatchRoles(
    const v1::BatchMatchRolesRequest& /*request*/) {
  return Unimplemented("BatchMatchRoles");
}

absl::StatusOr<v1::AnswerQuestionResponse> AdvisorConnection::AnswerQuestion(
    const v1::AnswerQuestionRequest& /*request*/) {
  return Unimplemented("AnswerQuestion");
}

absl::StatusOr<v1::BatchAnswerQuestionsResponse> AdvisorConnection::BatchAnswerQuestions(
    const v1::BatchAnswerQuestionsRequest& /*request*/) {
  return Unimplemented("BatchAnswerQuestions");
}

absl::StatusOr<v1::ListFaqsResponse> AdvisorConnection::ListFaqs(
    const v1::ListFaqsRequest& /*request*/) {
  return Unimplemented("ListFaqs");
}

void AdvisorConnection::AsyncGetFramework(const v1::GetFrameworkRequest& /*request*/,
                                          Callback<v1::GetFrameworkResponse> done) {
  done(Unimplemented("AsyncGetFramework"));
}

void AdvisorConnection::AsyncListFrameworks(const v1::ListFrameworksRequest& /*request*/,
                                            Callback<v1::ListFrameworksResponse> done) {
  done(Unimplemented("AsyncListFrameworks"));
}

void AdvisorConnection::AsyncCompareFrameworks(const v1::CompareFrameworksRequest& /*request*/,
                                               Callback<v1::CompareFrameworksResponse> done) {
  done(Unimplemented("AsyncCompareFrameworks"));
}

void AdvisorConnection::AsyncMatchRole(const v1::MatchRoleRequest& /*request*/,
                                       Callback<v1::MatchRoleResponse> done) {
  done(Unimplemented("AsyncMatchRole"));
}

void AdvisorConnection::AsyncBatchMatchRoles(const v1::BatchMatchRolesRequest& /*request*/,
                                             Callback<v1::BatchMatchRolesResponse> done) {
  done(Unimplemented("AsyncBatchMatchRoles"));
}

void AdvisorConnection::AsyncAnswerQuestion(const v1::AnswerQuestionRequest& /*request*/,
                                            Callback<v1::AnswerQuestionResponse> done) {
  done(Unimplemented("AsyncAnswerQuestion"));
}

void AdvisorConnection::AsyncBatchAnswerQuestions(
    const v1::BatchAnswerQuestionsRequest& /*request*/,
    Callback<v1::BatchAnswerQuestionsResponse> done) {
  done(Unimplemented("AsyncBatchAnswerQuestions"));
}

void AdvisorConnection::AsyncListFaqs(const v1::ListFaqsRequest& /*request*/,
                                      Callback<v1::ListFaqsResponse> done) {
  done(Unimplemented("AsyncListFaqs"));
}

std::unique_ptr<AnswerStream> AdvisorConnection::StreamAnswers() {
  return std::make_unique<client_internal::FailedAnswerStream>(Unimplemented("StreamAnswers"));
}

std::shared_ptr<AdvisorConnection> MakeAdvisorConnection(const ClientOptions& options) {
  if (absl::Status valid = ValidateClientOptions(options); !valid.ok()) {
    return std::make_shared<client_internal::FailingAdvisorConnection>(std::move(valid));
  }
  return std::make_shared<client_internal::AdvisorConnectionImpl>(
      client_internal::CreateAdvisorStub(options), options.timeout, options.stream_timeout);
}

}  // namespace advisor::client
