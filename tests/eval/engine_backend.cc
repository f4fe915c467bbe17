#include "tests/eval/engine_backend.h"

#include <string>
#include <utility>

#include "absl/status/status.h"

#include "service/api/answer_conversion.h"
#include "service/knowledge_base/knowledge_base_loader.h"

namespace advisor::eval {

absl::StatusOr<std::unique_ptr<EngineBackend>> EngineBackend::ForDefaultKnowledgeBase() {
  absl::StatusOr<advisor::v1::KnowledgeBase> knowledge_base =
      knowledge_base::LoadDefaultKnowledgeBase();
  if (!knowledge_base.ok()) return knowledge_base.status();
  return std::make_unique<EngineBackend>(engines::Snapshot::Build(*std::move(knowledge_base)));
}

absl::StatusOr<v1::AnswerQuestionResponse> EngineBackend::Answer(absl::string_view question) const {
  v1::AnswerQuestionRequest request;
  request.set_question(std::string(question));
  return Answer(request);
}

absl::StatusOr<v1::AnswerQuestionResponse> EngineBackend::Answer(
    const v1::AnswerQuestionRequest& request) const {
  v1::AnswerQuestionResponse response;
  absl::Status status = api::FillAnswer(*snapshot_, request, response);
  if (!status.ok()) return status;
  return response;
}

absl::StatusOr<FaqReply> EngineBackend::AskFaq(absl::string_view question) {
  return FaqReplyFrom(Answer(question));
}

absl::StatusOr<AskReply> EngineBackend::Ask(absl::string_view question) {
  return AskReplyFrom(Answer(question));
}

absl::StatusOr<AskReply> EngineBackend::Ask(const v1::AnswerQuestionRequest& request) {
  return AskReplyFrom(Answer(request));
}

absl::StatusOr<std::string> EngineBackend::TopFrameworkForRole(absl::string_view description) {
  absl::StatusOr<engines::RoleMatch> match = snapshot_->roles().Match(description);
  if (!match.ok()) return match.status();
  if (match->fits.empty() || match->fits.front().framework == nullptr) {
    return absl::NotFoundError("the role matcher ranked no framework");
  }
  return match->fits.front().framework->display_name();
}

absl::StatusOr<std::string> EngineBackend::LookupFramework(absl::string_view query) {
  absl::StatusOr<const advisor::v1::Framework*> framework = snapshot_->frameworks().Find(query);
  if (!framework.ok()) return framework.status();
  return (*framework)->display_name();
}

}  // namespace advisor::eval
