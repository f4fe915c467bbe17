#include "client/internal/advisor_metadata_decorator.h"

namespace advisor::client_internal {

AdvisorMetadata::AdvisorMetadata(std::shared_ptr<AdvisorStub> child,
                                 std::vector<std::pair<std::string, std::string>> fixed_metadata)
    : child_(std::move(child)), fixed_metadata_(std::move(fixed_metadata)) {}

void AdvisorMetadata::AddMetadata(grpc::ClientContext& context) const {
  for (const auto& [key, value] : fixed_metadata_) context.AddMetadata(key, value);
}

absl::StatusOr<v1::GetFrameworkResponse> AdvisorMetadata::GetFramework(
    grpc::ClientContext& context, const v1::GetFrameworkRequest& request) {
  AddMetadata(context);
  return child_->GetFramework(context, request);
}

absl::StatusOr<v1::ListFrameworksResponse> AdvisorMetadata::ListFrameworks(
    grpc::ClientContext& context, const v1::ListFrameworksRequest& request) {
  AddMetadata(context);
  return child_->ListFrameworks(context, request);
}

absl::StatusOr<v1::CompareFrameworksResponse> AdvisorMetadata::CompareFrameworks(
    grpc::ClientContext& context, const v1::CompareFrameworksRequest& request) {
  AddMetadata(context);
  return child_->CompareFrameworks(context, request);
}

absl::StatusOr<v1::MatchRoleResponse> AdvisorMetadata::MatchRole(
    grpc::ClientContext& context, const v1::MatchRoleRequest& request) {
  AddMetadata(context);
  return child_->MatchRole(context, request);
}

absl::StatusOr<v1::BatchMatchRolesResponse> AdvisorMetadata::BatchMatchRoles(
    grpc::ClientContext& context, const v1::BatchMatchRolesRequest& request) {
  AddMetadata(context);
  return child_->BatchMatchRoles(context, request);
}

absl::StatusOr<v1::AnswerQuestionResponse> AdvisorMetadata::AnswerQuestion(
    grpc::ClientContext& context, const v1::AnswerQuestionRequest& request) {
  AddMetadata(context);
  return child_->AnswerQuestion(context, request);
}

absl::StatusOr<v1::BatchAnswerQuestionsResponse> AdvisorMetadata::BatchAnswerQuestions(
    grpc::ClientContext& context, const v1::BatchAnswerQuestionsRequest& request) {
  AddMetadata(context);
  return child_->BatchAnswerQuestions(context, request);
}

absl::StatusOr<v1::ListFaqsResponse> AdvisorMetadata::ListFaqs(grpc::ClientContext& context,
                                                               const v1::ListFaqsRequest& request) {
  AddMetadata(context);
  return child_->ListFaqs(context, request);
}

void AdvisorMetadata::AsyncGetFramework(std::unique_ptr<grpc::ClientContext> context,
                                        const v1::GetFrameworkRequest& request,
                                        Callback<v1::GetFrameworkResponse> done) {
  AddMetadata(*context);
  child_->AsyncGetFramework(std::move(context), request, std::move(done));
}

void AdvisorMetadata::AsyncListFrameworks(std::unique_ptr<grpc::ClientContext> context,
                                          const v1::ListFrameworksRequest& request,
                                          Callback<v1::ListFrameworksResponse> done) {
  AddMetadata(*context);
  child_->AsyncListFrameworks(std::move(context), request, std::move(done));
}

void AdvisorMetadata::AsyncCompareFrameworks(std::unique_ptr<grpc::ClientContext> context,
                                             const v1::CompareFrameworksRequest& request,
                                             Callback<v1::CompareFrameworksResponse> done) {
  AddMetadata(*context);
  child_->AsyncCompareFrameworks(std::move(context), request, std::move(done));
}

void AdvisorMetadata::AsyncMatchRole(std::unique_ptr<grpc::ClientContext> context,
                                     const v1::MatchRoleRequest& request,
                                     Callback<v1::MatchRoleResponse> done) {
  AddMetadata(*context);
  child_->AsyncMatchRole(std::move(context), request, std::move(done));
}

void AdvisorMetadata::AsyncBatchMatchRoles(std::unique_ptr<grpc::ClientContext> context,
                                           const v1::BatchMatchRolesRequest& request,
                                           Callback<v1::BatchMatchRolesResponse> done) {
  AddMetadata(*context);
  child_->AsyncBatchMatchRoles(std::move(context), request, std::move(done));
}

void AdvisorMetadata::AsyncAnswerQuestion(std::unique_ptr<grpc::ClientContext> context,
                                          const v1::AnswerQuestionRequest& request,
                                          Callback<v1::AnswerQuestionResponse> done) {
  AddMetadata(*context);
  child_->AsyncAnswerQuestion(std::move(context), request, std::move(done));
}

void AdvisorMetadata::AsyncBatchAnswerQuestions(std::unique_ptr<grpc::ClientContext> context,
                                                const v1::BatchAnswerQuestionsRequest& request,
                                                Callback<v1::BatchAnswerQuestionsResponse> done) {
  AddMetadata(*context);
  child_->AsyncBatchAnswerQuestions(std::move(context), request, std::move(done));
}

void AdvisorMetadata::AsyncListFaqs(std::unique_ptr<grpc::ClientContext> context,
                                    const v1::ListFaqsRequest& request,
                                    Callback<v1::ListFaqsResponse> done) {
  AddMetadata(*context);
  child_->AsyncListFaqs(std::move(context), request, std::move(done));
}

std::unique_ptr<client::AnswerStream> AdvisorMetadata::StreamAnswers(
    std::unique_ptr<grpc::ClientContext> context) {
  AddMetadata(*context);
  return child_->StreamAnswers(std::move(context));
}

}  // namespace advisor::client_internal
