#include "common/flags_usage.h"

#include <utility>
#include <vector>

#include "absl/flags/usage_config.h"
#include "absl/strings/match.h"

namespace advisor::flags_usage {
namespace {

// Whether `filename` is `path` or ends in "/" + `path`.
bool IsPath(absl::string_view filename, absl::string_view path) {
  if (!absl::EndsWith(filename, path)) return false;
  return filename.size() == path.size() || filename[filename.size() - path.size() - 1] == '/';
}

}  // namespace

absl::string_view TopicOf(absl::Span<const FlagFile> files, absl::string_view filename) {
  for (const FlagFile& file : files) {
    if (filename == file.topic || IsPath(filename, file.path)) return file.topic;
  }
  return {};
}

void SetFlagsUsage(absl::Span<const FlagFile> files, std::string version) {
  // Copied: the callbacks outlive `files`.
  const std::vector<FlagFile> table(files.begin(), files.end());
  absl::FlagsUsageConfig config;
  // Abseil's filters see the file names after normalize_filename, i.e. the
  // topics.
  config.contains_help_flags = [table](absl::string_view filename) {
    return !TopicOf(table, filename).empty();
  };
  config.contains_helpshort_flags = config.contains_help_flags;
  config.contains_helppackage_flags = config.contains_help_flags;
  config.normalize_filename = [table](absl::string_view filename) {
    const absl::string_view topic = TopicOf(table, filename);
    if (!topic.empty()) return std::string(topic);
    // Abseil's default: the path without its leading slashes.
    const size_t start = filename.find_first_not_of('/');
    return start == absl::string_view::npos ? std::string() : std::string(filename.substr(start));
  };
  if (!version.empty()) {
    config.version_string = [version = std::move(version)] { return version; };
  }
  absl::SetFlagsUsageConfig(std::move(config));
}

}  // namespace advisor::flags_usage
