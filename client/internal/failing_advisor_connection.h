#ifndef ADVISOR_CLIENT_INTERNAL_FAILING_ADVISOR_CONNECTION_H_
#define ADVISOR_CLIENT_INTERNAL_FAILING_ADVISOR_CONNECTION_H_

#include "absl/status/status.h"

#include "advisor/client/connection.h"

namespace advisor::client_internal {

/// A connection that fails every call and stream with the same status;
/// stands in for a real one when the options are invalid, so the factory
/// never fails.
class FailingAdvisorConnection : public client::AdvisorConnection {
 public:
  /// `status` must not be OK.
  explicit FailingAdvisorConnection(absl::Status status);
  absl::StatusOr<v1::GetFrameworkResponse> GetFramework(
      v1::GetFrameworkRequest const& request) override;
  absl::StatusOr<v1::ListFrameworksResponse> ListFrameworks(
      v1::ListFrameworksRequest const& request) override;
  absl::StatusOr<v1::CompareFrameworksResponse> CompareFrameworks(
      v1::CompareFrameworksRequest const& request) override;
  absl::StatusOr<v1::MatchRoleResponse> MatchRole(v1::MatchRoleRequest const& request) override;
  absl::StatusOr<v1::BatchMatchRolesResponse> BatchMatchRoles(
      v1::BatchMatchRolesRequest const& request) override;
  absl::StatusOr<v1::AnswerQuestionResponse> AnswerQuestion(
      v1::AnswerQuestionRequest const& request) override;
  absl::StatusOr<v1::BatchAnswerQuestionsResponse> BatchAnswerQuestions(
      v1::BatchAnswerQuestionsRequest const& request) override;
  absl::StatusOr<v1::ListFaqsResponse> ListFaqs(v1::ListFaqsRequest const& request) override;
  void AsyncGetFramework(v1::GetFrameworkRequest const& request,
                         client::Callback<v1::GetFrameworkResponse> done) override;
  void AsyncListFrameworks(v1::ListFrameworksRequest const& request,
                           client::Callback<v1::ListFrameworksResponse> done) override;
  void AsyncCompareFrameworks(v1::CompareFrameworksRequest const& request,
                              client::Callback<v1::CompareFrameworksResponse> done) override;
  void AsyncMatchRole(v1::MatchRoleRequest const& request,
                      client::Callback<v1::MatchRoleResponse> done) override;
  void AsyncBatchMatchRoles(v1::BatchMatchRolesRequest const& request,
                            client::Callback<v1::BatchMatchRolesResponse> done) override;
  void AsyncAnswerQuestion(v1::AnswerQuestionRequest const& request,
                           client::Callback<v1::AnswerQuestionResponse> done) override;
  void AsyncBatchAnswerQuestions(v1::BatchAnswerQuestionsRequest const& request,
                                 client::Callback<v1::BatchAnswerQuestionsResponse> done) override;
  void AsyncListFaqs(v1::ListFaqsRequest const& request,
                     client::Callback<v1::ListFaqsResponse> done) override;
  std::unique_ptr<client::AnswerStream> StreamAnswers() override;

 private:
  absl::Status status_;
};

}  // namespace advisor::client_internal

#endif  // ADVISOR_CLIENT_INTERNAL_FAILING_ADVISOR_CONNECTION_H_
