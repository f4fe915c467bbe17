#ifndef ADVISOR_CLIENT_INTERNAL_ADVISOR_CONNECTION_IMPL_H_
#define ADVISOR_CLIENT_INTERNAL_ADVISOR_CONNECTION_IMPL_H_

#include <memory>

#include "absl/time/time.h"

#include "advisor/client/connection.h"
#include "client/internal/advisor_stub.h"

namespace advisor::client_internal {

// The connection `MakeAdvisorConnection` returns for valid options: gives
// every call a fresh context with the configured deadline (streams: the
// stream deadline), then hands it to the stub stack. Retries happen inside
// the channel (service config), all within that one deadline. Thread-safe.
class AdvisorConnectionImpl : public client::AdvisorConnection {
 public:
  // `timeout` is the deadline of each call, `stream_timeout` that of each
  // stream, measured from its start.
  AdvisorConnectionImpl(std::shared_ptr<AdvisorStub> stub, absl::Duration timeout,
                        absl::Duration stream_timeout);
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
  // Prepares the context of one call: its deadline.
  void Configure(grpc::ClientContext& context) const;
  // A context with the call deadline, for an async call.
  std::unique_ptr<grpc::ClientContext> MakeContext() const;

  std::shared_ptr<AdvisorStub> stub_;
  absl::Duration timeout_;
  absl::Duration stream_timeout_;
};

}  // namespace advisor::client_internal

#endif  // ADVISOR_CLIENT_INTERNAL_ADVISOR_CONNECTION_IMPL_H_
