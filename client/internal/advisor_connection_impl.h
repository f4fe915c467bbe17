#ifndef ADVISOR_CLIENT_INTERNAL_ADVISOR_CONNECTION_IMPL_H_
#define ADVISOR_CLIENT_INTERNAL_ADVISOR_CONNECTION_IMPL_H_

#include <memory>

#include "absl/time/time.h"

#include "advisor/client/connection.h"
#include "client/internal/advisor_stub.h"

namespace advisor::client_internal {

/// The connection `MakeAdvisorConnection` returns for valid options: gives
/// every call a fresh context with the configured deadline, then hands it
/// to the stub stack. Retries happen inside the channel (service config),
/// all within that one deadline. Thread-safe.
class AdvisorConnectionImpl : public client::AdvisorConnection {
 public:
  /// `timeout` is the deadline of each call, measured from its start.
  AdvisorConnectionImpl(std::shared_ptr<AdvisorStub> stub, absl::Duration timeout);

  absl::StatusOr<v1::GetFrameworkResponse> GetFramework(
      v1::GetFrameworkRequest const& request) override;
  absl::StatusOr<v1::ListFrameworksResponse> ListFrameworks(
      v1::ListFrameworksRequest const& request) override;
  absl::StatusOr<v1::CompareFrameworksResponse> CompareFrameworks(
      v1::CompareFrameworksRequest const& request) override;
  absl::StatusOr<v1::MatchRoleResponse> MatchRole(v1::MatchRoleRequest const& request) override;
  absl::StatusOr<v1::AnswerQuestionResponse> AnswerQuestion(
      v1::AnswerQuestionRequest const& request) override;
  absl::StatusOr<v1::ListFaqsResponse> ListFaqs(v1::ListFaqsRequest const& request) override;

 private:
  // Prepares the context of one call: its deadline.
  void Configure(grpc::ClientContext& context) const;

  std::shared_ptr<AdvisorStub> stub_;
  absl::Duration timeout_;
};

}  // namespace advisor::client_internal

#endif  // ADVISOR_CLIENT_INTERNAL_ADVISOR_CONNECTION_IMPL_H_
