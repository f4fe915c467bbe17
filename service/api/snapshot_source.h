#ifndef ADVISOR_SERVICE_API_SNAPSHOT_SOURCE_H_
#define ADVISOR_SERVICE_API_SNAPSHOT_SOURCE_H_

#include <memory>
#include <string>

#include "absl/strings/string_view.h"

#include "advisor/v1/served_by.pb.h"
#include "service/api/wire/prebuilt_responses.h"
#include "service/engines/snapshot.h"

namespace advisor::api {

// What a call is served from: one knowledge base snapshot, the ServedBy
// every response carries, and the responses prebuilt from them, always of
// the same version.
struct ServingSnapshot {
  ServingSnapshot(std::shared_ptr<const engines::Snapshot> snapshot_in,
                  absl::string_view server_version);

  const std::shared_ptr<const engines::Snapshot> snapshot;
  const advisor::v1::ServedBy served_by;
  // served_by serialised, for the hand-written response encoders.
  const std::string encoded_served_by;
  const PrebuiltResponses prebuilt;
};

// Hands out the knowledge base snapshot that calls are served from, and lets
// a newer one be swapped in (hot reload) while calls are in flight. A call
// takes the snapshot once with Current() and uses it to the end, so it never
// mixes two versions; the old snapshot lives until its last call finishes.
// Thread-safe.
class SnapshotSource {
 public:
  // `initial` must not be null; `server_version` is the build version every
  // response names (ServedBy).
  explicit SnapshotSource(std::shared_ptr<const engines::Snapshot> initial,
                          std::string server_version = "unknown");

  SnapshotSource(const SnapshotSource&) = delete;
  SnapshotSource& operator=(const SnapshotSource&) = delete;

  // The snapshot to serve a call from; never null.
  std::shared_ptr<const engines::Snapshot> Current() const;

  // As Current(), with the responses prebuilt from that snapshot.
  std::shared_ptr<const ServingSnapshot> CurrentServing() const;

  // Serves later calls from `next`, which must not be null; its prebuilt
  // responses are built here, before any call sees it. Calls that already
  // hold the previous snapshot finish with it.
  void Replace(std::shared_ptr<const engines::Snapshot> next);

 private:
  // Read and written only through std::atomic_load / std::atomic_store (the
  // C++17 shared_ptr atomics), not an absl::Mutex: every call reads it, and
  // a Mutex costs far more per call (Debian's Abseil keeps deadlock
  // detection on) than the pointer copy it would protect.
  std::shared_ptr<const ServingSnapshot> current_;
  const std::string server_version_;
};

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_SNAPSHOT_SOURCE_H_
