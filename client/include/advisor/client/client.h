#ifndef ADVISOR_CLIENT_CLIENT_H_
#define ADVISOR_CLIENT_CLIENT_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"

#include "advisor/client/connection.h"
#include "advisor/client/options.h"
#include "advisor/v1/faq.pb.h"
#include "advisor/v1/faq_service.pb.h"
#include "advisor/v1/framework.pb.h"
#include "advisor/v1/framework_service.pb.h"
#include "advisor/v1/role_matching_service.pb.h"

namespace advisor::client {

// One answer of a batch or stream: the response, or the error that
// question alone got (e.g. INVALID_ARGUMENT for an empty one).
using AnswerOrError = absl::StatusOr<v1::AnswerQuestionResponse>;

// Receives the answers of `AdvisorClient::ForEachAnswer`: the question's
// index in the input and its answer or error.
using AnswerSink = std::function<void(std::size_t index, AnswerOrError answer)>;

// The status inside a batch or stream item's error, with the same code
// and message the unary call would have returned. An `error` whose code
// is not a canonical code becomes UNKNOWN.
absl::Status ItemStatus(const v1::ItemError& error);

// The answer or error held in one result of a batch or stream.
AnswerOrError ToAnswerOrError(const v1::AnswerQuestionResult& result);

// Asks an advisor server about deep learning frameworks (PyTorch,
// TensorFlow, Keras): look-ups, comparisons, role matching and FAQ answers.
//
// For example:
//   advisor::client::AdvisorClient client(advisor::client::MakeAdvisorConnection());
//   auto keras = client.GetFramework("keras");
//   if (!keras.ok()) return HandleError(keras.status());
//   std::cout << keras->display_name() << "\n";
//
// A cheap value: copies share the connection (and its channel), so create
// one connection per server and copy the client freely. Thread safety:
// a client may be used from many threads at once, and so may its copies.
//
// Errors every method can return, whatever the server's answer would be:
// - UNAVAILABLE: no server could be reached, after the retries that
//   `ClientOptions::retry` allows. Retrying later may succeed.
// - DEADLINE_EXCEEDED: no answer within `ClientOptions::timeout`.
// - UNAUTHENTICATED / PERMISSION_DENIED: the server requires credentials
//   (`ClientOptions::bearer_token`, TLS) that are missing or not accepted.
// - RESOURCE_EXHAUSTED: the server is overloaded or a message is too large.
// - INVALID_ARGUMENT: the `ClientOptions` given to `MakeAdvisorConnection`
//   are invalid (see `ValidateClientOptions`).
// - UNIMPLEMENTED: the server (or a test connection) lacks the RPC.
// - INTERNAL: a request string is not valid UTF-8 (the server cannot parse
//   it), or the server broke an invariant.
// - CANCELLED: the call was cancelled, e.g. the server shut down.
//
// Every unary RPC also has an `Async` form that returns at once and
// reports to a `Callback` (see connection.h): for event loops and for
// many calls in flight from one thread. Its errors are those of the
// blocking form.
class AdvisorClient {
 public:
  // Uses `connection` for every call; it must not be null.
  explicit AdvisorClient(std::shared_ptr<AdvisorConnection> connection);

  // Returns the framework named `name`: resource name
  // (`frameworks/keras`), id, display name or alias, case-insensitive.
  // Errors: INVALID_ARGUMENT for an empty name; NOT_FOUND for an unknown
  // one (the message suggests the closest known name, if any).
  absl::StatusOr<v1::Framework> GetFramework(const std::string& name);
  // GetFramework with a full request.
  absl::StatusOr<v1::GetFrameworkResponse> GetFramework(const v1::GetFrameworkRequest& request);

