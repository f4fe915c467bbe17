#ifndef ADVISOR_CLIENT_INTERNAL_ADVISOR_STUB_H_
#define ADVISOR_CLIENT_INTERNAL_ADVISOR_STUB_H_

#include <memory>

#include "absl/status/statusor.h"

#include "advisor/v1/faq_service.grpc.pb.h"
#include "advisor/v1/framework_service.grpc.pb.h"
#include "advisor/v1/role_matching_service.grpc.pb.h"
#include <grpcpp/client_context.h>

namespace advisor::client_internal {

/// One unary call per RPC of the three advisor services, on a
/// caller-prepared context (deadline, metadata). Decorators implement this
/// interface around another stub to add cross-cutting behaviour.
class AdvisorStub {
 public:
  virtual ~AdvisorStub() = default;

  /// FrameworkService.GetFramework.
  virtual absl::StatusOr<v1::GetFrameworkResponse> GetFramework(
      grpc::ClientContext& context, v1::GetFrameworkRequest const& request) = 0;
  /// FrameworkService.ListFrameworks.
  virtual absl::StatusOr<v1::ListFrameworksResponse> ListFrameworks(
      grpc::ClientContext& context, v1::ListFrameworksRequest const& request) = 0;
  /// FrameworkService.CompareFrameworks.
  virtual absl::StatusOr<v1::CompareFrameworksResponse> CompareFrameworks(
      grpc::ClientContext& context, v1::CompareFrameworksRequest const& request) = 0;
  /// RoleMatchingService.MatchRole.
  virtual absl::StatusOr<v1::MatchRoleResponse> MatchRole(grpc::ClientContext& context,
                                                          v1::MatchRoleRequest const& request) = 0;
  /// FaqService.AnswerQuestion.
  virtual absl::StatusOr<v1::AnswerQuestionResponse> AnswerQuestion(
      grpc::ClientContext& context, v1::AnswerQuestionRequest const& request) = 0;
  /// FaqService.ListFaqs.
  virtual absl::StatusOr<v1::ListFaqsResponse> ListFaqs(grpc::ClientContext& context,
                                                        v1::ListFaqsRequest const& request) = 0;
};

/// The stub that talks to the wire: the generated stubs of the three
/// services (normally over one shared channel), with gRPC errors converted
/// to absl::Status.
class DefaultAdvisorStub : public AdvisorStub {
 public:
  /// Takes the generated stubs; none may be null.
  DefaultAdvisorStub(std::unique_ptr<v1::FrameworkService::StubInterface> frameworks,
                     std::unique_ptr<v1::RoleMatchingService::StubInterface> roles,
                     std::unique_ptr<v1::FaqService::StubInterface> faqs);

  absl::StatusOr<v1::GetFrameworkResponse> GetFramework(
      grpc::ClientContext& context, v1::GetFrameworkRequest const& request) override;
  absl::StatusOr<v1::ListFrameworksResponse> ListFrameworks(
      grpc::ClientContext& context, v1::ListFrameworksRequest const& request) override;
  absl::StatusOr<v1::CompareFrameworksResponse> CompareFrameworks(
      grpc::ClientContext& context, v1::CompareFrameworksRequest const& request) override;
  absl::StatusOr<v1::MatchRoleResponse> MatchRole(grpc::ClientContext& context,
                                                  v1::MatchRoleRequest const& request) override;
  absl::StatusOr<v1::AnswerQuestionResponse> AnswerQuestion(
      grpc::ClientContext& context, v1::AnswerQuestionRequest const& request) override;
  absl::StatusOr<v1::ListFaqsResponse> ListFaqs(grpc::ClientContext& context,
                                                v1::ListFaqsRequest const& request) override;

 private:
  std::unique_ptr<v1::FrameworkService::StubInterface> frameworks_;
  std::unique_ptr<v1::RoleMatchingService::StubInterface> roles_;
  std::unique_ptr<v1::FaqService::StubInterface> faqs_;
};

}  // namespace advisor::client_internal

#endif  // ADVISOR_CLIENT_INTERNAL_ADVISOR_STUB_H_
