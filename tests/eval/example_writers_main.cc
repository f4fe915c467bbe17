// advisor_example_writers: the whole answerer judged on its own example
// writers, none of whose questions is a development-set question. Each
// writer in turn is held out: the knowledge base loses that writer's
// example questions, the answerer (question model included) is built from
// the rest, and answers the held-out writer's questions. A question is
// right when the answer comes from the item the writer wrote it for, or
// when an out-of-scope question gets no answer.
//
//   advisor_example_writers [--knowledge_base=PATH] [--held_out=writer-1,...]
//
// Prints a Markdown table: each held-out writer, then all of them pooled.
// A figure that needs no development set, so it can choose between
// knowledge bases (whose examples to keep, for one) without tuning on the
// writers the development sets come from. Strict: an answer from a
// neighbouring item saying the same thing counts as wrong.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"

#include "advisor/v1/knowledge_base.pb.h"
#include "service/engines/knowledge_answerer.h"
#include "service/knowledge_base/item_names.h"
#include "service/knowledge_base/knowledge_base_loader.h"

ABSL_FLAG(std::string, knowledge_base, "",
          "knowledge base file to judge (default: the embedded one)");
ABSL_FLAG(std::vector<std::string>, held_out, {},
          "writers to hold out, one at a time (default: every writer)");

namespace advisor::eval {
namespace {

struct Tally {
  int in_scope = 0;
  int in_scope_right = 0;
  int in_scope_wrong = 0;  // Answered from another item.
  int out_of_scope = 0;
  int out_of_scope_right = 0;  // No answer.

  void Add(const Tally& other) {
    in_scope += other.in_scope;
    in_scope_right += other.in_scope_right;
    in_scope_wrong += other.in_scope_wrong;
    out_of_scope += other.out_of_scope;
    out_of_scope_right += other.out_of_scope_right;
  }
  int answered_wrong() const { return in_scope_wrong + (out_of_scope - out_of_scope_right); }
};

double Percent(int part, int whole) { return whole == 0 ? 0 : 100.0 * part / whole; }

void PrintRow(const std::string& writer, const Tally& t, double seconds) {
  std::printf("| %s | %d | %.1f %% (%d/%d) | %d | %.1f %% (%d/%d) | %d | %.1f |\n", writer.c_str(),
              t.in_scope + t.out_of_scope, Percent(t.in_scope_right, t.in_scope), t.in_scope_right,
              t.in_scope, t.in_scope_wrong, Percent(t.out_of_scope_right, t.out_of_scope),
              t.out_of_scope_right, t.out_of_scope, t.answered_wrong(), seconds);
}

// `writer`'s questions answered by a knowledge base without them.
absl::StatusOr<Tally> JudgeWriter(const v1::KnowledgeBase& knowledge_base,
                                  const std::string& writer) {
  v1::KnowledgeBase without = knowledge_base;
  without.clear_examples();
  for (const auto& set : knowledge_base.examples()) {
    if (set.author() != writer) *without.add_examples() = set;
  }
  const engines::KnowledgeAnswerer answerer(without);
  if (!answerer.question_model_status().ok()) return answerer.question_model_status();
  Tally tally;
  for (const auto& set : knowledge_base.examples()) {
    if (set.author() != writer) continue;
    const bool out_of_scope = set.item() == knowledge_base::kOutOfScopeItem;
    for (const std::string& question : set.questions()) {
      absl::StatusOr<engines::KnowledgeAnswer> answer = answerer.Answer(question);
      if (!answer.ok()) return answer.status();
      if (out_of_scope) {
        ++tally.out_of_scope;
        if (!answer->answered) ++tally.out_of_scope_right;
        continue;
      }
      ++tally.in_scope;
      if (!answer->answered) continue;
      if (answer->best.passage->item == set.item()) {
        ++tally.in_scope_right;
      } else {
        ++tally.in_scope_wrong;
      }
    }
  }
  return tally;
}

int Run() {
  absl::StatusOr<v1::KnowledgeBase> knowledge_base =
      knowledge_base::LoadKnowledgeBaseFileOrDefault(absl::GetFlag(FLAGS_knowledge_base));
  if (!knowledge_base.ok()) {
    std::fprintf(stderr, "advisor_example_writers: %s\n",
                 knowledge_base.status().ToString().c_str());
    return 2;
  }
  std::set<std::string> writers;
  for (const auto& set : knowledge_base->examples()) writers.insert(set.author());
  std::vector<std::string> held_out = absl::GetFlag(FLAGS_held_out);
  if (held_out.empty()) held_out.assign(writers.begin(), writers.end());
  for (const std::string& writer : held_out) {
    if (writers.count(writer) == 0) {
      std::fprintf(stderr, "advisor_example_writers: no examples by \"%s\"\n", writer.c_str());
      return 2;
    }
  }
  std::printf(
      "| writer held out | questions | in scope: right item | in scope: another item | out of "
      "scope: no answer | answered wrong | seconds |\n|---|---:|---:|---:|---:|---:|---:|\n");
  Tally pooled;
  double total_seconds = 0;
  for (const std::string& writer : held_out) {
    const auto start = std::chrono::steady_clock::now();
    absl::StatusOr<Tally> tally = JudgeWriter(*knowledge_base, writer);
    if (!tally.ok()) {
      std::fprintf(stderr, "advisor_example_writers: %s: %s\n", writer.c_str(),
                   tally.status().ToString().c_str());
      return 2;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    PrintRow(writer, *tally, seconds);
    pooled.Add(*tally);
    total_seconds += seconds;
  }
  PrintRow("all", pooled, total_seconds);
  return 0;
}

}  // namespace
}  // namespace advisor::eval

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return advisor::eval::Run();
}
