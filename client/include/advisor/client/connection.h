#ifndef ADVISOR_CLIENT_CONNECTION_H_
#define ADVISOR_CLIENT_CONNECTION_H_

#include <functional>
#include <memory>

#include "absl/status/statusor.h"

#include "advisor/client/answer_stream.h"
#include "advisor/client/options.h"
#include "advisor/v1/faq_service.pb.h"
#include "advisor/v1/framework_service.pb.h"
#include "advisor/v1/role_matching_service.pb.h"

namespace advisor::client {

// Receives the outcome of an asynchronous call: the response or the call's
// status. Called exactly once, on a gRPC thread (possibly before the Async
// method returns); it must not block, since it holds up other completions.
template <typename Response>
using Callback = std::function<void(absl::StatusOr<Response>)>;

// The seam between `AdvisorClient` and the wire: for each unary RPC of the
// advisor API a blocking virtual function (request in, response or status
// out) and an `Async` one (returns at once, reports to a `Callback`), and
// `StreamAnswers` to open a stream.
//
// Applications get one from `MakeAdvisorConnection`. Tests derive from it
// (or use `MockAdvisorConnection`) to run code written against
// `AdvisorClient` without a server. Every default implementation returns
// (or calls back with) UNIMPLEMENTED, so a new RPC never breaks an
// existing subclass.
//
// Thread safety: implementations returned by `MakeAdvisorConnection` may
// be called from many threads at once.
class AdvisorConnection {
 public:
  virtual ~AdvisorConnection() = default;

  // FrameworkService.GetFramework.
  virtual absl::StatusOr<v1::GetFrameworkResponse> GetFramework(
      const v1::GetFrameworkRequest& request);
  // FrameworkService.ListFrameworks (one page).
  virtual absl::StatusOr<v1::ListFrameworksResponse> ListFrameworks(
      const v1::ListFrameworksRequest& request);
  // FrameworkService.CompareFrameworks.
  virtual absl::StatusOr<v1::CompareFrameworksResponse> CompareFrameworks(
      const v1::CompareFrameworksRequest& request);
  // RoleMatchingService.MatchRole.
  virtual absl::StatusOr<v1::MatchRoleResponse> MatchRole(const v1::MatchRoleRequest& request);
  // RoleMatchingService.BatchMatchRoles.
  virtual absl::StatusOr<v1::BatchMatchRolesResponse> BatchMatchRoles(
      const v1::BatchMatchRolesRequest& request);
  // FaqService.AnswerQuestion.
  virtual absl::StatusOr<v1::AnswerQuestionResponse> AnswerQuestion(
      const v1::AnswerQuestionRequest& request);
  // FaqService.BatchAnswerQuestions.
  virtual absl::StatusOr<v1::BatchAnswerQuestionsResponse> BatchAnswerQuestions(
      const v1::BatchAnswerQuestionsRequest& request);
  // FaqService.ListFaqs (one page).
  virtual absl::StatusOr<v1::ListFaqsResponse> ListFaqs(const v1::ListFaqsRequest& request);

  // FrameworkService.GetFramework, asynchronously.
  virtual void AsyncGetFramework(const v1::GetFrameworkRequest& request,
                                 Callback<v1::GetFrameworkResponse> done);
  // FrameworkService.ListFrameworks (one page), asynchronously.
  virtual void AsyncListFrameworks(const v1::ListFrameworksRequest& request,
                                   Callback<v1::ListFrameworksResponse> done);
  // FrameworkService.CompareFrameworks, asynchronously.
  virtual void AsyncCompareFrameworks(const v1::CompareFrameworksRequest& request,
                                      Callback<v1::CompareFrameworksResponse> done);
  // RoleMatchingService.MatchRole, asynchronously.
  virtual void AsyncMatchRole(const v1::MatchRoleRequest& request,
                              Callback<v1::MatchRoleResponse> done);
  // RoleMatchingService.BatchMatchRoles, asynchronously.
  virtual void AsyncBatchMatchRoles(const v1::BatchMatchRolesRequest& request,
                                    Callback<v1::BatchMatchRolesResponse> done);
  // FaqService.AnswerQuestion, asynchronously.
  virtual void AsyncAnswerQuestion(const v1::AnswerQuestionRequest& request,
                                   Callback<v1::AnswerQuestionResponse> done);
  // FaqService.BatchAnswerQuestions, asynchronously.
  virtual void AsyncBatchAnswerQuestions(const v1::BatchAnswerQuestionsRequest& request,
                                         Callback<v1::BatchAnswerQuestionsResponse> done);
  // FaqService.ListFaqs (one page), asynchronously.
  virtual void AsyncListFaqs(const v1::ListFaqsRequest& request,
                             Callback<v1::ListFaqsResponse> done);

  // Opens a FaqService.StreamAnswers stream with the `stream_timeout`
  // deadline. Never null; a stream that cannot start reports why in
  // Finish.
  virtual std::unique_ptr<AnswerStream> StreamAnswers();
};

// Builds the connection to an advisor server described by `options`: one
// gRPC channel (created lazily: no network traffic happens here), a
// deadline on every call, retries of UNAVAILABLE and the bearer token, if
// any. Never returns null. When `ValidateClientOptions(options)` fails, the
// returned connection answers every call with that INVALID_ARGUMENT status.
// Releasing the last reference to it waits until the callbacks of its async
// calls still in flight have returned (each call ends by its deadline), so
// it must not be released inside one of those callbacks.
std::shared_ptr<AdvisorConnection> MakeAdvisorConnection(const ClientOptions& options = {});

}  // namespace advisor::client

#endif  // ADVISOR_CLIENT_CONNECTION_H_
