// Placeholder until the loader lands.
#include "service/knowledge_base/knowledge_base_loader.h"
namespace advisor::knowledge_base {
absl::StatusOr<advisor::v1::KnowledgeBase> ParseKnowledgeBase(absl::string_view,
                                                              absl::string_view) {
  return absl::UnimplementedError("not built yet");
}
absl::StatusOr<advisor::v1::KnowledgeBase> LoadKnowledgeBaseFile(const std::string&) {
  return absl::UnimplementedError("not built yet");
}
absl::StatusOr<advisor::v1::KnowledgeBase> LoadDefaultKnowledgeBase() {
  return ParseKnowledgeBase(DefaultKnowledgeBaseText(), "<embedded default knowledge base>");
}
}  // namespace advisor::knowledge_base