  // Returns one page of frameworks in knowledge base order. `page_size` 0
  // means the server's default (50); `page_token` is the previous page's
  // `next_page_token`, empty for the first page.
  // Errors: INVALID_ARGUMENT for a negative page size or a page token the
  // server did not issue.
  absl::StatusOr<v1::ListFrameworksResponse> ListFrameworks(int page_size = 0,
                                                            const std::string& page_token = {});
  // ListFrameworks with a full request.
  absl::StatusOr<v1::ListFrameworksResponse> ListFrameworks(
      const v1::ListFrameworksRequest& request);
  // Returns every framework, or every one `filter` selects (AIP-160 style,
  // e.g. "status = ACTIVE"; see ListFrameworksRequest.filter), fetching page
  // after page of `page_size`.
  // Errors: those of ListFrameworks (INVALID_ARGUMENT for a filter the
  // server cannot read); INTERNAL if the server hands out the same page
  // token twice (it would never end).
  absl::StatusOr<std::vector<v1::Framework>> ListAllFrameworks(int page_size = 0,
                                                               const std::string& filter = "");

  // Puts two or more frameworks side by side, in the order given.
  // Errors: INVALID_ARGUMENT for fewer than two distinct frameworks, more
  // than 16 names, or an empty name; NOT_FOUND naming the first unknown
  // framework.
  absl::StatusOr<v1::CompareFrameworksResponse> CompareFrameworks(
      const std::vector<std::string>& names);
  // CompareFrameworks with a full request.
  absl::StatusOr<v1::CompareFrameworksResponse> CompareFrameworks(
      const v1::CompareFrameworksRequest& request);

  // Ranks every framework for a role described in free text ("ML engineer
  // at a bank") and proposes a learning path.
  // Errors: INVALID_ARGUMENT for an empty or whitespace-only description
  // or one longer than 4096 bytes.
  absl::StatusOr<v1::MatchRoleResponse> MatchRole(const std::string& description);
  // MatchRole with a full request.
  absl::StatusOr<v1::MatchRoleResponse> MatchRole(const v1::MatchRoleRequest& request);

  // Answers a question from everything the knowledge base holds: its FAQ
  // entries, the frameworks' fields (summary, strengths, best for,
  // developer, website, notes), the hiring patterns, the insights about
  // frameworks together, the advice, and its documents' paragraphs.
  // `answer()` is word for word from the knowledge base; `source()` says
  // where from: its `kind()` and resource name (`faqs/{faq_id}`,
  // `frameworks/{id}` with the `field()`, `hiringPatterns/{id}`,
  // `insights/{n}`, `advice/general`, `documents/{id}` with the
  // `section()`), a title for people, and the whole `passage()` the answer
  // was taken from when the answer is part of it (empty when the answer is
  // the whole passage). `faq_id()` and `question()` are set only when a FAQ
  // entry answered. A question the knowledge base does not cover is OK
  // with `answered() == false` (and no source), never a wrong answer.
  // Errors: INVALID_ARGUMENT for an empty or whitespace-only question or
  // one longer than 4096 bytes.
  absl::StatusOr<v1::AnswerQuestionResponse> AnswerQuestion(const std::string& question);
  // AnswerQuestion with a full request.
  absl::StatusOr<v1::AnswerQuestionResponse> AnswerQuestion(
      const v1::AnswerQuestionRequest& request);

  // Answers up to 1000 questions in one call; `results` come in input
  // order, each the answer or that question's own error (ToAnswerOrError).
  // Errors of the whole call: INVALID_ARGUMENT for no questions or more
  // than 1000; RESOURCE_EXHAUSTED when the request exceeds the server's
  // message size limit (64 KiB on advisor_server).
  absl::StatusOr<v1::BatchAnswerQuestionsResponse> BatchAnswerQuestions(
      const std::vector<std::string>& questions);
  // BatchAnswerQuestions with a full request.
  absl::StatusOr<v1::BatchAnswerQuestionsResponse> BatchAnswerQuestions(
      const v1::BatchAnswerQuestionsRequest& request);

