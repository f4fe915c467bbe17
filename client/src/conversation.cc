#include "advisor/client/conversation.h"

#include <utility>

namespace advisor::client {

Conversation::Conversation(AdvisorClient client, std::string asker)
    : client_(std::move(client)), asker_(std::move(asker)) {}

absl::StatusOr<v1::AnswerQuestionResponse> Conversation::Ask(const std::string& question) {
  v1::AnswerQuestionRequest request;
  request.set_question(question);
  request.set_asker(asker_);
  request.set_context(context_);
  request.set_explain(explain_);
  absl::StatusOr<v1::AnswerQuestionResponse> answer = client_.AnswerQuestion(request);
  if (answer.ok()) context_ = answer->context();
  return answer;
}

}  // namespace advisor::client
