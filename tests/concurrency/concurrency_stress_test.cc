// Concurrency stress tests of the plain-C++ pieces the server shares
// between threads, written for ThreadSanitizer (label concurrency; `make
// sanitize` runs them in a TSan build, and they run in the normal build
// too): SnapshotSource swaps under concurrent readers that use the engines,
// MetricsObserver recording from many threads (including the series it
// creates on first use) during knowledge base loads and scrapes, and the
// stemmer's per-thread instances and caches as threads come and go.
// They check results too, so they also fail without a sanitizer when
// something is lost or mixed up.

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

#include "prometheus/registry.h"
#include "service/api/snapshot_source.h"
#include "service/engines/snapshot.h"
#include "service/knowledge_base/knowledge_base_loader.h"
#include "service/metrics/metrics_observer.h"
#include "service/observer/server_observer.h"
#include "service/text/stemmer.h"

namespace advisor {
namespace {

constexpr int kThreads = 4;

advisor::v1::KnowledgeBase DefaultKnowledgeBase() {
  absl::StatusOr<advisor::v1::KnowledgeBase> kb = knowledge_base::LoadDefaultKnowledgeBase();
  EXPECT_TRUE(kb.ok()) << kb.status();
  return kb.ok() ? *std::move(kb) : advisor::v1::KnowledgeBase();
}

std::shared_ptr<const engines::Snapshot> SnapshotWithVersion(advisor::v1::KnowledgeBase kb,
                                                             int version) {
  kb.set_version(absl::StrCat("stress.", version));
  return engines::Snapshot::Build(std::move(kb));
}

TEST(ConcurrencyStressTest, ReadersSeeWholeSnapshotsWhileTheyAreReplaced) {
  const advisor::v1::KnowledgeBase kb = DefaultKnowledgeBase();
  constexpr int kReplacements = 20;
  // Built up front: building is slow under TSan and is not what is tested.
  std::vector<std::shared_ptr<const engines::Snapshot>> versions;
  for (int v = 0; v <= kReplacements; ++v) versions.push_back(SnapshotWithVersion(kb, v));
  api::SnapshotSource source(versions[0]);

  std::atomic<bool> done{false};
  std::atomic<int> calls{0};
  std::atomic<int> wrong{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < kThreads; ++t) {
    readers.emplace_back([&] {
      int last_version = 0;
      while (!done.load()) {
        const std::shared_ptr<const engines::Snapshot> snapshot = source.Current();
        const std::string version = snapshot->knowledge_base().version();
        absl::StatusOr<engines::KnowledgeAnswer> answer =
            snapshot->answers().Answer("Is learning only one deep learning framework enough?");
        absl::StatusOr<const advisor::v1::Framework*> framework =
            snapshot->frameworks().Find("torch");
        // Versions only move forward, and the snapshot does not change
        // under a call that holds it.
        const int seen = std::stoi(version.substr(version.find('.') + 1));
        if (!answer.ok() || !answer->answered || !framework.ok() || seen < last_version ||
            snapshot->knowledge_base().version() != version) {
          ++wrong;
        }
        last_version = seen;
        ++calls;
      }
    });
  }
  for (int v = 1; v <= kReplacements; ++v) {
    // Let the readers make progress on each version.
    const int before = calls.load();
    while (calls.load() < before + kThreads) std::this_thread::yield();
    source.Replace(versions[v]);
    versions[v].reset();  // The source and the readers hold the only references.
  }
  done = true;
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_GE(calls.load(), kReplacements * kThreads);
  EXPECT_EQ(source.Current()->knowledge_base().version(), absl::StrCat("stress.", kReplacements));
}

double CounterSum(const prometheus::Registry& registry, const std::string& family_name) {
  double sum = 0;
  for (const prometheus::MetricFamily& family : registry.Collect()) {
    if (family.name != family_name) continue;
    for (const prometheus::ClientMetric& metric : family.metric) sum += metric.counter.value;
  }
  return sum;
}

TEST(ConcurrencyStressTest, MetricsCountEveryCallRecordedFromManyThreads) {
  constexpr char kAnswer[] = "/advisor.v1.FaqService/AnswerQuestion";
  constexpr char kGet[] = "/advisor.v1.FrameworkService/GetFramework";
  prometheus::Registry registry;
  metrics::MetricsObserver observer(registry, {kAnswer, kGet}, "stress");
  constexpr int kCallsPerThread = 2000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string unknown = absl::StrCat("/made.up.Service/Method", t);
      const std::string answer = kAnswer;
      const std::string get = kGet;
      for (int i = 0; i < kCallsPerThread; ++i) {
        const std::string& name = i % 7 == 0 ? unknown : (i % 3 == 0 ? answer : get);
        observer.OnCallStarted(name);
        api::FinishedCall call;
        call.method = name;
        // Every status code, so the per-code series are created on first
        // use by several threads at once.
        call.status_code = (i + t) % 17;
        call.latency = absl::Microseconds(i % 500);
        observer.OnCallFinished(call);
      }
    });
  }
  constexpr int kLoads = 50;
  std::thread reloader([&] {
    for (int v = 1; v <= kLoads; ++v) {
      const std::string version = absl::StrCat("stress.", v);
      api::KnowledgeBaseLoad load;
      load.ok = v % 5 != 0;
      load.serving_version = version;
      observer.OnKnowledgeBaseLoad(load);
      registry.Collect();  // Scrapes race with the updates too.
    }
  });
  for (std::thread& thread : threads) thread.join();
  reloader.join();
  EXPECT_EQ(CounterSum(registry, "advisor_calls_total"), kThreads * kCallsPerThread);
  // The first load is the start-up one; every later one counts as a reload.
  EXPECT_EQ(CounterSum(registry, "advisor_knowledge_base_reloads_total"), kLoads - 1);
}

TEST(ConcurrencyStressTest, StemmerWorksInThreadsThatComeAndGo) {
  std::atomic<int> wrong{0};
  for (int repeat = 0; repeat < 10; ++repeat) {
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 200; ++i) {
          if (text::Stem("hiring") != "hire" || text::Stem("startups") != "startup") ++wrong;
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
  }
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace advisor
