#ifndef ADVISOR_CLIENT_CONNECTION_H_
#define ADVISOR_CLIENT_CONNECTION_H_

#include <memory>

#include "absl/status/statusor.h"

#include "advisor/client/options.h"
#include "advisor/v1/faq_service.pb.h"
#include "advisor/v1/framework_service.pb.h"
#include "advisor/v1/role_matching_service.pb.h"

namespace advisor::client {

/// The seam between `AdvisorClient` and the wire: one virtual function per
/// RPC of the advisor API, taking the request and returning the response
/// or the call's status.
///
/// Applications get one from `MakeAdvisorConnection`. Tests derive from it
/// (or use `MockAdvisorConnection`) to run code written against
/// `AdvisorClient` without a server. Every default implementation returns
/// UNIMPLEMENTED, so a new RPC never breaks an existing subclass.
///
/// Thread safety: implementations returned by `MakeAdvisorConnection` may
/// be called from many threads at once.
class AdvisorConnection {
 public:
  virtual ~AdvisorConnection() = default;

  /// FrameworkService.GetFramework.
  virtual absl::StatusOr<v1::GetFrameworkResponse> GetFramework(
      v1::GetFrameworkRequest const& request);
  /// FrameworkService.ListFrameworks (one page).
  virtual absl::StatusOr<v1::ListFrameworksResponse> ListFrameworks(
      v1::ListFrameworksRequest const& request);
  /// FrameworkService.CompareFrameworks.
  virtual absl::StatusOr<v1::CompareFrameworksResponse> CompareFrameworks(
      v1::CompareFrameworksRequest const& request);
  /// RoleMatchingService.MatchRole.
  virtual absl::StatusOr<v1::MatchRoleResponse> MatchRole(v1::MatchRoleRequest const& request);
  /// FaqService.AnswerQuestion.
  virtual absl::StatusOr<v1::AnswerQuestionResponse> AnswerQuestion(
      v1::AnswerQuestionRequest const& request);
  /// FaqService.ListFaqs (one page).
  virtual absl::StatusOr<v1::ListFaqsResponse> ListFaqs(v1::ListFaqsRequest const& request);
};

/// Builds the connection to an advisor server described by `options`: one
/// gRPC channel (created lazily: no network traffic happens here), a
/// deadline on every call, retries of UNAVAILABLE and the bearer token, if
/// any. Never returns null. When `ValidateClientOptions(options)` fails, the
/// returned connection answers every call with that INVALID_ARGUMENT status.
std::shared_ptr<AdvisorConnection> MakeAdvisorConnection(ClientOptions const& options = {});

}  // namespace advisor::client

#endif  // ADVISOR_CLIENT_CONNECTION_H_
