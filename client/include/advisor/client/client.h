#ifndef ADVISOR_CLIENT_CLIENT_H_
#define ADVISOR_CLIENT_CLIENT_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

#include "advisor/client/connection.h"
#include "advisor/v1/faq.pb.h"
#include "advisor/v1/faq_service.pb.h"
#include "advisor/v1/framework.pb.h"
#include "advisor/v1/framework_service.pb.h"
#include "advisor/v1/role_matching_service.pb.h"

namespace advisor::client {

/// Asks an advisor server about deep learning frameworks (PyTorch,
/// TensorFlow, Keras): look-ups, comparisons, role matching and FAQ answers.
///
/// @code
///   advisor::client::AdvisorClient client(advisor::client::MakeAdvisorConnection());
///   auto keras = client.GetFramework("keras");
///   if (!keras.ok()) return HandleError(keras.status());
///   std::cout << keras->display_name() << "\n";
/// @endcode
///
/// A cheap value: copies share the connection (and its channel), so create
/// one connection per server and copy the client freely. Thread safety:
/// a client may be used from many threads at once, and so may its copies.
///
/// Errors every method can return, whatever the server's answer would be:
/// - UNAVAILABLE: no server could be reached, after the retries that
///   `ClientOptions::retry` allows. Retrying later may succeed.
/// - DEADLINE_EXCEEDED: no answer within `ClientOptions::timeout`.
/// - UNAUTHENTICATED / PERMISSION_DENIED: the server requires credentials
///   (`ClientOptions::bearer_token`, TLS) that are missing or not accepted.
/// - RESOURCE_EXHAUSTED: the server is overloaded or a message is too large.
/// - INVALID_ARGUMENT: the `ClientOptions` given to `MakeAdvisorConnection`
///   are invalid (see `ValidateClientOptions`).
/// - UNIMPLEMENTED: the server (or a test connection) lacks the RPC.
/// - INTERNAL: a request string is not valid UTF-8 (the server cannot parse
///   it), or the server broke an invariant.
/// - CANCELLED: the call was cancelled, e.g. the server shut down.
class AdvisorClient {
 public:
  /// Uses `connection` for every call; it must not be null.
  explicit AdvisorClient(std::shared_ptr<AdvisorConnection> connection);

  /// Returns the framework named `name`: resource name
  /// (`frameworks/keras`), id, display name or alias, case-insensitive.
  /// Errors: INVALID_ARGUMENT for an empty name; NOT_FOUND for an unknown
  /// one (the message suggests the closest known name, if any).
  absl::StatusOr<v1::Framework> GetFramework(std::string const& name);
  /// GetFramework with a full request.
  absl::StatusOr<v1::GetFrameworkResponse> GetFramework(v1::GetFrameworkRequest const& request);

  /// Returns one page of frameworks in knowledge base order. `page_size` 0
  /// means the server's default (50); `page_token` is the previous page's
  /// `next_page_token`, empty for the first page.
  /// Errors: INVALID_ARGUMENT for a negative page size or a page token the
  /// server did not issue.
  absl::StatusOr<v1::ListFrameworksResponse> ListFrameworks(int page_size = 0,
                                                            std::string const& page_token = {});
  /// ListFrameworks with a full request.
  absl::StatusOr<v1::ListFrameworksResponse> ListFrameworks(
      v1::ListFrameworksRequest const& request);
  /// Returns every framework, fetching page after page of `page_size`.
  /// Errors: those of ListFrameworks; INTERNAL if the server hands out the
  /// same page token twice (it would never end).
  absl::StatusOr<std::vector<v1::Framework>> ListAllFrameworks(int page_size = 0);

  /// Puts two or more frameworks side by side, in the order given.
  /// Errors: INVALID_ARGUMENT for fewer than two distinct frameworks, more
  /// than 16 names, or an empty name; NOT_FOUND naming the first unknown
  /// framework.
  absl::StatusOr<v1::CompareFrameworksResponse> CompareFrameworks(
      std::vector<std::string> const& names);
  /// CompareFrameworks with a full request.
  absl::StatusOr<v1::CompareFrameworksResponse> CompareFrameworks(
      v1::CompareFrameworksRequest const& request);

  /// Ranks every framework for a role described in free text ("ML engineer
  /// at a bank") and proposes a learning path.
  /// Errors: INVALID_ARGUMENT for an empty or whitespace-only description
  /// or one longer than 4096 bytes.
  absl::StatusOr<v1::MatchRoleResponse> MatchRole(std::string const& description);
  /// MatchRole with a full request.
  absl::StatusOr<v1::MatchRoleResponse> MatchRole(v1::MatchRoleRequest const& request);

  /// Answers a question from the knowledge base's FAQ. A question it does
  /// not cover is OK with `answered() == false`, never a wrong answer.
  /// Errors: INVALID_ARGUMENT for an empty or whitespace-only question or
  /// one longer than 4096 bytes.
  absl::StatusOr<v1::AnswerQuestionResponse> AnswerQuestion(std::string const& question);
  /// AnswerQuestion with a full request.
  absl::StatusOr<v1::AnswerQuestionResponse> AnswerQuestion(
      v1::AnswerQuestionRequest const& request);

  /// Returns one page of FAQ entries; paging as in ListFrameworks.
  /// Errors: INVALID_ARGUMENT for a negative page size or a page token the
  /// server did not issue.
  absl::StatusOr<v1::ListFaqsResponse> ListFaqs(int page_size = 0,
                                                std::string const& page_token = {});
  /// ListFaqs with a full request.
  absl::StatusOr<v1::ListFaqsResponse> ListFaqs(v1::ListFaqsRequest const& request);
  /// Returns every FAQ entry, fetching page after page of `page_size`.
  /// Errors: those of ListFaqs; INTERNAL if the server hands out the same
  /// page token twice.
  absl::StatusOr<std::vector<v1::Faq>> ListAllFaqs(int page_size = 0);

 private:
  std::shared_ptr<AdvisorConnection> connection_;
};

}  // namespace advisor::client

#endif  // ADVISOR_CLIENT_CLIENT_H_
