#include "client/internal/advisor_stub.h"

#include <utility>

#include "client/internal/status_conversion.h"

namespace advisor::client_internal {
namespace {

// Runs one generated unary call and turns its outcome into a StatusOr.
template <typename Response, typename Call>
absl::StatusOr<Response> Invoke(Call&& call) {
  Response response;
  grpc::Status status = std::forward<Call>(call)(&response);
  if (!status.ok()) return MakeStatusFromRpcError(status);
  return response;
}

}  // namespace

DefaultAdvisorStub::DefaultAdvisorStub(
    std::unique_ptr<v1::FrameworkService::StubInterface> frameworks,
    std::unique_ptr<v1::RoleMatchingService::StubInterface> roles,
    std::unique_ptr<v1::FaqService::StubInterface> faqs)
    : frameworks_(std::move(frameworks)), roles_(std::move(roles)), faqs_(std::move(faqs)) {}

absl::StatusOr<v1::GetFrameworkResponse> DefaultAdvisorStub::GetFramework(
    grpc::ClientContext& context, v1::GetFrameworkRequest const& request) {
  return Invoke<v1::GetFrameworkResponse>([&](v1::GetFrameworkResponse* response) {
    return frameworks_->GetFramework(&context, request, response);
  });
}

absl::StatusOr<v1::ListFrameworksResponse> DefaultAdvisorStub::ListFrameworks(
    grpc::ClientContext& context, v1::ListFrameworksRequest const& request) {
  return Invoke<v1::ListFrameworksResponse>([&](v1::ListFrameworksResponse* response) {
    return frameworks_->ListFrameworks(&context, request, response);
  });
}

absl::StatusOr<v1::CompareFrameworksResponse> DefaultAdvisorStub::CompareFrameworks(
    grpc::ClientContext& context, v1::CompareFrameworksRequest const& request) {
  return Invoke<v1::CompareFrameworksResponse>([&](v1::CompareFrameworksResponse* response) {
    return frameworks_->CompareFrameworks(&context, request, response);
  });
}

absl::StatusOr<v1::MatchRoleResponse> DefaultAdvisorStub::MatchRole(
    grpc::ClientContext& context, v1::MatchRoleRequest const& request) {
  return Invoke<v1::MatchRoleResponse>([&](v1::MatchRoleResponse* response) {
    return roles_->MatchRole(&context, request, response);
  });
}

absl::StatusOr<v1::AnswerQuestionResponse> DefaultAdvisorStub::AnswerQuestion(
    grpc::ClientContext& context, v1::AnswerQuestionRequest const& request) {
  return Invoke<v1::AnswerQuestionResponse>([&](v1::AnswerQuestionResponse* response) {
    return faqs_->AnswerQuestion(&context, request, response);
  });
}

absl::StatusOr<v1::ListFaqsResponse> DefaultAdvisorStub::ListFaqs(
    grpc::ClientContext& context, v1::ListFaqsRequest const& request) {
  return Invoke<v1::ListFaqsResponse>(
      [&](v1::ListFaqsResponse* response) { return faqs_->ListFaqs(&context, request, response); });
}

}  // namespace advisor::client_internal
