#ifndef ADVISOR_SERVICE_SERVER_KNOWLEDGE_BASE_RELOADER_H_
#define ADVISOR_SERVICE_SERVER_KNOWLEDGE_BASE_RELOADER_H_

#include <cstddef>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

#include "service/server/advisor_server.h"

namespace advisor::server {

// Hot reload of a knowledge base file: reads it, validates it, builds the
// snapshot and swaps it in with SnapshotSource::Replace, so calls in flight
// finish on the version they started with. A file that fails validation
// is rejected and the serving version stays. Every attempt is reported to
// the server's observers (api::KnowledgeBaseLoad; the log observer writes the
// FILE:LINE:COL problem of a rejected file).
//
// Change detection compares the file's content, not its mtime or inode: a
// Kubernetes ConfigMap volume updates by swapping a `..data` symlink, which
// an inotify watch on the file itself never sees, and a content hash also
// ignores touches that change nothing.
//
// Thread-safe: Reload() and ReloadIfChanged() serialise on a mutex; the
// poller calls ReloadIfChanged() from its own thread.
class KnowledgeBaseReloader {
 public:
  // `server` must outlive the reloader. The file's current content counts
  // as already loaded (it is what the server started with).
  KnowledgeBaseReloader(std::string path, AdvisorServer& server);

  // Stops polling.
  ~KnowledgeBaseReloader();

  KnowledgeBaseReloader(const KnowledgeBaseReloader&) = delete;
  KnowledgeBaseReloader& operator=(const KnowledgeBaseReloader&) = delete;

  // Loads the file now, changed or not (SIGHUP). OK when the new version
  // serves; otherwise the loader's error (NOT_FOUND, INVALID_ARGUMENT with
  // FILE:LINE:COL, ...) and the old version keeps serving.
  absl::Status Reload();

  // Loads the file if its content differs from the last one tried (a
  // rejected content is not tried again until it changes). OK when nothing
  // changed or the new version serves.
  absl::Status ReloadIfChanged();

  // Calls ReloadIfChanged() every `interval` on a background thread until
  // destruction. Call at most once; a non-positive interval does nothing.
  void StartPolling(absl::Duration interval);

 private:
  absl::Status LoadLocked(const absl::StatusOr<std::string>& text)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void Poll(absl::Duration interval);

  const std::string path_;
  AdvisorServer& server_;
  absl::Mutex mutex_;
  size_t last_hash_ ABSL_GUARDED_BY(mutex_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread poller_;
};

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_KNOWLEDGE_BASE_RELOADER_H_
