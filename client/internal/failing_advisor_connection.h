#ifndef ADVISOR_CLIENT_INTERNAL_FAILING_ADVISOR_CONNECTION_H_
#define ADVISOR_CLIENT_INTERNAL_FAILING_ADVISOR_CONNECTION_H_

#include "absl/status/status.h"

#include "advisor/client/connection.h"

namespace advisor::client_internal {

// A connection that fails every call and stream with the same status;
// stands in for a real one when the options are invalid, so the factory
// never fails.
class FailingAdvisorConnection : public client::AdvisorConnection {
 public:
  // `status` must not be OK.
  explicit FailingAdvisorConnection(absl::Status status);
  absl::StatusOr<v1::GetFrameworkResponse> GetFramework(
      const v1::GetFrameworkRequest& request) override;
  absl::StatusOr<v1::ListFrameworksResponse> ListFrameworks(
      const v1::ListFrameworksRequest& request) override;
  absl::StatusOr<v1::CompareFrameworksResponse> CompareFrameworks(
      const v1::CompareFrameworksRequest& request) override;
  absl::StatusOr<v1::MatchRoleResponse> MatchRole(const v1::MatchRoleRequest& request) override;
  absl::StatusOr<v1::BatchMatchRolesResponse> BatchMatchRoles(
      const v1::BatchMatchRolesRequest& request) override;
  absl::StatusOr<v1::AnswerQuestionResponse> AnswerQuestion(
      const v1::AnswerQuestionRequest& request) override;
  absl::StatusOr<v1::BatchAnswerQuestionsResponse> BatchAnswerQuestions(
      const v1::BatchAnswerQuestionsRequest& request) override;
  absl::StatusOr<v1::ListFaqsResponse> ListFaqs(const v1::ListFaqsRequest& request) override;
  void AsyncGetFramework(const v1::GetFrameworkRequest& request,
                         client::Callback<v1::GetFrameworkResponse> done) override;
  void AsyncListFrameworks(const v1::ListFrameworksRequest& request,
                           client::Callback<v1::ListFrameworksResponse> done) override;
  void AsyncCompareFrameworks(const v1::CompareFrameworksRequest& request,
                              client::Callback<v1::CompareFrameworksResponse> done) override;
  void AsyncMatchRole(const v1::MatchRoleRequest& request,
                      client::Callback<v1::MatchRoleResponse> done) override;
  void AsyncBatchMatchRoles(const v1::BatchMatchRolesRequest& request,
                            client::Callback<v1::BatchMatchRolesResponse> done) override;
  void AsyncAnswerQuestion(const v1::AnswerQuestionRequest& request,
                           client::Callback<v1::AnswerQuestionResponse> done) override;
  void AsyncBatchAnswerQuestions(const v1::BatchAnswerQuestionsRequest& request,
                                 client::Callback<v1::BatchAnswerQuestionsResponse> done) override;
  void AsyncListFaqs(const v1::ListFaqsRequest& request,
                     client::Callback<v1::ListFaqsResponse> done) override;
  std::unique_ptr<client::AnswerStream> StreamAnswers() override;

 private:
  absl::Status status_;
};

}  // namespace advisor::client_internal

#endif  // ADVISOR_CLIENT_INTERNAL_FAILING_ADVISOR_CONNECTION_H_
