#include "tests/eval/eval_backend.h"

namespace advisor::eval {

absl::StatusOr<FaqReply> FaqReplyFrom(const absl::StatusOr<v1::AnswerQuestionResponse>& response) {
  if (!response.ok()) return response.status();
  FaqReply reply;
  reply.answered = response->answered();
  reply.confidence = response->confidence();
  if (response->answered()) {
    reply.faq_id = response->faq_id();
    reply.source_name = response->source().name();
  }
  return reply;
}

absl::StatusOr<AskReply> AskReplyFrom(const absl::StatusOr<v1::AnswerQuestionResponse>& response) {
  if (!response.ok()) return response.status();
  AskReply reply;
  reply.answered = response->answered();
  reply.confidence = response->confidence();
  reply.context = response->context();
  reply.read_as = response->explanation().read_as();
  if (response->answered()) {
    reply.answer = response->answer();
    reply.source_kind = response->source().kind();
    reply.source_name = response->source().name();
  }
  return reply;
}

}  // namespace advisor::eval
