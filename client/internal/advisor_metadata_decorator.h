#ifndef ADVISOR_CLIENT_INTERNAL_ADVISOR_METADATA_DECORATOR_H_
#define ADVISOR_CLIENT_INTERNAL_ADVISOR_METADATA_DECORATOR_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "client/internal/advisor_stub.h"

namespace advisor::client_internal {

// Adds the same request metadata (e.g. `authorization: Bearer ...`) to
// every call and stream, then forwards it to the wrapped stub. Kept out of
// the business calls so that auth is decided once, when the stack is built.
class AdvisorMetadata : public AdvisorStub {
 public:
  // Metadata keys must be lower case, as gRPC requires.
  AdvisorMetadata(std::shared_ptr<AdvisorStub> child,
                  std::vector<std::pair<std::string, std::string>> fixed_metadata);
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
  void AddMetadata(grpc::ClientContext& context) const;

  std::shared_ptr<AdvisorStub> child_;
  std::vector<std::pair<std::string, std::string>> fixed_metadata_;
};

}  // namespace advisor::client_internal

#endif  // ADVISOR_CLIENT_INTERNAL_ADVISOR_METADATA_DECORATOR_H_
