// Micro-benchmarks of the three engines (time per call) on the default
// knowledge base, and on synthetic ones of growing size to show how the
// cost grows with the knowledge base (it should grow sub-linearly), up to
// 10 000 FAQ entries and 1 000 documents of 20 paragraphs; plus what
// building a snapshot costs in time and memory.
//
//   advisor_engine_bench --benchmark_repetitions=5
//       --benchmark_report_aggregates_only=true     # medians
//
// Queries are written for this file (not taken from the eval sets): exact
// names, paraphrases, misspellings and off-topic text, since each takes a
// different path through the engines.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"

#include "service/engines/context_token.h"
#include "service/engines/snapshot.h"
#include "service/knowledge_base/knowledge_base_loader.h"
#include "tests/bench/synthetic_knowledge_base.h"
#include <malloc.h>
#include <unistd.h>

namespace advisor::bench {
namespace {

using engines::Conversation;
using engines::DecodeContextToken;
using engines::EncodeContextToken;
using engines::KnowledgeAnswer;
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

// The size of a knowledge base: FAQ entries, frameworks, generated
// documents (of 20 paragraphs). No FAQ entries stands for the default
// knowledge base as it is.
using Size = std::tuple<int, int, int>;

// The largest knowledge base measured: 10 000 FAQ entries and 1 000
// documents of 20 paragraphs.
constexpr int kLargeFaqs = 10000;
// The default knowledge base's frameworks, which a synthetic one keeps.
constexpr int kDefaultFrameworks = 21;
constexpr int kLargeDocuments = 1000;

// Makes a knowledge base once per process and keeps it (generating the
// largest takes seconds, and several benchmarks use it): benchmarks run one
// at a time on one thread, so the caches need no lock.
const advisor::v1::KnowledgeBase* CachedKnowledgeBase(const Size& size, std::string* error) {
  static auto* cache = new std::map<Size, advisor::v1::KnowledgeBase>();
  if (auto found = cache->find(size); found != cache->end()) return &found->second;
  const auto [faq_count, framework_count, document_count] = size;
  absl::StatusOr<advisor::v1::KnowledgeBase> knowledge_base;
  if (faq_count == 0) {
    knowledge_base = knowledge_base::LoadDefaultKnowledgeBase();
  } else {
    SyntheticKnowledgeBaseSpec spec;
    spec.faq_count = faq_count;
    spec.framework_count = framework_count;
    spec.document_count = document_count;
    knowledge_base = MakeSyntheticKnowledgeBase(spec);
  }
  if (!knowledge_base.ok()) {
    *error = knowledge_base.status().ToString();
    return nullptr;
  }
  return &cache->emplace(size, *std::move(knowledge_base)).first->second;
}

// Builds a snapshot once per process and keeps it, as above.
const Snapshot* CachedSnapshot(const Size& size, std::string* error) {
  static auto* cache = new std::map<Size, std::shared_ptr<const Snapshot>>();
  if (auto found = cache->find(size); found != cache->end()) return found->second.get();
  const advisor::v1::KnowledgeBase* knowledge_base = CachedKnowledgeBase(size, error);
  if (knowledge_base == nullptr) return nullptr;
  return cache->emplace(size, Snapshot::Build(*knowledge_base)).first->second.get();
}

// The default knowledge base's snapshot.
const Snapshot* DefaultSnapshot(benchmark::State& state) {
  std::string error;
  const Snapshot* snapshot = CachedSnapshot({0, 0, 0}, &error);
  if (snapshot == nullptr) state.SkipWithError(error.c_str());
  return snapshot;
}

const Snapshot* SyntheticSnapshot(benchmark::State& state, int faq_count, int framework_count,
                                  int document_count = 0) {
  std::string error;
  const Snapshot* snapshot = CachedSnapshot({faq_count, framework_count, document_count}, &error);
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

// Runs `call` once per iteration over `inputs`, one after another: the time per
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

// RunOverMix that also times each call, for the median and 90th percentile
// over the mix's inputs of each input's mean time (counters median_us and
// p90_us): the mean alone hides whether a few long questions or all of them
// cost the time. The clock reads add ~40 ns to each call.
template <typename Call>
void RunOverMixPerInput(benchmark::State& state, const std::vector<std::string>& inputs,
                        Call call) {
  if (!EngineWorks(state, call(inputs.front()))) return;
  std::vector<double> total_us(inputs.size(), 0);
  std::vector<int64_t> calls(inputs.size(), 0);
  size_t next = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto result = call(inputs[next]);
    benchmark::DoNotOptimize(result);
    total_us[next] +=
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    ++calls[next];
    next = next + 1 == inputs.size() ? 0 : next + 1;
  }
  std::vector<double> mean_us;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (calls[i] > 0) mean_us.push_back(total_us[i] / static_cast<double>(calls[i]));
  }
  if (mean_us.empty()) return;
  std::sort(mean_us.begin(), mean_us.end());
  state.counters["median_us"] = mean_us[mean_us.size() / 2];
  state.counters["p90_us"] = mean_us[mean_us.size() * 9 / 10];
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

// The mix as the service answers first questions: through the
// conversation overload, with the next context encoded as a token.
void BM_AnswerMixAsServed(benchmark::State& state) {
  const Snapshot* snapshot = DefaultSnapshot(state);
  if (snapshot == nullptr) return;
  const advisor::v1::ConversationContext none;
  RunOverMix(state, AllOf(kQuestions),
             [&](const std::string& input) -> absl::StatusOr<std::string> {
               absl::StatusOr<KnowledgeAnswer> answer =
                   snapshot->answers().Answer(input, /*explain=*/false, Conversation{"", &none});
               if (!answer.ok()) return answer.status();
               return EncodeContextToken(answer->context);
             });
}
BENCHMARK(BM_AnswerMixAsServed)->Unit(benchmark::kMicrosecond);

// A conversation's turns as the service answers them: decode the previous
// token, answer in the conversation, encode the next token. The first
// turn has no context; the others are follow-ups that need it.
void BM_AnswerInConversation(benchmark::State& state) {
  const Snapshot* snapshot = DefaultSnapshot(state);
  if (snapshot == nullptr) return;
  const std::vector<std::string> turns = {"who maintains pytorch?", "and keras?",
                                          "is it good for beginners?", "why?"};
  const std::string asker = state.range(0) == 1 ? "data scientist at a large bank" : "";
  state.SetLabel(asker.empty() ? "no asker" : "with an asker");
  std::string token;
  size_t turn = 0;
  for (auto _ : state) {
    if (turn % turns.size() == 0) token.clear();
    absl::StatusOr<advisor::v1::ConversationContext> context = DecodeContextToken(token);
    absl::StatusOr<KnowledgeAnswer> answer = snapshot->answers().Answer(
        turns[turn++ % turns.size()], /*explain=*/false, Conversation{asker, &*context});
    token = EncodeContextToken(answer->context);
    benchmark::DoNotOptimize(token.data());
  }
}
BENCHMARK(BM_AnswerInConversation)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// --- Scaling with the knowledge base's size -----------------------------------

// The kinds of question asked of a synthetic knowledge base.
enum QuestionKind {
  // The realistic questions above (two of them off-topic).
  kWrittenQuestions = 0,
  // Mistyped paraphrases of generated FAQ entries.
  kFaqParaphrases = 1,
  // Mistyped sentences of generated documents (none without documents).
  kDocumentSentences = 2,
};

constexpr int kQuestionsPerKind = static_cast<int>(std::size(kQuestions));

std::vector<std::string> QuestionsOfKind(const advisor::v1::KnowledgeBase& knowledge_base,
                                         int kind) {
  switch (kind) {
    case kWrittenQuestions:
      return AllOf(kQuestions);
    case kFaqParaphrases:
      return MakeSyntheticQuestions(knowledge_base, kQuestionsPerKind, 11);
    default:
      return MakeSyntheticDocumentQuestions(knowledge_base, kQuestionsPerKind, 13);
  }
}

// Questions for a synthetic knowledge base: the realistic ones above plus as
// many paraphrases of its generated FAQ entries and, when it has documents,
// as many mistyped sentences of them.
std::vector<std::string> ScalingQuestions(const advisor::v1::KnowledgeBase& knowledge_base) {
  std::vector<std::string> questions;
  for (const int kind : {kWrittenQuestions, kFaqParaphrases, kDocumentSentences}) {
    for (std::string& question : QuestionsOfKind(knowledge_base, kind)) {
      questions.push_back(std::move(question));
    }
  }
  return questions;
}

void BM_AnswerScaling(benchmark::State& state) {
  const Snapshot* snapshot =
      SyntheticSnapshot(state, static_cast<int>(state.range(0)), kDefaultFrameworks,
                        static_cast<int>(state.range(1)));
  if (snapshot == nullptr) return;
  RunOverMixPerInput(state, ScalingQuestions(snapshot->knowledge_base()),
                     [&](const std::string& input) { return snapshot->answers().Answer(input); });
}
BENCHMARK(BM_AnswerScaling)
    ->ArgNames({"faqs", "documents"})
    ->Args({10, 0})
    ->Args({1000, 0})
    ->Args({10000, 0})
    ->Args({kLargeFaqs, kLargeDocuments})
    ->Unit(benchmark::kMicrosecond);

// The largest knowledge base's mix by kind of question, to tell which kind
// costs what.
void BM_AnswerLargeByKind(benchmark::State& state) {
  const Snapshot* snapshot =
      SyntheticSnapshot(state, static_cast<int>(state.range(0)), kDefaultFrameworks,
                        static_cast<int>(state.range(1)));
  if (snapshot == nullptr) return;
  const int kind = static_cast<int>(state.range(2));
  state.SetLabel(kind == kWrittenQuestions ? "written"
                 : kind == kFaqParaphrases ? "faq paraphrases"
                                           : "document sentences");
  RunOverMixPerInput(state, QuestionsOfKind(snapshot->knowledge_base(), kind),
                     [&](const std::string& input) { return snapshot->answers().Answer(input); });
}
BENCHMARK(BM_AnswerLargeByKind)
    ->ArgNames({"faqs", "documents", "kind"})
    ->Args({kLargeFaqs, kLargeDocuments, kWrittenQuestions})
    ->Args({kLargeFaqs, kLargeDocuments, kFaqParaphrases})
    ->Args({kLargeFaqs, kLargeDocuments, kDocumentSentences})
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
BENCHMARK(BM_FindScaling)
    ->ArgName("frameworks")
    ->Arg(kDefaultFrameworks)
    ->Arg(1000)
    ->Unit(benchmark::kNanosecond);

void BM_MatchScaling(benchmark::State& state) {
  const Snapshot* snapshot = SyntheticSnapshot(state, 10, static_cast<int>(state.range(0)));
  if (snapshot == nullptr) return;
  RunOverMix(state, AllOf(kRoleDescriptions),
             [&](const std::string& input) { return snapshot->roles().Match(input); });
}
BENCHMARK(BM_MatchScaling)
    ->ArgName("frameworks")
    ->Arg(kDefaultFrameworks)
    ->Arg(1000)
    ->Unit(benchmark::kMicrosecond);

// The synthetic knowledge base of a benchmark's (FAQ entries, documents)
// arguments, with the default's frameworks; null after skipping the benchmark with the
// reason when it cannot be made.
const advisor::v1::KnowledgeBase* KnowledgeBaseOfArgs(benchmark::State& state) {
  std::string error;
  const advisor::v1::KnowledgeBase* knowledge_base = CachedKnowledgeBase(
      {static_cast<int>(state.range(0)), kDefaultFrameworks, static_cast<int>(state.range(1))},
      &error);
  if (knowledge_base == nullptr) state.SkipWithError(error.c_str());
  return knowledge_base;
}

// Building the engines' indexes: what a knowledge base reload costs (the
// copy of the knowledge base the snapshot keeps included).
void BM_BuildSnapshot(benchmark::State& state) {
  const advisor::v1::KnowledgeBase* knowledge_base = KnowledgeBaseOfArgs(state);
  if (knowledge_base == nullptr) return;
  for (auto _ : state) {
    auto snapshot = Snapshot::Build(*knowledge_base);
    benchmark::DoNotOptimize(snapshot);
  }
}
BENCHMARK(BM_BuildSnapshot)
    ->ArgNames({"faqs", "documents"})
    ->Args({1000, 0})
    ->Args({10000, 0})
    ->Args({kLargeFaqs, kLargeDocuments})
    ->Iterations(2)
    ->Unit(benchmark::kMillisecond);

// Resident set size in MiB, from /proc/self/statm (its second field, in
// pages); -1 when it cannot be read.
double ResidentMiB() {
  std::FILE* statm = std::fopen("/proc/self/statm", "r");
  if (statm == nullptr) return -1;
  long size = 0;
  long resident = 0;
  const bool read = std::fscanf(statm, "%ld %ld", &size, &resident) == 2;
  std::fclose(statm);
  if (!read) return -1;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

// Bytes the allocator has handed out and not had back, in MiB.
double HeapInUseMiB() {
  const struct mallinfo2 info = mallinfo2();
  return static_cast<double>(info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
}

// What the largest snapshot costs in memory, built once per iteration:
//  - rss_mb: how much the process's resident set grows from just before
//    the build to just after, with the snapshot alive. malloc_trim first
//    hands back what earlier benchmarks freed, so the build cannot hide in
//    memory the process already held; what the build used and freed again
//    may stay resident and counts too (an upper bound on what it keeps).
//  - heap_mb: how much more the allocator has handed out after the build
//    than before: what the snapshot keeps, temporaries excluded.
//  - kb_mb: of which the snapshot's copy of the knowledge base message
//    (SpaceUsedLong), for scale; passages: how many the answerer indexes.
// The knowledge base it is built from exists before the measurement and
// is not counted. The time is the build's plus the trim's.
void BM_SnapshotMemory(benchmark::State& state) {
  const advisor::v1::KnowledgeBase* knowledge_base = KnowledgeBaseOfArgs(state);
  if (knowledge_base == nullptr) return;
  double rss = 0;
  double heap = 0;
  size_t passages = 0;
  for (auto _ : state) {
    malloc_trim(0);
    const double rss_before = ResidentMiB();
    const double heap_before = HeapInUseMiB();
    auto snapshot = Snapshot::Build(*knowledge_base);
    benchmark::DoNotOptimize(snapshot);
    rss = ResidentMiB() - rss_before;
    heap = HeapInUseMiB() - heap_before;
    // How many passages the answerer indexes, for scale.
    passages = snapshot->answers().passages().size();
  }
  state.counters["rss_mb"] = rss;
  state.counters["heap_mb"] = heap;
  state.counters["kb_mb"] =
      static_cast<double>(knowledge_base->SpaceUsedLong()) / (1024.0 * 1024.0);
  state.counters["passages"] = static_cast<double>(passages);
}
BENCHMARK(BM_SnapshotMemory)
    ->ArgNames({"faqs", "documents"})
    ->Args({kLargeFaqs, kLargeDocuments})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace advisor::bench

BENCHMARK_MAIN();
