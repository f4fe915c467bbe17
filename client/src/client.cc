#include "advisor/client/client.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

#include "client/internal/ordered_answers.h"

namespace advisor::client {
namespace {

// Fetches page after page until the server returns an empty token. A token
// seen before would loop forever, so it ends the walk with INTERNAL.
template <typename Item, typename Request, typename FetchPage, typename TakeItems>
absl::StatusOr<std::vector<Item>> CollectPages(int page_size, FetchPage fetch_page,
                                               TakeItems take_items) {
  std::vector<Item> items;
  absl::flat_hash_set<std::string> seen_tokens;
  Request request;
  request.set_page_size(page_size);
  while (true) {
    auto page = fetch_page(request);
    if (!page.ok()) return std::move(page).status();
    take_items(*page, items);
    if (page->next_page_token().empty()) return items;
    if (!seen_tokens.insert(page->next_page_token()).second) {
      return absl::InternalError(
          absl::StrCat("the server repeated page token '", page->next_page_token(), "'"));
    }
    request.set_page_token(page->next_page_token());
  }
}

}  // namespace

AdvisorClient::AdvisorClient(std::shared_ptr<AdvisorConnection> connection)
    : connection_(std::move(connection)) {}

absl::StatusOr<v1::Framework> AdvisorClient::GetFramework(std::string const& name) {
  v1::GetFrameworkRequest request;
  request.set_name(name);
  auto response = connection_->GetFramework(request);
  if (!response.ok()) return std::move(response).status();
  return std::move(*response->mutable_framework());
}

absl::StatusOr<v1::GetFrameworkResponse> AdvisorClient::GetFramework(
    v1::GetFrameworkRequest const& request) {
  return connection_->GetFramework(request);
}

absl::StatusOr<v1::ListFrameworksResponse> AdvisorClient::ListFrameworks(
    int page_size, std::string const& page_token) {
  v1::ListFrameworksRequest request;
  request.set_page_size(page_size);
  request.set_page_token(page_token);
  return connection_->ListFrameworks(request);
}

absl::StatusOr<v1::ListFrameworksResponse> AdvisorClient::ListFrameworks(
    v1::ListFrameworksRequest const& request) {
  return connection_->ListFrameworks(request);
}

absl::StatusOr<std::vector<v1::Framework>> AdvisorClient::ListAllFrameworks(int page_size) {
  return CollectPages<v1::Framework, v1::ListFrameworksRequest>(
      page_size,
      [this](v1::ListFrameworksRequest const& request) {
        return connection_->ListFrameworks(request);
      },
      [](v1::ListFrameworksResponse& page, std::vector<v1::Framework>& items) {
        for (auto& framework : *page.mutable_frameworks()) items.push_back(std::move(framework));
      });
}

absl::StatusOr<v1::CompareFrameworksResponse> AdvisorClient::CompareFrameworks(
    std::vector<std::string> const& names) {
  v1::CompareFrameworksRequest request;
  for (auto const& name : names) request.add_names(name);
  return connection_->CompareFrameworks(request);
}

absl::StatusOr<v1::CompareFrameworksResponse> AdvisorClient::CompareFrameworks(
    v1::CompareFrameworksRequest const& request) {
  return connection_->CompareFrameworks(request);
}

absl::StatusOr<v1::MatchRoleResponse> AdvisorClient::MatchRole(std::string const& description) {
  v1::MatchRoleRequest request;
  request.set_description(description);
  return connection_->MatchRole(request);
}

absl::StatusOr<v1::MatchRoleResponse> AdvisorClient::MatchRole(
    v1::MatchRoleRequest const& request) {
  return connection_->MatchRole(request);
}

absl::StatusOr<v1::AnswerQuestionResponse> AdvisorClient::AnswerQuestion(
    std::string const& question) {
  v1::AnswerQuestionRequest request;
  request.set_question(question);
  return connection_->AnswerQuestion(request);
}

absl::StatusOr<v1::AnswerQuestionResponse> AdvisorClient::AnswerQuestion(
    v1::AnswerQuestionRequest const& request) {
  return connection_->AnswerQuestion(request);
}

absl::StatusOr<v1::ListFaqsResponse> AdvisorClient::ListFaqs(int page_size,
                                                             std::string const& page_token) {
  v1::ListFaqsRequest request;
  request.set_page_size(page_size);
  request.set_page_token(page_token);
  return connection_->ListFaqs(request);
}

absl::StatusOr<v1::ListFaqsResponse> AdvisorClient::ListFaqs(v1::ListFaqsRequest const& request) {
  return connection_->ListFaqs(request);
}

absl::StatusOr<v1::BatchAnswerQuestionsResponse> AdvisorClient::BatchAnswerQuestions(
    std::vector<std::string> const& questions) {
  v1::BatchAnswerQuestionsRequest request;
  for (auto const& question : questions) request.add_requests()->set_question(question);
  return connection_->BatchAnswerQuestions(request);
}

absl::StatusOr<v1::BatchAnswerQuestionsResponse> AdvisorClient::BatchAnswerQuestions(
    v1::BatchAnswerQuestionsRequest const& request) {
  return connection_->BatchAnswerQuestions(request);
}

absl::StatusOr<v1::BatchMatchRolesResponse> AdvisorClient::BatchMatchRoles(
    std::vector<std::string> const& descriptions) {
  v1::BatchMatchRolesRequest request;
  for (auto const& description : descriptions) request.add_requests()->set_description(description);
  return connection_->BatchMatchRoles(request);
}

absl::StatusOr<v1::BatchMatchRolesResponse> AdvisorClient::BatchMatchRoles(
    v1::BatchMatchRolesRequest const& request) {
  return connection_->BatchMatchRoles(request);
}

absl::Status AdvisorClient::ForEachAnswer(absl::Span<std::string const> questions,
                                          AnswerSink const& sink, int window) {
  return client_internal::AnswerInOrder(*connection_, questions, window, sink);
}

absl::StatusOr<std::vector<AnswerOrError>> AdvisorClient::AnswerQuestions(
    absl::Span<std::string const> questions, int window) {
  std::vector<AnswerOrError> answers;
  answers.reserve(questions.size());
  absl::Status status = ForEachAnswer(
      questions,
      [&](std::size_t /*index*/, AnswerOrError answer) { answers.push_back(std::move(answer)); },
      window);
  if (!status.ok()) return status;
  return answers;
}

void AdvisorClient::AsyncGetFramework(v1::GetFrameworkRequest const& request,
                                      Callback<v1::GetFrameworkResponse> done) {
  connection_->AsyncGetFramework(request, std::move(done));
}

void AdvisorClient::AsyncListFrameworks(v1::ListFrameworksRequest const& request,
                                        Callback<v1::ListFrameworksResponse> done) {
  connection_->AsyncListFrameworks(request, std::move(done));
}

void AdvisorClient::AsyncCompareFrameworks(v1::CompareFrameworksRequest const& request,
                                           Callback<v1::CompareFrameworksResponse> done) {
  connection_->AsyncCompareFrameworks(request, std::move(done));
}

void AdvisorClient::AsyncMatchRole(v1::MatchRoleRequest const& request,
                                   Callback<v1::MatchRoleResponse> done) {
  connection_->AsyncMatchRole(request, std::move(done));
}

void AdvisorClient::AsyncBatchMatchRoles(v1::BatchMatchRolesRequest const& request,
                                         Callback<v1::BatchMatchRolesResponse> done) {
  connection_->AsyncBatchMatchRoles(request, std::move(done));
}

void AdvisorClient::AsyncAnswerQuestion(v1::AnswerQuestionRequest const& request,
                                        Callback<v1::AnswerQuestionResponse> done) {
  connection_->AsyncAnswerQuestion(request, std::move(done));
}

void AdvisorClient::AsyncBatchAnswerQuestions(v1::BatchAnswerQuestionsRequest const& request,
                                              Callback<v1::BatchAnswerQuestionsResponse> done) {
  connection_->AsyncBatchAnswerQuestions(request, std::move(done));
}

void AdvisorClient::AsyncListFaqs(v1::ListFaqsRequest const& request,
                                  Callback<v1::ListFaqsResponse> done) {
  connection_->AsyncListFaqs(request, std::move(done));
}

absl::StatusOr<std::vector<v1::Faq>> AdvisorClient::ListAllFaqs(int page_size) {
  return CollectPages<v1::Faq, v1::ListFaqsRequest>(
      page_size,
      [this](v1::ListFaqsRequest const& request) { return connection_->ListFaqs(request); },
      [](v1::ListFaqsResponse& page, std::vector<v1::Faq>& items) {
        for (auto& faq : *page.mutable_faqs()) items.push_back(std::move(faq));
      });
}

}  // namespace advisor::client
