#include "service/server/knowledge_base_reloader.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

#include "service/engines/snapshot.h"
#include "service/knowledge_base/knowledge_base_loader.h"

namespace advisor::server {
namespace {

// The file's content, following symlinks (a ConfigMap's file is a symlink
// into the `..data` directory of the current version).
absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return absl::NotFoundError(absl::StrCat("cannot read ", path, ": ", std::strerror(errno)));
  }
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

size_t Hash(const std::string& text) { return std::hash<std::string>()(text); }

}  // namespace

KnowledgeBaseReloader::KnowledgeBaseReloader(std::string path, AdvisorServer& server)
    : path_(std::move(path)), server_(server) {
  absl::StatusOr<std::string> text = ReadFile(path_);
  absl::MutexLock lock(&mutex_);
  if (text.ok()) last_hash_ = Hash(*text);
}

KnowledgeBaseReloader::~KnowledgeBaseReloader() {
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
  }
  if (poller_.joinable()) poller_.join();
}

absl::Status KnowledgeBaseReloader::Reload() {
  absl::MutexLock lock(&mutex_);
  absl::StatusOr<std::string> text = ReadFile(path_);
  if (text.ok()) last_hash_ = Hash(*text);
  return LoadLocked(text);
}

absl::Status KnowledgeBaseReloader::ReloadIfChanged() {
  absl::MutexLock lock(&mutex_);
  absl::StatusOr<std::string> text = ReadFile(path_);
  // A file that is briefly missing (mid-swap) is not worth a rejection;
  // the next poll sees the new one.
  if (!text.ok()) return absl::OkStatus();
  const size_t hash = Hash(*text);
  if (hash == last_hash_) return absl::OkStatus();
  last_hash_ = hash;
  return LoadLocked(text);
}

absl::Status KnowledgeBaseReloader::LoadLocked(const absl::StatusOr<std::string>& text) {
  absl::StatusOr<advisor::v1::KnowledgeBase> knowledge_base =
      text.ok() ? knowledge_base::ParseKnowledgeBase(*text, path_)
                : absl::StatusOr<advisor::v1::KnowledgeBase>(text.status());
  absl::Status status = knowledge_base.status();
  api::KnowledgeBaseLoad load;
  std::string serving_version;
  std::string error;
  if (knowledge_base.ok()) {
    serving_version = knowledge_base->version();
    server_.snapshots().Replace(engines::Snapshot::Build(*std::move(knowledge_base)));
    load.ok = true;
  } else {
    serving_version = server_.snapshots().Current()->knowledge_base().version();
    error = std::string(status.message());
  }
  load.serving_version = serving_version;
  load.error = error;
  for (const auto& observer : server_.observers()) observer->OnKnowledgeBaseLoad(load);
  return status;
}

void KnowledgeBaseReloader::StartPolling(absl::Duration interval) {
  if (interval <= absl::ZeroDuration() || poller_.joinable()) return;
  poller_ = std::thread([this, interval] { Poll(interval); });
}

void KnowledgeBaseReloader::Poll(absl::Duration interval) {
  while (true) {
    {
      absl::MutexLock lock(&mutex_);
      // Sleeps until the interval is over or the destructor asks to stop.
      mutex_.AwaitWithTimeout(absl::Condition(&stopping_), interval);
      if (stopping_) return;
    }
    ReloadIfChanged().IgnoreError();
  }
}

}  // namespace advisor::server
