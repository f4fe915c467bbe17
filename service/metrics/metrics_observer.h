#ifndef ADVISOR_SERVICE_METRICS_METRICS_OBSERVER_H_
#define ADVISOR_SERVICE_METRICS_METRICS_OBSERVER_H_

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "service/metrics/status_code_names.h"
#include "service/observer/server_observer.h"

namespace advisor::metrics {

// The method label of calls to a method the observer was not told about.
inline constexpr char kOtherMethod[] = "other";

// Upper bounds of advisor_call_duration_seconds' buckets: 10 µs to 10 s in
// 1-2.5-5 steps, so both a cached lookup (tens of µs) and a call stuck
// behind a slow client (seconds) land in a bucket of their own.
const std::vector<double>& CallDurationBuckets();

// Turns what the server reports into Prometheus metrics:
//   advisor_calls_total{method,code}          counter, code as "OK", "NOT_FOUND", ...
//   advisor_call_duration_seconds{method}     histogram (CallDurationBuckets)
//   advisor_calls_in_flight{method}           gauge
//   advisor_knowledge_base_info{version}      gauge, 1 for the serving version
//   advisor_knowledge_base_reloads_total{result="ok"|"failed"}  counter
//   advisor_build_info{version}               gauge, 1
// method is the full gRPC name as the server reports it, e.g.
// "/advisor.v1.FaqService/AnswerQuestion".
//
// Cost per call: every series a call touches is created up front or once on
// first use, so recording is a lookup in a map that never changes after
// construction (no lock) plus atomic updates in prometheus-cpp's metrics
// (its histogram holds a std::mutex per method for the few nanoseconds of an
// update). tests/bench/metrics_bench.cc measures it.
//
// Thread-safe, as ServerObserver requires.
class MetricsObserver final : public api::ServerObserver {
 public:
  // Registers the metrics in `registry`, which must outlive this observer.
  // `methods` are the full names the server serves: each gets its series up
  // front (at zero, so rate() works from the first scrape). Calls to any
  // other name count under method="other", so clients sending made-up names
  // cannot grow the number of series. `build_version` labels
  // advisor_build_info.
  MetricsObserver(prometheus::Registry& registry, const std::vector<std::string>& methods,
                  absl::string_view build_version);

  MetricsObserver(const MetricsObserver&) = delete;
  MetricsObserver& operator=(const MetricsObserver&) = delete;

  void OnCallStarted(absl::string_view method) override;
  void OnCallFinished(const api::FinishedCall& call) override;
  // Moves advisor_knowledge_base_info to the version now serving. The first
  // load reported is the start-up one (AdvisorServer::Start reports it; a
  // start-up load that fails ends the process); every later one counts in
  // advisor_knowledge_base_reloads_total by its result.
  void OnKnowledgeBaseLoad(const api::KnowledgeBaseLoad& load) override;

 private:
  // The series of one method label value.
  struct MethodMetrics {
    std::string label;
    prometheus::Gauge* in_flight = nullptr;
    prometheus::Histogram* duration = nullptr;
    // By status code number; null until the first call with that code
    // (OK is created up front). Set once, then only read.
    std::array<std::atomic<prometheus::Counter*>, kStatusCodeCount> calls{};
  };

  MethodMetrics& AddMethod(const std::string& label);
  MethodMetrics& Find(absl::string_view method);
  prometheus::Counter& Calls(MethodMetrics& metrics, int code);

  prometheus::Family<prometheus::Counter>& calls_family_;
  prometheus::Family<prometheus::Histogram>& duration_family_;
  prometheus::Family<prometheus::Gauge>& in_flight_family_;
  prometheus::Family<prometheus::Gauge>& knowledge_base_info_family_;
  prometheus::Family<prometheus::Counter>& reloads_family_;
  prometheus::Counter& reloads_ok_;
  prometheus::Counter& reloads_failed_;

  // Filled by the constructor, read-only afterwards: lookups need no lock.
  absl::flat_hash_map<std::string, std::unique_ptr<MethodMetrics>> methods_;
  MethodMetrics* other_ = nullptr;

  // Reloads are rare; a plain mutex keeps the version swap simple.
  std::mutex knowledge_base_mutex_;
  bool start_up_load_seen_ ABSL_GUARDED_BY(knowledge_base_mutex_) = false;
  std::string knowledge_base_version_ ABSL_GUARDED_BY(knowledge_base_mutex_);
  prometheus::Gauge* knowledge_base_info_ ABSL_GUARDED_BY(knowledge_base_mutex_) = nullptr;
};

}  // namespace advisor::metrics

#endif  // ADVISOR_SERVICE_METRICS_METRICS_OBSERVER_H_
