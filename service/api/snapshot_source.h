#ifndef ADVISOR_SERVICE_API_SNAPSHOT_SOURCE_H_
#define ADVISOR_SERVICE_API_SNAPSHOT_SOURCE_H_

#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

#include "service/engines/snapshot.h"

namespace advisor::api {

// Hands out the knowledge base snapshot that calls are served from, and lets
// a newer one be swapped in (hot reload) while calls are in flight. A call
// takes the snapshot once with Current() and uses it to the end, so it never
// mixes two versions; the old snapshot lives until its last call finishes.
// Thread-safe. No gRPC here.
class SnapshotSource {
 public:
  // `initial` must not be null.
  explicit SnapshotSource(std::shared_ptr<const engines::Snapshot> initial);

  SnapshotSource(const SnapshotSource&) = delete;
  SnapshotSource& operator=(const SnapshotSource&) = delete;

  // The snapshot to serve a call from; never null.
  std::shared_ptr<const engines::Snapshot> Current() const ABSL_LOCKS_EXCLUDED(mu_);

  // Serves later calls from `next`, which must not be null. Calls that
  // already hold the previous snapshot finish with it.
  void Replace(std::shared_ptr<const engines::Snapshot> next) ABSL_LOCKS_EXCLUDED(mu_);

 private:
  // Readers only copy the pointer under the lock, so it is held for a few
  // instructions; a reader lock lets calls proceed side by side.
  mutable absl::Mutex mu_;
  std::shared_ptr<const engines::Snapshot> current_ ABSL_GUARDED_BY(mu_);
};

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_SNAPSHOT_SOURCE_H_