  // Matches up to 1000 role descriptions in one call; `results` come in
  // input order, each the match or that description's own error.
  // Errors of the whole call as BatchAnswerQuestions.
  absl::StatusOr<v1::BatchMatchRolesResponse> BatchMatchRoles(
      const std::vector<std::string>& descriptions);
  // BatchMatchRoles with a full request.
  absl::StatusOr<v1::BatchMatchRolesResponse> BatchMatchRoles(
      const v1::BatchMatchRolesRequest& request);

  // Answers any number of questions over one StreamAnswers stream,
  // keeping at most `window` (>= 1) unanswered on the wire (packed up to 32
  // to a message), and hands each answer to `sink` in input order, on the
  // calling thread, as soon as it and every earlier one have arrived. A
  // bad question gets its own error in the sink (INVALID_ARGUMENT from the
  // server, or locally for one too long to send at all, over 48 KiB); the
  // others still answer. Blocks until done; writes from one extra thread
  // it starts and joins.
  // Returns OK when every question was answered. Otherwise the stream's
  // error (DEADLINE_EXCEEDED after `ClientOptions::stream_timeout`,
  // UNAVAILABLE, ...) after the answers that did arrive were sunk;
  // INVALID_ARGUMENT for window < 1; INTERNAL if the server answers a
  // question twice, one it was not asked, or not all of them.
  absl::Status ForEachAnswer(absl::Span<std::string const> questions, const AnswerSink& sink,
                             int window = kDefaultStreamWindow);
  // ForEachAnswer collecting the answers: element i answers questions[i].
  // Errors as ForEachAnswer (the answers that did arrive are then lost).
  absl::StatusOr<std::vector<AnswerOrError>> AnswerQuestions(
      absl::Span<std::string const> questions, int window = kDefaultStreamWindow);

  // GetFramework, asynchronously.
  void AsyncGetFramework(const v1::GetFrameworkRequest& request,
                         Callback<v1::GetFrameworkResponse> done);
  // ListFrameworks (one page), asynchronously.
  void AsyncListFrameworks(const v1::ListFrameworksRequest& request,
                           Callback<v1::ListFrameworksResponse> done);
  // CompareFrameworks, asynchronously.
  void AsyncCompareFrameworks(const v1::CompareFrameworksRequest& request,
                              Callback<v1::CompareFrameworksResponse> done);
  // MatchRole, asynchronously.
  void AsyncMatchRole(const v1::MatchRoleRequest& request, Callback<v1::MatchRoleResponse> done);
  // BatchMatchRoles, asynchronously.
  void AsyncBatchMatchRoles(const v1::BatchMatchRolesRequest& request,
                            Callback<v1::BatchMatchRolesResponse> done);
  // AnswerQuestion, asynchronously.
  void AsyncAnswerQuestion(const v1::AnswerQuestionRequest& request,
                           Callback<v1::AnswerQuestionResponse> done);
  // BatchAnswerQuestions, asynchronously.
  void AsyncBatchAnswerQuestions(const v1::BatchAnswerQuestionsRequest& request,
                                 Callback<v1::BatchAnswerQuestionsResponse> done);
  // ListFaqs (one page), asynchronously.
  void AsyncListFaqs(const v1::ListFaqsRequest& request, Callback<v1::ListFaqsResponse> done);

  // Returns one page of FAQ entries; paging as in ListFrameworks.
  // Errors: INVALID_ARGUMENT for a negative page size or a page token the
  // server did not issue.
  absl::StatusOr<v1::ListFaqsResponse> ListFaqs(int page_size = 0,
                                                const std::string& page_token = {});
  // ListFaqs with a full request.
  absl::StatusOr<v1::ListFaqsResponse> ListFaqs(const v1::ListFaqsRequest& request);
  // Returns every FAQ entry, fetching page after page of `page_size`.
  // Errors: those of ListFaqs; INTERNAL if the server hands out the same
  // page token twice.
  absl::StatusOr<std::vector<v1::Faq>> ListAllFaqs(int page_size = 0);

 private:
  std::shared_ptr<AdvisorConnection> connection_;
};

}  // namespace advisor::client

#endif  // ADVISOR_CLIENT_CLIENT_H_
