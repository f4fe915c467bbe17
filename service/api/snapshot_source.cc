#include "service/api/snapshot_source.h"

#include <atomic>
#include <cassert>
#include <utility>

namespace advisor::api {

SnapshotSource::SnapshotSource(std::shared_ptr<const engines::Snapshot> initial) {
  assert(initial != nullptr);
  current_ = std::make_shared<const ServingSnapshot>(std::move(initial));
}

std::shared_ptr<const engines::Snapshot> SnapshotSource::Current() const {
  std::shared_ptr<const ServingSnapshot> serving = CurrentServing();
  const engines::Snapshot* snapshot = serving->snapshot.get();
  // Shares ownership of `serving`, which keeps the snapshot alive.
  return std::shared_ptr<const engines::Snapshot>(std::move(serving), snapshot);
}

std::shared_ptr<const ServingSnapshot> SnapshotSource::CurrentServing() const {
  return std::atomic_load(&current_);
}

void SnapshotSource::Replace(std::shared_ptr<const engines::Snapshot> next) {
  assert(next != nullptr);
  // The previous snapshot, returned and dropped here, is destroyed after
  // the swap if this was its last reference, so readers never wait for it.
  std::atomic_exchange(&current_, std::make_shared<const ServingSnapshot>(std::move(next)));
}

}  // namespace advisor::api
