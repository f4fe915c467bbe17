#ifndef ADVISOR_SERVICE_METRICS_PROCESS_METRICS_H_
#define ADVISOR_SERVICE_METRICS_PROCESS_METRICS_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace advisor::metrics {

// What /proc/<pid>/stat says about a process, in Prometheus' units.
struct ProcessStat {
  // User plus system CPU time.
  double cpu_seconds = 0;
  // Start time as seconds since the boot of the machine.
  double start_seconds_after_boot = 0;
  double virtual_memory_bytes = 0;
  double resident_memory_bytes = 0;
};

// Parses the one line of /proc/<pid>/stat (see proc(5)). The command name
// in parentheses may itself hold spaces and parentheses, so the fields are
// counted from the last ')'. INVALID_ARGUMENT when the line is malformed.
absl::StatusOr<ProcessStat> ParseProcessStat(absl::string_view stat, int64_t clock_ticks_per_second,
                                             int64_t page_size_bytes);

// The machine's boot time (the "btime" line of /proc/stat) in seconds since
// the Unix epoch. NOT_FOUND when the text has no such line.
absl::StatusOr<double> ParseBootTime(absl::string_view proc_stat);

// The standard process metrics of Prometheus' client libraries, read from
// /proc/self on each scrape: process_cpu_seconds_total,
// process_resident_memory_bytes, process_virtual_memory_bytes,
// process_open_fds, process_max_fds, process_start_time_seconds. A value
// that cannot be read is left out of the scrape rather than reported as 0.
// Thread-safe (Collect only reads files and constants).
class ProcessCollector final : public prometheus::Collectable {
 public:
  // Reads the start time once: it never changes.
  ProcessCollector();

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  int64_t clock_ticks_per_second_;
  int64_t page_size_bytes_;
  std::optional<double> start_time_seconds_;
};

}  // namespace advisor::metrics

#endif  // ADVISOR_SERVICE_METRICS_PROCESS_METRICS_H_
