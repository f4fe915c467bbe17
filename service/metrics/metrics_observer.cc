#include "service/metrics/metrics_observer.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "service/metrics/status_code_names.h"

namespace advisor::metrics {
namespace {

constexpr int kOkCode = 0;

}  // namespace

const std::vector<double>& CallDurationBuckets() {
  static const std::vector<double>* const kBuckets = new std::vector<double>{
      0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
      0.025,   0.05,     0.1,     0.25,   0.5,     1,      2.5,   5,      10};
  return *kBuckets;
}

MetricsObserver::MetricsObserver(prometheus::Registry& registry,
                                 const std::vector<std::string>& methods,
                                 absl::string_view build_version)
    : calls_family_(prometheus::BuildCounter()
                        .Name("advisor_calls_total")
                        .Help("Calls finished, by full gRPC method name and status code.")
                        .Register(registry)),
      duration_family_(prometheus::BuildHistogram()
                           .Name("advisor_call_duration_seconds")
                           .Help("Time from a call's arrival to its status being sent.")
                           .Register(registry)),
      in_flight_family_(prometheus::BuildGauge()
                            .Name("advisor_calls_in_flight")
                            .Help("Calls started and not yet finished.")
                            .Register(registry)),
      knowledge_base_info_family_(
          prometheus::BuildGauge()
              .Name("advisor_knowledge_base_info")
              .Help("Always 1; the version label is the knowledge base version serving now.")
              .Register(registry)),
      reloads_family_(prometheus::BuildCounter()
                          .Name("advisor_knowledge_base_reloads_total")
                          .Help("Knowledge base reloads after start-up, by result: ok (the new "
                                "version serves) or failed (rejected, the old version serves).")
                          .Register(registry)),
      reloads_ok_(reloads_family_.Add({{"result", "ok"}})),
      reloads_failed_(reloads_family_.Add({{"result", "failed"}})) {
  prometheus::BuildGauge()
      .Name("advisor_build_info")
      .Help("Always 1; the version label is the advisor_server build version.")
      .Register(registry)
      .Add({{"version", std::string{build_version}}})
      .Set(1);
  for (const std::string& method : methods) {
    if (!methods_.contains(method)) AddMethod(method);
  }
  other_ = &AddMethod(kOtherMethod);
}

MetricsObserver::MethodMetrics& MetricsObserver::AddMethod(const std::string& label) {
  auto metrics = std::make_unique<MethodMetrics>();
  metrics->label = label;
  metrics->in_flight = &in_flight_family_.Add({{"method", label}});
  metrics->duration = &duration_family_.Add({{"method", label}}, CallDurationBuckets());
  metrics->calls[kOkCode].store(
      &calls_family_.Add({{"method", label}, {"code", std::string{StatusCodeName(kOkCode)}}}),
      std::memory_order_release);
  MethodMetrics& result = *metrics;
  methods_[label] = std::move(metrics);
  return result;
}

MetricsObserver::MethodMetrics& MetricsObserver::Find(absl::string_view method) {
  const auto it = methods_.find(method);
  return it == methods_.end() ? *other_ : *it->second;
}

prometheus::Counter& MetricsObserver::Calls(MethodMetrics& metrics, int code) {
  if (code < 0 || code >= kStatusCodeCount) code = 2;  // UNKNOWN, as StatusCodeName says.
  std::atomic<prometheus::Counter*>& slot = metrics.calls[code];
  prometheus::Counter* counter = slot.load(std::memory_order_acquire);
  if (counter == nullptr) {
    // First call with this code: Family::Add locks and returns the same
    // series to every thread that races here, so a plain store is enough.
    counter = &calls_family_.Add(
        {{"method", metrics.label}, {"code", std::string{StatusCodeName(code)}}});
    slot.store(counter, std::memory_order_release);
  }
  return *counter;
}

void MetricsObserver::OnCallStarted(absl::string_view method) {
  Find(method).in_flight->Increment();
}

void MetricsObserver::OnCallFinished(const api::FinishedCall& call) {
  MethodMetrics& metrics = Find(call.method);
  metrics.in_flight->Decrement();
  Calls(metrics, call.status_code).Increment();
  metrics.duration->Observe(absl::ToDoubleSeconds(call.latency));
}

void MetricsObserver::OnKnowledgeBaseLoad(const api::KnowledgeBaseLoad& load) {
  std::lock_guard<std::mutex> lock(knowledge_base_mutex_);
  if (start_up_load_seen_) (load.ok ? reloads_ok_ : reloads_failed_).Increment();
  start_up_load_seen_ = true;
  if (load.serving_version.empty() || load.serving_version == knowledge_base_version_) return;
  // One series at a time: the old version's disappears from the next scrape.
  if (knowledge_base_info_ != nullptr) knowledge_base_info_family_.Remove(knowledge_base_info_);
  knowledge_base_version_ = std::string{load.serving_version};
  knowledge_base_info_ = &knowledge_base_info_family_.Add({{"version", knowledge_base_version_}});
  knowledge_base_info_->Set(1);
}

}  // namespace advisor::metrics
