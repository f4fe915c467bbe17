#include "service/api/faq_service_impl.h"

#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

#include "service/api/status_conversion.h"
#include "service/engines/faq_answerer.h"
#include "service/engines/pagination.h"

namespace advisor::api {
namespace {

using advisor::v1::AnswerQuestionRequest;
using advisor::v1::AnswerQuestionResponse;
using advisor::v1::ListFaqsRequest;
using advisor::v1::ListFaqsResponse;

// Names the collection in page tokens, so tokens of other lists are refused.
constexpr absl::string_view kCollection = "faqs";

absl::Status FillAnswer(const engines::Snapshot& snapshot, const AnswerQuestionRequest& request,
                        AnswerQuestionResponse& response) {
  absl::StatusOr<engines::FaqAnswer> answer = snapshot.faqs().Answer(request.question());
  if (!answer.ok()) return answer.status();
  response.set_answered(answer->answered);
  // The API promises empty answer fields when the question is not covered,
  // even though the engine may still name its best (too weak) guess.
  if (answer->answered && answer->best != nullptr) {
    response.set_faq_id(answer->best->id());
    response.set_question(answer->best->question());
    response.set_answer(answer->best->answer());
  }
  response.set_confidence(answer->confidence);
  for (const engines::FaqCandidate& candidate : answer->alternatives) {
    advisor::v1::FaqCandidate* out = response.add_alternatives();
    out->set_faq_id(candidate.entry->id());
    out->set_question(candidate.entry->question());
    out->set_confidence(candidate.confidence);
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

FaqServiceImpl::FaqServiceImpl(const SnapshotSource& snapshots) : snapshots_(snapshots) {}

grpc::ServerUnaryReactor* FaqServiceImpl::AnswerQuestion(grpc::CallbackServerContext* context,
                                                         const AnswerQuestionRequest* request,
                                                         AnswerQuestionResponse* response) {
  const std::shared_ptr<const engines::Snapshot> snapshot = snapshots_.Current();
  const absl::Status status = FillAnswer(*snapshot, *request, *response);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

grpc::ServerUnaryReactor* FaqServiceImpl::ListFaqs(grpc::CallbackServerContext* context,
                                                   const ListFaqsRequest* request,
                                                   ListFaqsResponse* response) {
  const std::shared_ptr<const engines::Snapshot> snapshot = snapshots_.Current();
  const absl::Status status = FillList(*snapshot, *request, *response);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

}  // namespace advisor::api
