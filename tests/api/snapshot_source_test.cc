#include "service/api/snapshot_source.h"

#include <memory>
#include <string>
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

TEST(SnapshotSourceTest, ServedByNamesTheServerBuildAndTheServingVersion) {
  SnapshotSource source(DefaultSnapshot("first"), "4.5.6-test");
  std::shared_ptr<const ServingSnapshot> first = source.CurrentServing();
  EXPECT_EQ(first->served_by.server_version(), "4.5.6-test");
  EXPECT_EQ(first->served_by.knowledge_base_version(), "first");
  advisor::v1::ServedBy decoded;
  ASSERT_TRUE(decoded.ParseFromString(first->encoded_served_by));
  EXPECT_EQ(decoded.SerializeAsString(), first->served_by.SerializeAsString());

  source.Replace(DefaultSnapshot("second"));
  EXPECT_EQ(source.CurrentServing()->served_by.server_version(), "4.5.6-test");
  EXPECT_EQ(source.CurrentServing()->served_by.knowledge_base_version(), "second");
  // A call that took the first snapshot still names it.
  EXPECT_EQ(first->served_by.knowledge_base_version(), "first");
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
