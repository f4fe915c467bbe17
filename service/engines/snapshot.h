#ifndef ADVISOR_SERVICE_ENGINES_SNAPSHOT_H_
#define ADVISOR_SERVICE_ENGINES_SNAPSHOT_H_

#include <memory>

#include "advisor/v1/knowledge_base.pb.h"
#include "service/engines/framework_lookup.h"
#include "service/engines/knowledge_answerer.h"
#include "service/engines/role_matcher.h"

namespace advisor::engines {

// One validated knowledge base with the engines built over it. Immutable
// and shared by pointer: a call keeps the snapshot it started with alive,
// so a new one can be swapped in while calls are in flight.
class Snapshot {
 public:
  // `knowledge_base` must have been validated (see knowledge_base_loader.h).
  static std::shared_ptr<const Snapshot> Build(advisor::v1::KnowledgeBase knowledge_base);

  const advisor::v1::KnowledgeBase& knowledge_base() const { return *knowledge_base_; }
  const FrameworkLookup& frameworks() const { return frameworks_; }
  const RoleMatcher& roles() const { return roles_; }
  const KnowledgeAnswerer& answers() const { return answers_; }

 private:
  explicit Snapshot(std::unique_ptr<const advisor::v1::KnowledgeBase> knowledge_base);

  // Declared first: the engines below point into it.
  std::unique_ptr<const advisor::v1::KnowledgeBase> knowledge_base_;
  FrameworkLookup frameworks_;
  RoleMatcher roles_;
  KnowledgeAnswerer answers_;
};

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_SNAPSHOT_H_
