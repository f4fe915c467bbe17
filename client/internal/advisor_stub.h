#ifndef ADVISOR_CLIENT_INTERNAL_ADVISOR_STUB_H_
#define ADVISOR_CLIENT_INTERNAL_ADVISOR_STUB_H_

#include <memory>

#include "absl/status/statusor.h"

#include "advisor/client/answer_stream.h"
#include "advisor/client/connection.h"
#include "advisor/v1/faq_service.grpc.pb.h"
#include "advisor/v1/framework_service.grpc.pb.h"
#include "advisor/v1/role_matching_service.grpc.pb.h"
#include <grpcpp/client_context.h>

namespace advisor::client_internal {

using client::Callback;

// Every RPC of the three advisor services on a caller-prepared context
// (deadline, metadata): a blocking and an async call per unary RPC, and
// the answer stream. An async call owns its context until it completes.
// Decorators implement this interface around another stub to add
// cross-cutting behaviour.
class AdvisorStub {
 public:
  virtual ~AdvisorStub() = default;

  // FrameworkService.GetFramework.
  virtual absl::StatusOr<v1::GetFrameworkResponse> GetFramework(
      grpc::ClientContext& context, const v1::GetFrameworkRequest& request) = 0;
  // FrameworkService.ListFrameworks.
  virtual absl::StatusOr<v1::ListFrameworksResponse> ListFrameworks(
      grpc::ClientContext& context, const v1::ListFrameworksRequest& request) = 0;
  // FrameworkService.CompareFrameworks.
  virtual absl::StatusOr<v1::CompareFrameworksResponse> CompareFrameworks(
      grpc::ClientContext& context, const v1::CompareFrameworksRequest& request) = 0;
  // RoleMatchingService.MatchRole.
  virtual absl::StatusOr<v1::MatchRoleResponse> MatchRole(grpc::ClientContext& context,
                                                          const v1::MatchRoleRequest& request) = 0;
  // RoleMatchingService.BatchMatchRoles.
  virtual absl::StatusOr<v1::BatchMatchRolesResponse> BatchMatchRoles(
      grpc::ClientContext& context, const v1::BatchMatchRolesRequest& request) = 0;
  // FaqService.AnswerQuestion.
  virtual absl::StatusOr<v1::AnswerQuestionResponse> AnswerQuestion(
      grpc::ClientContext& context, const v1::AnswerQuestionRequest& request) = 0;
  // FaqService.BatchAnswerQuestions.
  virtual absl::StatusOr<v1::BatchAnswerQuestionsResponse> BatchAnswerQuestions(
      grpc::ClientContext& context, const v1::BatchAnswerQuestionsRequest& request) = 0;
  // FaqService.ListFaqs.
  virtual absl::StatusOr<v1::ListFaqsResponse> ListFaqs(grpc::ClientContext& context,
                                                        const v1::ListFaqsRequest& request) = 0;

  // FrameworkService.GetFramework, asynchronously.
  virtual void AsyncGetFramework(std::unique_ptr<grpc::ClientContext> context,
                                 const v1::GetFrameworkRequest& request,
                                 Callback<v1::GetFrameworkResponse> done) = 0;
  // FrameworkService.ListFrameworks, asynchronously.
  virtual void AsyncListFrameworks(std::unique_ptr<grpc::ClientContext> context,
                                   const v1::ListFrameworksRequest& request,
                                   Callback<v1::ListFrameworksResponse> done) = 0;
  // FrameworkService.CompareFrameworks, asynchronously.
  virtual void AsyncCompareFrameworks(std::unique_ptr<grpc::ClientContext> context,
                                      const v1::CompareFrameworksRequest& request,
                                      Callback<v1::CompareFrameworksResponse> done) = 0;
  // RoleMatchingService.MatchRole, asynchronously.
  virtual void AsyncMatchRole(std::unique_ptr<grpc::ClientContext> context,
                              const v1::MatchRoleRequest& request,
                              Callback<v1::MatchRoleResponse> done) = 0;
  // RoleMatchingService.BatchMatchRoles, asynchronously.
  virtual void AsyncBatchMatchRoles(std::unique_ptr<grpc::ClientContext> context,
                                    const v1::BatchMatchRolesRequest& request,
                                    Callback<v1::BatchMatchRolesResponse> done) = 0;
  // FaqService.AnswerQuestion, asynchronously.
  virtual void AsyncAnswerQuestion(std::unique_ptr<grpc::ClientContext> context,
                                   const v1::AnswerQuestionRequest& request,
                                   Callback<v1::AnswerQuestionResponse> done) = 0;
  // FaqService.BatchAnswerQuestions, asynchronously.
  virtual void AsyncBatchAnswerQuestions(std::unique_ptr<grpc::ClientContext> context,
                                         const v1::BatchAnswerQuestionsRequest& request,
                                         Callback<v1::BatchAnswerQuestionsResponse> done) = 0;
  // FaqService.ListFaqs, asynchronously.
  virtual void AsyncListFaqs(std::unique_ptr<grpc::ClientContext> context,
                             const v1::ListFaqsRequest& request,
                             Callback<v1::ListFaqsResponse> done) = 0;

