// Placeholder until the lookup engine lands.
#include "service/engines/framework_lookup.h"
namespace advisor::engines {
FrameworkLookup::FrameworkLookup(const advisor::v1::KnowledgeBase& kb) : knowledge_base_(kb) {}
absl::StatusOr<const advisor::v1::Framework*> FrameworkLookup::Find(absl::string_view) const {
  return absl::UnimplementedError("lookup is not built yet");
}
absl::StatusOr<FrameworkComparison> FrameworkLookup::Compare(absl::Span<const std::string>) const {
  return absl::UnimplementedError("compare is not built yet");
}
}  // namespace advisor::engines
