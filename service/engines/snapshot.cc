#include "service/engines/snapshot.h"

#include <utility>

namespace advisor::engines {

std::shared_ptr<const Snapshot> Snapshot::Build(advisor::v1::KnowledgeBase knowledge_base) {
  auto owned = std::make_unique<const advisor::v1::KnowledgeBase>(std::move(knowledge_base));
  // The constructor is private, so make_shared cannot reach it.
  return std::shared_ptr<const Snapshot>(new Snapshot(std::move(owned)));
}

Snapshot::Snapshot(std::unique_ptr<const advisor::v1::KnowledgeBase> knowledge_base)
    : knowledge_base_(std::move(knowledge_base)),
      frameworks_(*knowledge_base_),
      roles_(*knowledge_base_),
      answers_(*knowledge_base_) {}

}  // namespace advisor::engines
