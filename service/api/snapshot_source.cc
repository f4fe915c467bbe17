#include "service/api/snapshot_source.h"

#include <atomic>
#include <cassert>
#include <utility>

namespace advisor::api {

SnapshotSource::SnapshotSource(std::shared_ptr<const engines::Snapshot> initial)
    : current_(std::move(initial)) {
  assert(current_ != nullptr);
}

std::shared_ptr<const engines::Snapshot> SnapshotSource::Current() const {
  return std::atomic_load(&current_);
}

void SnapshotSource::Replace(std::shared_ptr<const engines::Snapshot> next) {
  assert(next != nullptr);
  next = std::atomic_exchange(&current_, std::move(next));
  // `next` now holds the previous snapshot; if this was its last reference
  // it is destroyed here, after the swap, so readers never wait for it.
}

}  // namespace advisor::api
