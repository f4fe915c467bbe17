#ifndef ADVISOR_CLIENT_INTERNAL_FAILING_ADVISOR_CONNECTION_H_
#define ADVISOR_CLIENT_INTERNAL_FAILING_ADVISOR_CONNECTION_H_

#include "absl/status/status.h"

#include "advisor/client/connection.h"

namespace advisor::client_internal {

/// A connection that fails every call with the same status; stands in for
/// a real one when the options are invalid, so the factory never fails.
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
  absl::StatusOr<v1::AnswerQuestionResponse> AnswerQuestion(
      v1::AnswerQuestionRequest const& request) override;
  absl::StatusOr<v1::ListFaqsResponse> ListFaqs(v1::ListFaqsRequest const& request) override;

 private:
  absl::Status status_;
};

}  // namespace advisor::client_internal

#endif  // ADVISOR_CLIENT_INTERNAL_FAILING_ADVISOR_CONNECTION_H_
