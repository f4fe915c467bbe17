#include "service/api/faq_service_impl.h"

#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

#include "service/api/answer_conversion.h"
#include "service/api/calls/serve_unary.h"
#include "service/api/item_results.h"
#include "service/api/status_conversion.h"
#include "service/api/stream_answers_reactor.h"
#include "service/engines/pagination.h"

namespace advisor::api {
namespace {

using advisor::v1::AnswerQuestionRequest;
using advisor::v1::BatchAnswerQuestionsRequest;
using advisor::v1::BatchAnswerQuestionsResponse;
using advisor::v1::ListFaqsRequest;
using advisor::v1::ListFaqsResponse;

// Names the collection in page tokens, so tokens of other lists are refused.
constexpr absl::string_view kCollection = "faqs";

constexpr absl::string_view kAnswerQuestionMethod = "/advisor.v1.FaqService/AnswerQuestion";
constexpr absl::string_view kListFaqsMethod = "/advisor.v1.FaqService/ListFaqs";
constexpr absl::string_view kBatchAnswerQuestionsMethod =
    "/advisor.v1.FaqService/BatchAnswerQuestions";

absl::Status FillBatch(const engines::Snapshot& snapshot,
                       const BatchAnswerQuestionsRequest& request,
                       BatchAnswerQuestionsResponse& response) {
  if (absl::Status size = CheckBatchSize(request.requests_size()); !size.ok()) return size;
  response.mutable_results()->Reserve(request.requests_size());
  for (const AnswerQuestionRequest& item : request.requests()) {
    FillAnswerResult(snapshot, item, *response.add_results());
  }
  return absl::OkStatus();
}

absl::Status FillList(const engines::Snapshot& snapshot, const ListFaqsRequest& request,
                      ListFaqsResponse& response) {
  const auto& entries = snapshot.knowledge_base().faqs();
  absl::StatusOr<engines::Page> page =
      engines::ResolvePage(entries.size(), request.page_size(), request.page_token(), kCollection);
  if (!page.ok()) return page.status();
  response.mutable_faqs()->Reserve(page->end - page->begin);
  for (int i = page->begin; i < page->end; ++i) {
    const advisor::v1::FaqEntry& entry = entries.Get(i);
    advisor::v1::Faq* faq = response.add_faqs();
    faq->set_name(absl::StrCat("faqs/", entry.id()));
    faq->set_id(entry.id());
    faq->set_question(entry.question());
    faq->set_answer(entry.answer());
  }
  response.set_next_page_token(std::move(page->next_page_token));
  response.set_total_size(entries.size());
  return absl::OkStatus();
}

}  // namespace

FaqServiceImpl::FaqServiceImpl(ServiceEnvironment environment) : environment_(environment) {}

grpc::ServerUnaryReactor* FaqServiceImpl::AnswerQuestion(grpc::CallbackServerContext* context,
                                                         const grpc::ByteBuffer* request,
                                                         grpc::ByteBuffer* response) {
  return ServeUnaryBytes<AnswerQuestionRequest>(
      {environment_, kAnswerQuestionMethod, context, request, response},
      [](const ServingSnapshot& serving, const AnswerQuestionRequest& question,
         CallArena& /*arena*/,
         grpc::ByteBuffer* bytes) { return WriteAnswer(serving, question, bytes); });
}

grpc::ServerUnaryReactor* FaqServiceImpl::ListFaqs(grpc::CallbackServerContext* context,
                                                   const grpc::ByteBuffer* request,
                                                   grpc::ByteBuffer* response) {
  return ServeUnaryMessage<ListFaqsRequest, ListFaqsResponse>(
      {environment_, kListFaqsMethod, context, request, response}, FillList);
}

grpc::ServerUnaryReactor* FaqServiceImpl::BatchAnswerQuestions(grpc::CallbackServerContext* context,
                                                               const grpc::ByteBuffer* request,
                                                               grpc::ByteBuffer* response) {
  return ServeUnaryMessage<BatchAnswerQuestionsRequest, BatchAnswerQuestionsResponse>(
      {environment_, kBatchAnswerQuestionsMethod, context, request, response}, FillBatch);
}

grpc::ServerBidiReactor<advisor::v1::StreamAnswersRequest, advisor::v1::StreamAnswersResponse>*
FaqServiceImpl::StreamAnswers(grpc::CallbackServerContext* context) {
  return new StreamAnswersReactor(*context, environment_, kStreamAnswersWindow);
}

}  // namespace advisor::api
