#include "advisor/client/connection.h"

#include <string>
#include <utility>

#include "client/internal/advisor_connection_impl.h"
#include "client/internal/advisor_stub_factory.h"
#include "client/internal/failed_answer_stream.h"
#include "client/internal/failing_advisor_connection.h"

namespace advisor::client {
namespace {

absl::Status Unimplemented(char const* rpc) {
  return absl::UnimplementedError(std::string(rpc) +
                                  " is not implemented by this AdvisorConnection");
}

}  // namespace

absl::StatusOr<v1::GetFrameworkResponse> AdvisorConnection::GetFramework(
    v1::GetFrameworkRequest const& /*request*/) {
  return Unimplemented("GetFramework");
}

absl::StatusOr<v1::ListFrameworksResponse> AdvisorConnection::ListFrameworks(
    v1::ListFrameworksRequest const& /*request*/) {
  return Unimplemented("ListFrameworks");
}

absl::StatusOr<v1::CompareFrameworksResponse> AdvisorConnection::CompareFrameworks(
    v1::CompareFrameworksRequest const& /*request*/) {
  return Unimplemented("CompareFrameworks");
}

absl::StatusOr<v1::MatchRoleResponse> AdvisorConnection::MatchRole(
    v1::MatchRoleRequest const& /*request*/) {
  return Unimplemented("MatchRole");
}

absl::StatusOr<v1::BatchMatchRolesResponse> AdvisorConnection::BatchMatchRoles(
    v1::BatchMatchRolesRequest const& /*request*/) {
  return Unimplemented("BatchMatchRoles");
}

absl::StatusOr<v1::AnswerQuestionResponse> AdvisorConnection::AnswerQuestion(
    v1::AnswerQuestionRequest const& /*request*/) {
  return Unimplemented("AnswerQuestion");
}

absl::StatusOr<v1::BatchAnswerQuestionsResponse> AdvisorConnection::BatchAnswerQuestions(
    v1::BatchAnswerQuestionsRequest const& /*request*/) {
  return Unimplemented("BatchAnswerQuestions");
}

absl::StatusOr<v1::ListFaqsResponse> AdvisorConnection::ListFaqs(
    v1::ListFaqsRequest const& /*request*/) {
  return Unimplemented("ListFaqs");
}

void AdvisorConnection::AsyncGetFramework(v1::GetFrameworkRequest const& /*request*/,
                                          Callback<v1::GetFrameworkResponse> done) {
  done(Unimplemented("AsyncGetFramework"));
}

void AdvisorConnection::AsyncListFrameworks(v1::ListFrameworksRequest const& /*request*/,
                                            Callback<v1::ListFrameworksResponse> done) {
  done(Unimplemented("AsyncListFrameworks"));
}

void AdvisorConnection::AsyncCompareFrameworks(v1::CompareFrameworksRequest const& /*request*/,
                                               Callback<v1::CompareFrameworksResponse> done) {
  done(Unimplemented("AsyncCompareFrameworks"));
}

void AdvisorConnection::AsyncMatchRole(v1::MatchRoleRequest const& /*request*/,
                                       Callback<v1::MatchRoleResponse> done) {
  done(Unimplemented("AsyncMatchRole"));
}

void AdvisorConnection::AsyncBatchMatchRoles(v1::BatchMatchRolesRequest const& /*request*/,
                                             Callback<v1::BatchMatchRolesResponse> done) {
  done(Unimplemented("AsyncBatchMatchRoles"));
}

void AdvisorConnection::AsyncAnswerQuestion(v1::AnswerQuestionRequest const& /*request*/,
                                            Callback<v1::AnswerQuestionResponse> done) {
  done(Unimplemented("AsyncAnswerQuestion"));
}

void AdvisorConnection::AsyncBatchAnswerQuestions(
    v1::BatchAnswerQuestionsRequest const& /*request*/,
    Callback<v1::BatchAnswerQuestionsResponse> done) {
  done(Unimplemented("AsyncBatchAnswerQuestions"));
}

void AdvisorConnection::AsyncListFaqs(v1::ListFaqsRequest const& /*request*/,
                                      Callback<v1::ListFaqsResponse> done) {
  done(Unimplemented("AsyncListFaqs"));
}

std::unique_ptr<AnswerStream> AdvisorConnection::StreamAnswers() {
  return std::make_unique<client_internal::FailedAnswerStream>(Unimplemented("StreamAnswers"));
}

std::shared_ptr<AdvisorConnection> MakeAdvisorConnection(ClientOptions const& options) {
  if (absl::Status valid = ValidateClientOptions(options); !valid.ok()) {
    return std::make_shared<client_internal::FailingAdvisorConnection>(std::move(valid));
  }
  return std::make_shared<client_internal::AdvisorConnectionImpl>(
      client_internal::CreateAdvisorStub(options), options.timeout, options.stream_timeout);
}

}  // namespace advisor::client
