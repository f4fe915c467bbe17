#include "service/api/snapshot_source.h"

#include <atomic>
#include <cassert>
#include <string>
#include <utility>

namespace advisor::api {

namespace {

advisor::v1::ServedBy MakeServedBy(const engines::Snapshot& snapshot,
                                   absl::string_view server_version) {
  advisor::v1::ServedBy served_by;
  served_by.set_server_version(server_version.data(), server_version.size());
  served_by.set_knowledge_base_version(snapshot.knowledge_base().version());
  return served_by;
}

}  // namespace

ServingSnapshot::ServingSnapshot(std::shared_ptr<const engines::Snapshot> snapshot_in,
                                 absl::string_view server_version)
    : snapshot(std::move(snapshot_in)),
      served_by(MakeServedBy(*snapshot, server_version)),
      encoded_served_by(served_by.SerializeAsString()),
      prebuilt(*snapshot, served_by) {}

SnapshotSource::SnapshotSource(std::shared_ptr<const engines::Snapshot> initial,
                               std::string server_version)
    : server_version_(std::move(server_version)) {
  assert(initial != nullptr);
  current_ = std::make_shared<const ServingSnapshot>(std::move(initial), server_version_);
}

std::shared_ptr<const engines::Snapshot> SnapshotSource::Current() const {
  std::shared_ptr<const ServingSnapshot> serving = CurrentServing();
  const engines::Snapshot* snapshot = serving->snapshot.get();
  // Shares ownership of `serving`, which keeps the snapshot alive.
  return {serving, snapshot};
}

std::shared_ptr<const ServingSnapshot> SnapshotSource::CurrentServing() const {
  return std::atomic_load(&current_);
}

void SnapshotSource::Replace(std::shared_ptr<const engines::Snapshot> next) {
  assert(next != nullptr);
  // The previous snapshot, returned and dropped here, is destroyed after
  // the swap if this was its last reference, so readers never wait for it.
  std::atomic_exchange(&current_,
                       std::make_shared<const ServingSnapshot>(std::move(next), server_version_));
}

}  // namespace advisor::api
