#include "service/metrics/process_metrics.h"

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

#include "prometheus/client_metric.h"
#include "prometheus/metric_type.h"
#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

namespace advisor::metrics {
namespace {

// Positions in /proc/<pid>/stat counted from the field after the command
// name (field 3, "state", is position 0); proc(5) numbers them from 1.
constexpr int kUserTicksField = 14 - 3;
constexpr int kSystemTicksField = 15 - 3;
constexpr int kStartTicksField = 22 - 3;
constexpr int kVirtualBytesField = 23 - 3;
constexpr int kResidentPagesField = 24 - 3;

// The whole content of a /proc file (they report size 0, so read to EOF).
std::optional<std::string> ReadProcFile(const char* path) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path, "re"), &std::fclose);
  if (file == nullptr) return std::nullopt;
  std::string content;
  char buffer[4096];
  size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof(buffer), file.get())) > 0) {
    content.append(buffer, read);
  }
  return content;
}

// Entries of /proc/self/fd, without "." and ".." (and without the
// descriptor opendir itself holds while counting).
std::optional<double> CountOpenFileDescriptors() {
  DIR* directory = opendir("/proc/self/fd");
  if (directory == nullptr) return std::nullopt;
  double count = 0;
  while (const dirent* entry = readdir(directory)) {
    if (entry->d_name[0] != '.') ++count;
  }
  closedir(directory);
  return count - 1;
}

std::optional<double> MaxFileDescriptors() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return std::nullopt;
  if (limit.rlim_cur == RLIM_INFINITY) return std::nullopt;
  return static_cast<double>(limit.rlim_cur);
}

prometheus::MetricFamily OneValue(std::string name, std::string help, prometheus::MetricType type,
                                  double value) {
  prometheus::ClientMetric metric;
  if (type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  return prometheus::MetricFamily{std::move(name), std::move(help), type, {std::move(metric)}};
}

}  // namespace

absl::StatusOr<ProcessStat> ParseProcessStat(absl::string_view stat, int64_t clock_ticks_per_second,
                                             int64_t page_size_bytes) {
  const size_t name_end = stat.rfind(')');
  if (name_end == absl::string_view::npos) {
    return absl::InvalidArgumentError("process stat has no ')' after the command name");
  }
  const std::vector<absl::string_view> fields =
      absl::StrSplit(absl::StripAsciiWhitespace(stat.substr(name_end + 1)), ' ', absl::SkipEmpty());
  if (fields.size() <= kResidentPagesField) {
    return absl::InvalidArgumentError(absl::StrCat("process stat has ", fields.size() + 2,
                                                   " fields; expected at least ",
                                                   kResidentPagesField + 3));
  }
  double user_ticks = 0;
  double system_ticks = 0;
  double start_ticks = 0;
  double virtual_bytes = 0;
  double resident_pages = 0;
  if (!absl::SimpleAtod(fields[kUserTicksField], &user_ticks) ||
      !absl::SimpleAtod(fields[kSystemTicksField], &system_ticks) ||
      !absl::SimpleAtod(fields[kStartTicksField], &start_ticks) ||
      !absl::SimpleAtod(fields[kVirtualBytesField], &virtual_bytes) ||
      !absl::SimpleAtod(fields[kResidentPagesField], &resident_pages)) {
    return absl::InvalidArgumentError("process stat has a non-numeric field");
  }
  const auto ticks = static_cast<double>(clock_ticks_per_second);
  ProcessStat result;
  result.cpu_seconds = (user_ticks + system_ticks) / ticks;
  result.start_seconds_after_boot = start_ticks / ticks;
  result.virtual_memory_bytes = virtual_bytes;
  result.resident_memory_bytes = resident_pages * static_cast<double>(page_size_bytes);
  return result;
}

absl::StatusOr<double> ParseBootTime(absl::string_view proc_stat) {
  for (const absl::string_view line : absl::StrSplit(proc_stat, '\n')) {
    absl::string_view value = line;
    if (!absl::ConsumePrefix(&value, "btime ")) continue;
    double seconds = 0;
    if (!absl::SimpleAtod(value, &seconds)) {
      return absl::InvalidArgumentError(absl::StrCat("bad btime line: ", line));
    }
    return seconds;
  }
  return absl::NotFoundError("no btime line in /proc/stat");
}

ProcessCollector::ProcessCollector()
    : clock_ticks_per_second_(sysconf(_SC_CLK_TCK)), page_size_bytes_(sysconf(_SC_PAGESIZE)) {
  const std::optional<std::string> machine = ReadProcFile("/proc/stat");
  const std::optional<std::string> self = ReadProcFile("/proc/self/stat");
  if (!machine.has_value() || !self.has_value()) return;
  const absl::StatusOr<double> boot_time = ParseBootTime(*machine);
  const absl::StatusOr<ProcessStat> stat =
      ParseProcessStat(*self, clock_ticks_per_second_, page_size_bytes_);
  if (boot_time.ok() && stat.ok()) {
    start_time_seconds_ = *boot_time + stat->start_seconds_after_boot;
  }
}

std::vector<prometheus::MetricFamily> ProcessCollector::Collect() const {
  using prometheus::MetricType;
  std::vector<prometheus::MetricFamily> families;
  if (const std::optional<std::string> text = ReadProcFile("/proc/self/stat")) {
    if (const absl::StatusOr<ProcessStat> stat =
            ParseProcessStat(*text, clock_ticks_per_second_, page_size_bytes_);
        stat.ok()) {
      families.push_back(OneValue("process_cpu_seconds_total",
                                  "Total user and system CPU time spent in seconds.",
                                  MetricType::Counter, stat->cpu_seconds));
      families.push_back(OneValue("process_resident_memory_bytes", "Resident memory size in bytes.",
                                  MetricType::Gauge, stat->resident_memory_bytes));
      families.push_back(OneValue("process_virtual_memory_bytes", "Virtual memory size in bytes.",
                                  MetricType::Gauge, stat->virtual_memory_bytes));
    }
  }
  if (const std::optional<double> open = CountOpenFileDescriptors()) {
    families.push_back(
        OneValue("process_open_fds", "Number of open file descriptors.", MetricType::Gauge, *open));
  }
  if (const std::optional<double> max = MaxFileDescriptors()) {
    families.push_back(OneValue("process_max_fds", "Maximum number of open file descriptors.",
                                MetricType::Gauge, *max));
  }
  if (start_time_seconds_.has_value()) {
    families.push_back(OneValue("process_start_time_seconds",
                                "Start time of the process since unix epoch in seconds.",
                                MetricType::Gauge, *start_time_seconds_));
  }
  return families;
}

}  // namespace advisor::metrics
