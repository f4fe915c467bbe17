#include "client/internal/advisor_metadata_decorator.h"

namespace advisor::client_internal {

AdvisorMetadata::AdvisorMetadata(std::shared_ptr<AdvisorStub> child,
                                 std::vector<std::pair<std::string, std::string>> fixed_metadata)
    : child_(std::move(child)), fixed_metadata_(std::move(fixed_metadata)) {}

void AdvisorMetadata::AddMetadata(grpc::ClientContext& context) const {
  for (auto const& [key, value] : fixed_metadata_) context.AddMetadata(key, value);
}

absl::StatusOr<v1::GetFrameworkResponse> AdvisorMetadata::GetFramework(
    grpc::ClientContext& context, v1::GetFrameworkRequest const& request) {
  AddMetadata(context);
  return child_->GetFramework(context, request);
}

absl::StatusOr<v1::ListFrameworksResponse> AdvisorMetadata::ListFrameworks(
    grpc::ClientContext& context, v1::ListFrameworksRequest const& request) {
  AddMetadata(context);
  return child_->ListFrameworks(context, request);
}

absl::StatusOr<v1::CompareFrameworksResponse> AdvisorMetadata::CompareFrameworks(
    grpc::ClientContext& context, v1::CompareFrameworksRequest const& request) {
  AddMetadata(context);
  return child_->CompareFrameworks(context, request);
}

absl::StatusOr<v1::MatchRoleResponse> AdvisorMetadata::MatchRole(
    grpc::ClientContext& context, v1::MatchRoleRequest const& request) {
  AddMetadata(context);
  return child_->MatchRole(context, request);
}

absl::StatusOr<v1::AnswerQuestionResponse> AdvisorMetadata::AnswerQuestion(
    grpc::ClientContext& context, v1::AnswerQuestionRequest const& request) {
  AddMetadata(context);
  return child_->AnswerQuestion(context, request);
}

absl::StatusOr<v1::ListFaqsResponse> AdvisorMetadata::ListFaqs(grpc::ClientContext& context,
                                                               v1::ListFaqsRequest const& request) {
  AddMetadata(context);
  return child_->ListFaqs(context, request);
}

}  // namespace advisor::client_internal
