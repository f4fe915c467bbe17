// Cost of metrics on the server's hot path: what MetricsObserver adds to
// every call (OnCallStarted + OnCallFinished), on one thread and on several
// threads recording the same method at once (the contended case), and what
// one scrape of the whole exposition costs (off the hot path, for scale).
//
//   advisor_metrics_bench --benchmark_repetitions=5
//       --benchmark_report_aggregates_only=true     # medians

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "benchmark/benchmark.h"

#include "prometheus/registry.h"
#include "service/metrics/metrics_observer.h"
#include "service/metrics/process_metrics.h"
#include "service/metrics/text_exposition.h"
#include "service/observer/server_observer.h"

namespace advisor::bench {
namespace {

// The server's real method names (as they reach the observer), so the
// lookup hashes strings of the real length.
const std::vector<std::string>& Methods() {
  static const std::vector<std::string>* const kMethods = new std::vector<std::string>{
      "/advisor.v1.FrameworkService/GetFramework",
      "/advisor.v1.FrameworkService/ListFrameworks",
      "/advisor.v1.FrameworkService/CompareFrameworks",
      "/advisor.v1.RoleMatchingService/MatchRole",
      "/advisor.v1.RoleMatchingService/BatchMatchRoles",
      "/advisor.v1.FaqService/AnswerQuestion",
      "/advisor.v1.FaqService/ListFaqs",
      "/advisor.v1.FaqService/BatchAnswerQuestions",
      "/advisor.v1.FaqService/StreamAnswers",
      "/grpc.health.v1.Health/Check",
      "/grpc.health.v1.Health/Watch",
      "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
  };
  return *kMethods;
}

// One observer shared by every benchmark thread, as in the server.
metrics::MetricsObserver& Observer() {
  static prometheus::Registry* const registry = new prometheus::Registry();
  static metrics::MetricsObserver* const observer =
      new metrics::MetricsObserver(*registry, Methods(), "bench");
  return *observer;
}

api::FinishedCall Call(const std::string& method, int code) {
  api::FinishedCall call;
  call.method = method;
  call.status_code = code;
  call.latency = absl::Microseconds(180);
  call.peer = "ipv4:127.0.0.1:40522";
  call.request_id = "0123456789abcdef";
  return call;
}

// One OK call of one method: the per-call cost on the server's hot path.
void BM_RecordCall(benchmark::State& state) {
  metrics::MetricsObserver& observer = Observer();
  const api::FinishedCall call = Call("/advisor.v1.FaqService/AnswerQuestion", 0);
  for (auto _ : state) {
    observer.OnCallStarted(call.method);
    observer.OnCallFinished(call);
  }
}
BENCHMARK(BM_RecordCall)->Threads(1)->Threads(2)->Threads(4)->UseRealTime();

// Calls spread over every method and two codes, as under mixed traffic.
void BM_RecordMixedCalls(benchmark::State& state) {
  metrics::MetricsObserver& observer = Observer();
  std::vector<api::FinishedCall> calls;
  for (const std::string& method : Methods()) {
    calls.push_back(Call(method, 0));
    calls.push_back(Call(method, 5));
  }
  size_t next = static_cast<size_t>(state.thread_index()) * 7;
  for (auto _ : state) {
    const api::FinishedCall& call = calls[next++ % calls.size()];
    observer.OnCallStarted(call.method);
    observer.OnCallFinished(call);
  }
}
BENCHMARK(BM_RecordMixedCalls)->Threads(1)->Threads(2)->UseRealTime();

// A call to a method the server does not serve (counted as "other").
void BM_RecordUnknownMethod(benchmark::State& state) {
  metrics::MetricsObserver& observer = Observer();
  const api::FinishedCall call = Call("/made.up.Service/Method", 12);
  for (auto _ : state) {
    observer.OnCallStarted(call.method);
    observer.OnCallFinished(call);
  }
}
BENCHMARK(BM_RecordUnknownMethod);

// One whole scrape: collect every series and write the text (what GET
// /metrics costs, on the metrics server's own thread).
void BM_Scrape(benchmark::State& state) {
  auto registry = std::make_shared<prometheus::Registry>();
  metrics::MetricsObserver observer(*registry, Methods(), "bench");
  for (const std::string& method : Methods()) {
    observer.OnCallStarted(method);
    observer.OnCallFinished(Call(method, 0));
    observer.OnCallStarted(method);
    observer.OnCallFinished(Call(method, 5));
  }
  const std::vector<std::shared_ptr<prometheus::Collectable>> collectables = {
      registry, std::make_shared<metrics::ProcessCollector>()};
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = metrics::CollectTextExposition(collectables);
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_Scrape)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace advisor::bench

BENCHMARK_MAIN();
