#include "client/internal/advisor_connection_impl.h"

#include <utility>

namespace advisor::client_internal {

AdvisorConnectionImpl::AdvisorConnectionImpl(std::shared_ptr<AdvisorStub> stub,
                                             absl::Duration timeout)
    : stub_(std::move(stub)), timeout_(timeout) {}

void AdvisorConnectionImpl::Configure(grpc::ClientContext& context) const {
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout_));
}

absl::StatusOr<v1::GetFrameworkResponse> AdvisorConnectionImpl::GetFramework(
    v1::GetFrameworkRequest const& request) {
  grpc::ClientContext context;
  Configure(context);
  return stub_->GetFramework(context, request);
}

absl::StatusOr<v1::ListFrameworksResponse> AdvisorConnectionImpl::ListFrameworks(
    v1::ListFrameworksRequest const& request) {
  grpc::ClientContext context;
  Configure(context);
  return stub_->ListFrameworks(context, request);
}

absl::StatusOr<v1::CompareFrameworksResponse> AdvisorConnectionImpl::CompareFrameworks(
    v1::CompareFrameworksRequest const& request) {
  grpc::ClientContext context;
  Configure(context);
  return stub_->CompareFrameworks(context, request);
}

absl::StatusOr<v1::MatchRoleResponse> AdvisorConnectionImpl::MatchRole(
    v1::MatchRoleRequest const& request) {
  grpc::ClientContext context;
  Configure(context);
  return stub_->MatchRole(context, request);
}

absl::StatusOr<v1::AnswerQuestionResponse> AdvisorConnectionImpl::AnswerQuestion(
    v1::AnswerQuestionRequest const& request) {
  grpc::ClientContext context;
  Configure(context);
  return stub_->AnswerQuestion(context, request);
}

absl::StatusOr<v1::ListFaqsResponse> AdvisorConnectionImpl::ListFaqs(
    v1::ListFaqsRequest const& request) {
  grpc::ClientContext context;
  Configure(context);
  return stub_->ListFaqs(context, request);
}

}  // namespace advisor::client_internal
