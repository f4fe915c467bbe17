#include "service/api/snapshot_source.h"

#include <memory>
#include <utility>

#include "gtest/gtest.h"

#include "service/engines/snapshot.h"
#include "service/knowledge_base/knowledge_base_loader.h"

namespace advisor::api {
namespace {

std::shared_ptr<const engines::Snapshot> DefaultSnapshot(const std::string& version) {
  absl::StatusOr<advisor::v1::KnowledgeBase> knowledge_base =
      knowledge_base::LoadDefaultKnowledgeBase();
  EXPECT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  if (!knowledge_base.ok()) return nullptr;
  knowledge_base->set_version(version);
  return engines::Snapshot::Build(*std::move(knowledge_base));
}

TEST(SnapshotSourceTest, ServesTheInitialSnapshot) {
  std::shared_ptr<const engines::Snapshot> initial = DefaultSnapshot("first");
  ASSERT_NE(initial, nullptr);
  const SnapshotSource source(initial);
  EXPECT_EQ(source.Current(), initial);
}

TEST(SnapshotSourceTest, ReplaceServesTheNewSnapshotToLaterCalls) {
  SnapshotSource source(DefaultSnapshot("first"));
  source.Replace(DefaultSnapshot("second"));
  EXPECT_EQ(source.Current()->knowledge_base().version(), "second");
}

TEST(SnapshotSourceTest, CallInFlightKeepsItsSnapshotAcrossReplace) {
  SnapshotSource source(DefaultSnapshot("first"));
  std::shared_ptr<const engines::Snapshot> in_flight = source.Current();
  const std::weak_ptr<const engines::Snapshot> watcher = in_flight;

  source.Replace(DefaultSnapshot("second"));
  ASSERT_FALSE(watcher.expired());
  EXPECT_EQ(in_flight->knowledge_base().version(), "first");

  // The last holder finishing releases the old snapshot.
  in_flight.reset();
  EXPECT_TRUE(watcher.expired());
}

}  // namespace
}  // namespace advisor::api
