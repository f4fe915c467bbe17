#ifndef ADVISOR_CLIENT_INTERNAL_ADVISOR_CONNECTION_IMPL_H_
#define ADVISOR_CLIENT_INTERNAL_ADVISOR_CONNECTION_IMPL_H_

#include <memory>

#include "absl/time/time.h"

#include "advisor/client/connection.h"
#include "client/internal/advisor_stub.h"

namespace advisor::client_internal {

/// The connection `MakeAdvisorConnection` returns for valid options: gives
/// every call a fresh context with the configured deadline (streams: the
/// stream deadline), then hands it to the stub stack. Retries happen inside
/// the channel (service config), all within that one deadline. Thread-safe.
class AdvisorConnectionImpl : public client::AdvisorConnection {
 public:
  /// `timeout` is the deadline of each call, `stream_timeout` that of each
  /// stream, measured from its start.
  AdvisorConnectionImpl(std::shared_ptr<AdvisorStub> stub, absl::Duration timeout,
                        absl::Duration stream_timeout);
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
