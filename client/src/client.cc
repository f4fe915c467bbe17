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

absl::StatusOr<v1::Framework> AdvisorClient::GetFramework(const std::string& name) {
  v1::GetFrameworkRequest request;
  request.set_name(name);
  auto response = connection_->GetFramework(request);
  if (!response.ok()) return std::move(response).status();
  return std::move(*response->mutable_framework());
}

absl::StatusOr<v1::GetFrameworkResponse> AdvisorClient::GetFramework(
    const v1::GetFrameworkRequest& request) {
  return connection_->GetFramework(request);
}

absl::StatusOr<v1::ListFrameworksResponse> AdvisorClient::ListFrameworks(
    int page_size, const std::string& page_token) {
  v1::ListFrameworksRequest request;
  request.set_page_size(page_size);
  request.set_page_token(page_token);
  return connection_->ListFrameworks(request);
}

absl::StatusOr<v1::ListFrameworksResponse> AdvisorClient::ListFrameworks(
    const v1::ListFrameworksRequest& request) {
  return connection_->ListFrameworks(request);
}

absl::StatusOr<std::vector<v1::Framework>> AdvisorClient::ListAllFrameworks(
    int page_size, const std::string& filter) {
  return CollectPages<v1::Framework, v1::ListFrameworksRequest>(
      page_size,
      [this, &filter](const v1::ListFrameworksRequest& request) {
        v1::ListFrameworksRequest filtered = request;
        filtered.set_filter(filter);
        return connection_->ListFrameworks(filtered);
      },
      [](v1::ListFrameworksResponse& page, std::vector<v1::Framework>& items) {
        for (auto& framework : *page.mutable_frameworks()) items.push_back(std::move(framework));
      });
}

absl::StatusOr<v1::CompareFrameworksResponse> AdvisorClient::CompareFrameworks(
    const std::vector<std::string>& names) {
  v1::CompareFrameworksRequest request;
  for (const auto& name : names) request.add_names(name);
  return connection_->CompareFrameworks(request);
}

absl::StatusOr<v1::CompareFrameworksResponse> AdvisorClient::CompareFrameworks(
    const v1::CompareFrameworksRequest& request) {
  return connection_->CompareFrameworks(request);
}

absl::StatusOr<v1::MatchRoleResponse> AdvisorClient::MatchRole(const std::string& description) {
  v1::MatchRoleRequest request;
  request.set_description(description);
  return connection_->MatchRole(request);
}

absl::StatusOr<v1::MatchRoleResponse> AdvisorClient::MatchRole(
    const v1::MatchRoleRequest& request) {
  return connection_->MatchRole(request);
}

absl::StatusOr<v1::AnswerQuestionResponse> AdvisorClient::AnswerQuestion(
    const std::string& question) {
  v1::AnswerQuestionRequest request;
  request.set_question(question);
  return connection_->AnswerQuestion(request);
}

absl::StatusOr<v1::AnswerQuestionResponse> AdvisorClient::AnswerQuestion(
    const v1::AnswerQuestionRequest& request) {
  return connection_->AnswerQuestion(request);
}

absl::StatusOr<v1::ListFaqsResponse> AdvisorClient::ListFaqs(int page_size,
                                                             const std::string& page_token) {
  v1::ListFaqsRequest request;
  request.set_page_size(page_size);
  request.set_page_token(page_token);
  return connection_->ListFaqs(request);
}

absl::StatusOr<v1::ListFaqsResponse> AdvisorClient::ListFaqs(const v1::ListFaqsRequest& request) {
  return connection_->ListFaqs(request);
}

absl::StatusOr<v1::BatchAnswerQuestionsResponse> AdvisorClient::BatchAnswerQuestions(
    const std::vector<std::string>& questions) {
  v1::BatchAnswerQuestionsRequest request;
  for (const auto& question : questions) request.add_requests()->set_question(question);
  return connection_->BatchAnswerQuestions(request);
}

absl::StatusOr<v1::BatchAnswerQuestionsResponse> AdvisorClient::BatchAnswerQuestions(
    const v1::BatchAnswerQuestionsRequest& request) {
  return connection_->BatchAnswerQuestions(request);
}

absl::StatusOr<v1::BatchMatchRolesResponse> AdvisorClient::BatchMatchRoles(
    const std::vector<std::string>& descriptions) {
  v1::BatchMatchRolesRequest request;
  for (const auto& description : descriptions) request.add_requests()->set_description(description);
  return connection_->BatchMatchRoles(request);
}

absl::StatusOr<v1::BatchMatchRolesResponse> AdvisorClient::BatchMatchRoles(
    const v1::BatchMatchRolesRequest& request) {
  return connection_->BatchMatchRoles(request);
}

absl::Status AdvisorClient::ForEachAnswer(absl::Span<std::string const> questions,
                                          const AnswerSink& sink, int window) {
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

void AdvisorClient::AsyncGetFramework(const v1::GetFrameworkRequest& request,
                                      Callback<v1::GetFrameworkResponse> done) {
  connection_->AsyncGetFramework(request, std::move(done));
}

void AdvisorClient::AsyncListFrameworks(const v1::ListFrameworksRequest& request,
                                        Callback<v1::ListFrameworksResponse> done) {
  connection_->AsyncListFrameworks(request, std::move(done));
}

void AdvisorClient::AsyncCompareFrameworks(const v1::CompareFrameworksRequest& request,
                                           Callback<v1::CompareFrameworksResponse> done) {
  connection_->AsyncCompareFrameworks(request, std::move(done));
}

void AdvisorClient::AsyncMatchRole(const v1::MatchRoleRequest& request,
                                   Callback<v1::MatchRoleResponse> done) {
  connection_->AsyncMatchRole(request, std::move(done));
}

void AdvisorClient::AsyncBatchMatchRoles(const v1::BatchMatchRolesRequest& request,
                                         Callback<v1::BatchMatchRolesResponse> done) {
  connection_->AsyncBatchMatchRoles(request, std::move(done));
}

void AdvisorClient::AsyncAnswerQuestion(const v1::AnswerQuestionRequest& request,
                                        Callback<v1::AnswerQuestionResponse> done) {
  connection_->AsyncAnswerQuestion(request, std::move(done));
}

void AdvisorClient::AsyncBatchAnswerQuestions(const v1::BatchAnswerQuestionsRequest& request,
                                              Callback<v1::BatchAnswerQuestionsResponse> done) {
  connection_->AsyncBatchAnswerQuestions(request, std::move(done));
}

void AdvisorClient::AsyncListFaqs(const v1::ListFaqsRequest& request,
                                  Callback<v1::ListFaqsResponse> done) {
  connection_->AsyncListFaqs(request, std::move(done));
}

absl::StatusOr<std::vector<v1::Faq>> AdvisorClient::ListAllFaqs(int page_size) {
  return CollectPages<v1::Faq, v1::ListFaqsRequest>(
      page_size,
      [this](const v1::ListFaqsRequest& request) { return connection_->ListFaqs(request); },
      [](v1::ListFaqsResponse& page, std::vector<v1::Faq>& items) {
        for (auto& faq : *page.mutable_faqs()) items.push_back(std::move(faq));
      });
}

}  // namespace advisor::client
