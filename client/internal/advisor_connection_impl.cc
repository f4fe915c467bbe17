#include "client/internal/advisor_connection_impl.h"

#include <utility>

namespace advisor::client_internal {

AdvisorConnectionImpl::AdvisorConnectionImpl(std::shared_ptr<AdvisorStub> stub,
                                             absl::Duration timeout, absl::Duration stream_timeout)
    : stub_(std::move(stub)), timeout_(timeout), stream_timeout_(stream_timeout) {}

void AdvisorConnectionImpl::Configure(grpc::ClientContext& context) const {
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout_));
}

std::unique_ptr<grpc::ClientContext> AdvisorConnectionImpl::MakeContext() const {
  auto context = std::make_unique<grpc::ClientContext>();
  Configure(*context);
  return context;
}

absl::StatusOr<v1::GetFrameworkResponse> AdvisorConnectionImpl::GetFramework(
    const v1::GetFrameworkRequest& request) {
  grpc::ClientContext context;
  Configure(context);
  return stub_->GetFramework(context, request);
}

absl::StatusOr<v1::ListFrameworksResponse> AdvisorConnectionImpl::ListFrameworks(
    const v1::ListFrameworksRequest& request) {
  grpc::ClientContext context;
  Configure(context);
  return stub_->ListFrameworks(context, request);
}

absl::StatusOr<v1::CompareFrameworksResponse> AdvisorConnectionImpl::CompareFrameworks(
    const v1::CompareFrameworksRequest& request) {
  grpc::ClientContext context;
  Configure(context);
  return stub_->CompareFrameworks(context, request);
}

absl::StatusOr<v1::MatchRoleResponse> AdvisorConnectionImpl::MatchRole(
    const v1::MatchRoleRequest& request) {
  grpc::ClientContext context;
  Configure(context);
  return stub_->MatchRole(context, request);
}

absl::StatusOr<v1::BatchMatchRolesResponse> AdvisorConnectionImpl::BatchMatchRoles(
    const v1::BatchMatchRolesRequest& request) {
  grpc::ClientContext context;
  Configure(context);
  return stub_->BatchMatchRoles(context, request);
}

absl::StatusOr<v1::AnswerQuestionResponse> AdvisorConnectionImpl::AnswerQuestion(
    const v1::AnswerQuestionRequest& request) {
  grpc::ClientContext context;
  Configure(context);
  return stub_->AnswerQuestion(context, request);
}

absl::StatusOr<v1::BatchAnswerQuestionsResponse> AdvisorConnectionImpl::BatchAnswerQuestions(
    const v1::BatchAnswerQuestionsRequest& request) {
  grpc::ClientContext context;
  Configure(context);
  return stub_->BatchAnswerQuestions(context, request);
}

absl::StatusOr<v1::ListFaqsResponse> AdvisorConnectionImpl::ListFaqs(
    const v1::ListFaqsRequest& request) {
  grpc::ClientContext context;
  Configure(context);
  return stub_->ListFaqs(context, request);
}

void AdvisorConnectionImpl::AsyncGetFramework(const v1::GetFrameworkRequest& request,
                                              client::Callback<v1::GetFrameworkResponse> done) {
  stub_->AsyncGetFramework(MakeContext(), request, std::move(done));
}

void AdvisorConnectionImpl::AsyncListFrameworks(const v1::ListFrameworksRequest& request,
                                                client::Callback<v1::ListFrameworksResponse> done) {
  stub_->AsyncListFrameworks(MakeContext(), request, std::move(done));
}

void AdvisorConnectionImpl::AsyncCompareFrameworks(
    const v1::CompareFrameworksRequest& request,
    client::Callback<v1::CompareFrameworksResponse> done) {
  stub_->AsyncCompareFrameworks(MakeContext(), request, std::move(done));
}

void AdvisorConnectionImpl::AsyncMatchRole(const v1::MatchRoleRequest& request,
                                           client::Callback<v1::MatchRoleResponse> done) {
  stub_->AsyncMatchRole(MakeContext(), request, std::move(done));
}

void AdvisorConnectionImpl::AsyncBatchMatchRoles(
    const v1::BatchMatchRolesRequest& request, client::Callback<v1::BatchMatchRolesResponse> done) {
  stub_->AsyncBatchMatchRoles(MakeContext(), request, std::move(done));
}

void AdvisorConnectionImpl::AsyncAnswerQuestion(const v1::AnswerQuestionRequest& request,
                                                client::Callback<v1::AnswerQuestionResponse> done) {
  stub_->AsyncAnswerQuestion(MakeContext(), request, std::move(done));
}

void AdvisorConnectionImpl::AsyncBatchAnswerQuestions(
    const v1::BatchAnswerQuestionsRequest& request,
    client::Callback<v1::BatchAnswerQuestionsResponse> done) {
  stub_->AsyncBatchAnswerQuestions(MakeContext(), request, std::move(done));
}

void AdvisorConnectionImpl::AsyncListFaqs(const v1::ListFaqsRequest& request,
                                          client::Callback<v1::ListFaqsResponse> done) {
  stub_->AsyncListFaqs(MakeContext(), request, std::move(done));
}

std::unique_ptr<client::AnswerStream> AdvisorConnectionImpl::StreamAnswers() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + stream_timeout_));
  return stub_->StreamAnswers(std::move(context));
}

}  // namespace advisor::client_internal
