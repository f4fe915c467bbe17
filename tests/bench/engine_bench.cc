// Micro-benchmarks of the three engines (time per call) on the default
// knowledge base, and on synthetic ones of growing size to show how the
// cost grows with the knowledge base (it should grow sub-linearly).
//
//   advisor_engine_bench --benchmark_repetitions=5 \
//       --benchmark_report_aggregates_only=true     # medians
//
// Queries are written for this file (not taken from the eval sets): exact
// names, paraphrases, misspellings and off-topic text, since each takes a
// different path through the engines.

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"

#include "service/engines/snapshot.h"
#include "service/knowledge_base/knowledge_base_loader.h"
#include "tests/bench/synthetic_knowledge_base.h"

namespace advisor::bench {
namespace {

using engines::Snapshot;

constexpr const char* kFrameworkNames[] = {
    "pytorch",           // id
    "TensorFlow",        // display name
    "frameworks/keras",  // resource name
    "  TF.Keras ",       // alias, odd case and white space
    "pytroch",           // misspelled: NOT_FOUND with a suggestion
    "caffe2",            // unknown: NOT_FOUND
};

constexpr const char* kRoleDescriptions[] = {
    "Senior machine learning engineer on the fraud platform of a retail bank",
    "PhD candidate training diffusion models for protein structure prediction",
    "First ML hire at a seed-stage company building a generative AI product",
    "Accountant moving into AI, taking an evening course on neural networks",
    "Backend developer who wants to add product recommendations to our web shop",
    "machin lerning enginer at a big internatonal bnak",
    "Pastry chef at a small family bakery",
};

// A question of a few hundred bytes, as some people write them.
constexpr const char kLongQuestion[] =
    "I am a data analyst at an insurance company and I have been doing some classical "
    "statistics for years; my manager wants our team to start building deep learning models "
    "for claims, and I keep reading about PyTorch, TensorFlow and Keras. Which one of them "
    "would help me most in my career over the next few years, and is one enough?";

constexpr const char* kQuestions[] = {
    "Is knowing a single deep learning library sufficient to get hired in AI?",
    "why would a young AI company go with pytorch",
    "What makes TensorFlow a good fit for big companies and their production systems?",
    "Should a complete beginner start with Keras?",
    // Words the knowledge base does not know ("pick", "alternatives").
    "Why would a young AI company pick PyTorch over the alternatives?",
    "wich framwork do employers want most this year",
    "What is the capital of Australia?",
    "How long should I proof sourdough bread before baking it?",
    kLongQuestion,
};

// Builds a snapshot once per process and keeps it: benchmarks run one at a
// time on one thread, so the cache needs no lock.
const Snapshot* CachedSnapshot(int faq_count, int framework_count, std::string* error) {
  static auto* cache = new std::map<std::pair<int, int>, std::shared_ptr<const Snapshot>>();
  const std::pair<int, int> key(faq_count, framework_count);
  if (auto found = cache->find(key); found != cache->end()) return found->second.get();
  absl::StatusOr<advisor::v1::KnowledgeBase> knowledge_base =
      faq_count == 0 ? knowledge_base::LoadDefaultKnowledgeBase()
                     : MakeSyntheticKnowledgeBase({faq_count, framework_count});
  if (!knowledge_base.ok()) {
    *error = knowledge_base.status().ToString();
    return nullptr;
  }
  auto snapshot = Snapshot::Build(*std::move(knowledge_base));
  return cache->emplace(key, std::move(snapshot)).first->second.get();
}

// The default knowledge base's snapshot.
const Snapshot* DefaultSnapshot(benchmark::State& state) {
  std::string error;
  const Snapshot* snapshot = CachedSnapshot(0, 0, &error);
  if (snapshot == nullptr) state.SkipWithError(error.c_str());
  return snapshot;
}

const Snapshot* SyntheticSnapshot(benchmark::State& state, int faq_count, int framework_count) {
  std::string error;
  const Snapshot* snapshot = CachedSnapshot(faq_count, framework_count, &error);
  if (snapshot == nullptr) state.SkipWithError(error.c_str());
  return snapshot;
}

// False (and the benchmark skipped) when the engine is still a placeholder.
template <typename T>
bool EngineWorks(benchmark::State& state, const absl::StatusOr<T>& result) {
  if (result.status().code() == absl::StatusCode::kUnimplemented) {
    state.SkipWithError("engine not implemented yet");
    return false;
  }
  return true;
}

// Runs `call` once per iteration over `inputs` in turn: the time per
// iteration is the mean time per call over the mix.
template <typename Call>
void RunOverMix(benchmark::State& state, const std::vector<std::string>& inputs, Call call) {
  if (!EngineWorks(state, call(inputs.front()))) return;
  size_t next = 0;
  for (auto _ : state) {
    auto result = call(inputs[next]);
    benchmark::DoNotOptimize(result);
    next = next + 1 == inputs.size() ? 0 : next + 1;
  }
}

template <size_t N>
std::vector<std::string> AllOf(const char* const (&texts)[N]) {
  return std::vector<std::string>(texts, texts + N);
}

// --- Default knowledge base: one query per benchmark -------------------------

void BM_Find(benchmark::State& state) {
  const Snapshot* snapshot = DefaultSnapshot(state);
  if (snapshot == nullptr) return;
  const std::string name = kFrameworkNames[state.range(0)];
  state.SetLabel(name);
  RunOverMix(state, {name},
             [&](const std::string& input) { return snapshot->frameworks().Find(input); });
}
BENCHMARK(BM_Find)->DenseRange(0, std::size(kFrameworkNames) - 1)->Unit(benchmark::kNanosecond);

void BM_Match(benchmark::State& state) {
  const Snapshot* snapshot = DefaultSnapshot(state);
  if (snapshot == nullptr) return;
  const std::string description = kRoleDescriptions[state.range(0)];
  state.SetLabel(description.substr(0, 40));
  RunOverMix(state, {description},
             [&](const std::string& input) { return snapshot->roles().Match(input); });
}
BENCHMARK(BM_Match)->DenseRange(0, std::size(kRoleDescriptions) - 1)->Unit(benchmark::kMicrosecond);

void BM_Answer(benchmark::State& state) {
  const Snapshot* snapshot = DefaultSnapshot(state);
  if (snapshot == nullptr) return;
  const std::string question = kQuestions[state.range(0)];
  state.SetLabel(question.substr(0, 40));
  RunOverMix(state, {question},
             [&](const std::string& input) { return snapshot->answers().Answer(input); });
}
BENCHMARK(BM_Answer)->DenseRange(0, std::size(kQuestions) - 1)->Unit(benchmark::kMicrosecond);

// A word of almost 4 KiB (the most a request field holds): typo correction
// and "did you mean" must refuse it at once, not try its millions of
// deletions.
std::string HugeWord() { return std::string(4000, 'x'); }

void BM_AnswerHugeWord(benchmark::State& state) {
  const Snapshot* snapshot = DefaultSnapshot(state);
  if (snapshot == nullptr) return;
  RunOverMix(state, {"is " + HugeWord() + " hard to learn?"},
             [&](const std::string& input) { return snapshot->answers().Answer(input); });
}
BENCHMARK(BM_AnswerHugeWord)->Unit(benchmark::kMicrosecond);

void BM_FindHugeName(benchmark::State& state) {
  const Snapshot* snapshot = DefaultSnapshot(state);
  if (snapshot == nullptr) return;
  RunOverMix(state, {HugeWord()},
             [&](const std::string& input) { return snapshot->frameworks().Find(input); });
}
BENCHMARK(BM_FindHugeName)->Unit(benchmark::kMicrosecond);

// --- Default knowledge base: the whole mix -------------------------------------

void BM_FindMix(benchmark::State& state) {
  const Snapshot* snapshot = DefaultSnapshot(state);
  if (snapshot == nullptr) return;
  RunOverMix(state, AllOf(kFrameworkNames),
             [&](const std::string& input) { return snapshot->frameworks().Find(input); });
}
BENCHMARK(BM_FindMix)->Unit(benchmark::kNanosecond);

void BM_MatchMix(benchmark::State& state) {
  const Snapshot* snapshot = DefaultSnapshot(state);
  if (snapshot == nullptr) return;
  RunOverMix(state, AllOf(kRoleDescriptions),
             [&](const std::string& input) { return snapshot->roles().Match(input); });
}
BENCHMARK(BM_MatchMix)->Unit(benchmark::kMicrosecond);

void BM_AnswerMix(benchmark::State& state) {
  const Snapshot* snapshot = DefaultSnapshot(state);
  if (snapshot == nullptr) return;
  RunOverMix(state, AllOf(kQuestions),
             [&](const std::string& input) { return snapshot->answers().Answer(input); });
}
BENCHMARK(BM_AnswerMix)->Unit(benchmark::kMicrosecond);

// --- Scaling with the knowledge base's size -----------------------------------

// Questions for a synthetic knowledge base: the realistic ones above plus as
// many paraphrases of its generated entries.
std::vector<std::string> ScalingQuestions(const advisor::v1::KnowledgeBase& knowledge_base) {
  std::vector<std::string> questions = AllOf(kQuestions);
  for (std::string& question :
       MakeSyntheticQuestions(knowledge_base, static_cast<int>(std::size(kQuestions)), 11)) {
    questions.push_back(std::move(question));
  }
  return questions;
}

void BM_AnswerScaling(benchmark::State& state) {
  const Snapshot* snapshot = SyntheticSnapshot(state, static_cast<int>(state.range(0)), 3);
  if (snapshot == nullptr) return;
  RunOverMix(state, ScalingQuestions(snapshot->knowledge_base()),
             [&](const std::string& input) { return snapshot->answers().Answer(input); });
}
BENCHMARK(BM_AnswerScaling)
    ->ArgName("faqs")
    ->Arg(10)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMicrosecond);

// Names of a synthetic knowledge base's frameworks in every form Find
// takes, plus a misspelled and an unknown one.
std::vector<std::string> ScalingNames(const advisor::v1::KnowledgeBase& knowledge_base) {
  std::vector<std::string> names = AllOf(kFrameworkNames);
  const int count = knowledge_base.frameworks_size();
  for (const int index : {count / 3, count / 2, count - 1}) {
    const advisor::v1::Framework& framework = knowledge_base.frameworks(index);
    names.push_back(framework.id());
    names.push_back(absl::AsciiStrToUpper(framework.display_name()));
    names.push_back(framework.name());
    if (framework.aliases_size() > 0) names.push_back(framework.aliases(0));
    std::string misspelled = framework.id();
    if (misspelled.size() > 3) std::swap(misspelled[1], misspelled[2]);
    names.push_back(misspelled);
  }
  return names;
}

void BM_FindScaling(benchmark::State& state) {
  const Snapshot* snapshot = SyntheticSnapshot(state, 10, static_cast<int>(state.range(0)));
  if (snapshot == nullptr) return;
  RunOverMix(state, ScalingNames(snapshot->knowledge_base()),
             [&](const std::string& input) { return snapshot->frameworks().Find(input); });
}
BENCHMARK(BM_FindScaling)->ArgName("frameworks")->Arg(3)->Arg(1000)->Unit(benchmark::kNanosecond);

void BM_MatchScaling(benchmark::State& state) {
  const Snapshot* snapshot = SyntheticSnapshot(state, 10, static_cast<int>(state.range(0)));
  if (snapshot == nullptr) return;
  RunOverMix(state, AllOf(kRoleDescriptions),
             [&](const std::string& input) { return snapshot->roles().Match(input); });
}
BENCHMARK(BM_MatchScaling)->ArgName("frameworks")->Arg(3)->Arg(1000)->Unit(benchmark::kMicrosecond);

// Building the engines' indexes: what a knowledge base reload costs.
void BM_BuildSnapshot(benchmark::State& state) {
  absl::StatusOr<advisor::v1::KnowledgeBase> knowledge_base =
      MakeSyntheticKnowledgeBase({static_cast<int>(state.range(0)), 3});
  if (!knowledge_base.ok()) {
    state.SkipWithError(knowledge_base.status().ToString().c_str());
    return;
  }
  for (auto _ : state) {
    auto snapshot = Snapshot::Build(*knowledge_base);
    benchmark::DoNotOptimize(snapshot);
  }
}
BENCHMARK(BM_BuildSnapshot)
    ->ArgName("faqs")
    ->Arg(1000)
    ->Arg(10000)
    ->Iterations(2)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace advisor::bench

BENCHMARK_MAIN();