  // FaqService.StreamAnswers; the stream owns `context`.
  virtual std::unique_ptr<client::AnswerStream> StreamAnswers(
      std::unique_ptr<grpc::ClientContext> context) = 0;
};

// Counts the async calls of a DefaultAdvisorStub that have not finished
// (defined in advisor_stub.cc).
class PendingCalls;

// The stub that talks to the wire: the generated stubs of the three
// services (normally over one shared channel), with gRPC errors converted
// to absl::Status.
class DefaultAdvisorStub : public AdvisorStub {
 public:
  // Takes the generated stubs; none may be null.
  DefaultAdvisorStub(std::unique_ptr<v1::FrameworkService::StubInterface> frameworks,
                     std::unique_ptr<v1::RoleMatchingService::StubInterface> roles,
                     std::unique_ptr<v1::FaqService::StubInterface> faqs);
  // Waits until every async call has run its callback and released its
  // context, so the channel is released here, on the caller's thread, and
  // never from a gRPC callback thread: gRPC 1.51 tears down its shared
  // callback completion queue from within its own polling thread when a
  // callback drops the last channel, which then frees it twice. Must
  // therefore not run inside one of this stub's callbacks.
  ~DefaultAdvisorStub() override;

  absl::StatusOr<v1::GetFrameworkResponse> GetFramework(
      grpc::ClientContext& context, const v1::GetFrameworkRequest& request) override;
  absl::StatusOr<v1::ListFrameworksResponse> ListFrameworks(
      grpc::ClientContext& context, const v1::ListFrameworksRequest& request) override;
  absl::StatusOr<v1::CompareFrameworksResponse> CompareFrameworks(
      grpc::ClientContext& context, const v1::CompareFrameworksRequest& request) override;
  absl::StatusOr<v1::MatchRoleResponse> MatchRole(grpc::ClientContext& context,
                                                  const v1::MatchRoleRequest& request) override;
  absl::StatusOr<v1::BatchMatchRolesResponse> BatchMatchRoles(
      grpc::ClientContext& context, const v1::BatchMatchRolesRequest& request) override;
  absl::StatusOr<v1::AnswerQuestionResponse> AnswerQuestion(
      grpc::ClientContext& context, const v1::AnswerQuestionRequest& request) override;
  absl::StatusOr<v1::BatchAnswerQuestionsResponse> BatchAnswerQuestions(
      grpc::ClientContext& context, const v1::BatchAnswerQuestionsRequest& request) override;
  absl::StatusOr<v1::ListFaqsResponse> ListFaqs(grpc::ClientContext& context,
                                                const v1::ListFaqsRequest& request) override;

  void AsyncGetFramework(std::unique_ptr<grpc::ClientContext> context,
                         const v1::GetFrameworkRequest& request,
                         Callback<v1::GetFrameworkResponse> done) override;
  void AsyncListFrameworks(std::unique_ptr<grpc::ClientContext> context,
                           const v1::ListFrameworksRequest& request,
                           Callback<v1::ListFrameworksResponse> done) override;
  void AsyncCompareFrameworks(std::unique_ptr<grpc::ClientContext> context,
                              const v1::CompareFrameworksRequest& request,
                              Callback<v1::CompareFrameworksResponse> done) override;
  void AsyncMatchRole(std::unique_ptr<grpc::ClientContext> context,
                      const v1::MatchRoleRequest& request,
                      Callback<v1::MatchRoleResponse> done) override;
  void AsyncBatchMatchRoles(std::unique_ptr<grpc::ClientContext> context,
                            const v1::BatchMatchRolesRequest& request,
                            Callback<v1::BatchMatchRolesResponse> done) override;
  void AsyncAnswerQuestion(std::unique_ptr<grpc::ClientContext> context,
                           const v1::AnswerQuestionRequest& request,
                           Callback<v1::AnswerQuestionResponse> done) override;
  void AsyncBatchAnswerQuestions(std::unique_ptr<grpc::ClientContext> context,
                                 const v1::BatchAnswerQuestionsRequest& request,
                                 Callback<v1::BatchAnswerQuestionsResponse> done) override;
  void AsyncListFaqs(std::unique_ptr<grpc::ClientContext> context,
                     const v1::ListFaqsRequest& request,
                     Callback<v1::ListFaqsResponse> done) override;

  std::unique_ptr<client::AnswerStream> StreamAnswers(
      std::unique_ptr<grpc::ClientContext> context) override;

 private:
  std::unique_ptr<v1::FrameworkService::StubInterface> frameworks_;
  std::unique_ptr<v1::RoleMatchingService::StubInterface> roles_;
  std::unique_ptr<v1::FaqService::StubInterface> faqs_;
  // Shared with every async call, which may finish after this stub is gone.
  std::shared_ptr<PendingCalls> pending_;
};

}  // namespace advisor::client_internal

#endif  // ADVISOR_CLIENT_INTERNAL_ADVISOR_STUB_H_
