// Placeholder until the role matching engine lands.
#include "service/engines/role_matcher.h"
namespace advisor::engines {
struct RoleMatcher::Index {};
RoleMatcher::RoleMatcher(const advisor::v1::KnowledgeBase& kb) : knowledge_base_(kb) {}
RoleMatcher::~RoleMatcher() = default;
absl::StatusOr<RoleMatch> RoleMatcher::Match(absl::string_view) const {
  return absl::UnimplementedError("role matching is not built yet");
}
}  // namespace advisor::engines
