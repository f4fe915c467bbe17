#include "tests/fuzz/default_snapshot.h"

#include <utility>

#include "absl/status/statusor.h"

#include "service/knowledge_base/knowledge_base_loader.h"
#include "tests/fuzz/fuzz_input.h"

namespace advisor::fuzz {

std::shared_ptr<const engines::Snapshot> DefaultSnapshot() {
  // Never destroyed: fuzz targets may run until the process exits.
  static const auto* const snapshot = [] {
    absl::StatusOr<advisor::v1::KnowledgeBase> kb = knowledge_base::LoadDefaultKnowledgeBase();
    ADVISOR_FUZZ_CHECK(kb.ok());
    return new std::shared_ptr<const engines::Snapshot>(engines::Snapshot::Build(*std::move(kb)));
  }();
  return *snapshot;
}

}  // namespace advisor::fuzz
