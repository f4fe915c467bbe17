#include "service/api/snapshot_source.h"

#include <cassert>
#include <utility>

namespace advisor::api {

SnapshotSource::SnapshotSource(std::shared_ptr<const engines::Snapshot> initial)
    : current_(std::move(initial)) {
  assert(current_ != nullptr);
}

std::shared_ptr<const engines::Snapshot> SnapshotSource::Current() const {
  absl::ReaderMutexLock lock(&mu_);
  return current_;
}

void SnapshotSource::Replace(std::shared_ptr<const engines::Snapshot> next) {
  assert(next != nullptr);
  {
    absl::MutexLock lock(&mu_);
    current_.swap(next);
  }
  // `next` now holds the previous snapshot; if this was its last reference
  // it is destroyed here, outside the lock, so readers never wait for it.
}

}  // namespace advisor::api
