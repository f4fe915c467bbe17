#include "tests/eval/engine_backend.h"

#include <utility>

#include "absl/status/status.h"

#include "service/knowledge_base/knowledge_base_loader.h"

namespace advisor::eval {

absl::StatusOr<std::unique_ptr<EngineBackend>> EngineBackend::ForDefaultKnowledgeBase() {
  absl::StatusOr<advisor::v1::KnowledgeBase> knowledge_base =
      knowledge_base::LoadDefaultKnowledgeBase();
  if (!knowledge_base.ok()) return knowledge_base.status();
  return std::make_unique<EngineBackend>(engines::Snapshot::Build(*std::move(knowledge_base)));
}

absl::StatusOr<FaqReply> EngineBackend::AskFaq(absl::string_view question) {
  absl::StatusOr<engines::FaqAnswer> answer = snapshot_->faqs().Answer(question);
  if (!answer.ok()) return answer.status();
  FaqReply reply;
  reply.confidence = answer->confidence;
  if (answer->answered && answer->best != nullptr) reply.faq_id = answer->best->id();
  return reply;
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
