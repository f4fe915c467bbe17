// advisor_eval: measures answer quality on labelled sets (see
// tests/eval/README.md) and fails when it is below the targets.
//
//   advisor_eval --faq=faq_dev.tsv --roles=roles_dev.tsv --lookup=lookup_dev.tsv
//       --ask=ask_dev.tsv --min_faq_accuracy=0.97 --min_no_answer_rate=0.95
//       --min_ask_accuracy=0.90 --min_ask_no_answer_rate=0.95 --max_confident_wrong=0
//
// Exit status: 0 when every measured rate meets its target, 1 when one does
// not, 2 when a set cannot be read or the engines cannot be built.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"

#include "tests/eval/dialog_sets.h"
#include "tests/eval/engine_backend.h"
#include "tests/eval/eval_sets.h"
#include "tests/eval/sdk_backend.h"

ABSL_FLAG(std::string, faq, "", "FAQ set (TSV: expected id or NONE, question); empty = skip");
ABSL_FLAG(std::string, roles, "", "Roles set (TSV: expected framework, description); empty = skip");
ABSL_FLAG(std::string, lookup, "", "Lookup set (TSV: query, expected name or code); empty = skip");
ABSL_FLAG(std::string, ask, "",
          "Ask set (TSV: expected key phrases split by '|' or NONE, question); empty = skip");
ABSL_FLAG(std::string, dialog, "",
          "Dialog set (dialogs of follow-up questions, see README.md); empty = skip");
ABSL_FLAG(bool, dialog_in_conversation, true,
          "Ask each dialog turn with its asker and the previous answer's context; false asks "
          "every turn alone (the baseline)");
ABSL_FLAG(double, min_dialog_turn_accuracy, 0,
          "Least share of dialog turns answered right (phrase, or no answer for NONE)");
ABSL_FLAG(double, min_dialog_none_rate, 0,
          "Least share of follow-ups labelled NONE answered with no answer");
ABSL_FLAG(std::string, target, "",
          "Evaluate a running server at this gRPC target (e.g. localhost:50051) through the C++ "
          "SDK; empty = the engines in-process on the embedded knowledge base");
ABSL_FLAG(std::string, overrides, "",
          "Rows of the sets relabelled since the knowledge base answers them (TSV: set, line, "
          "was, now, source; tests/eval/overrides.tsv); empty = none");
ABSL_FLAG(bool, show_all, false,
          "Also list every FAQ and ask case with its outcome and confidence");
ABSL_FLAG(double, min_faq_accuracy, 0,
          "Least share of answerable FAQ questions answered with the expected entry");
ABSL_FLAG(double, min_no_answer_rate, 0,
          "Least share of off-topic (NONE) FAQ questions answered with no answer");
ABSL_FLAG(
    int, max_faq_wrong_answers, -1,
    "Most FAQ questions answered with a wrong entry (a confident wrong answer); -1 = no limit");
ABSL_FLAG(
    double, min_ask_accuracy, 0,
    "Least share of answerable ask questions answered with a text holding an expected phrase");
ABSL_FLAG(double, min_ask_no_answer_rate, 0,
          "Least share of ask questions the knowledge base does not cover (NONE) answered with no "
          "answer");
ABSL_FLAG(int, max_confident_wrong, -1,
          "Most wrong answers with confidence >= 0.5 over the FAQ and ask sets together; -1 = no "
          "limit");
ABSL_FLAG(double, min_roles_accuracy, 0, "Least share of roles ranked with the expected top");
ABSL_FLAG(double, min_lookup_accuracy, 0, "Least share of lookups with the expected outcome");

namespace advisor::eval {
namespace {

constexpr int kExitBelowTarget = 1;
constexpr int kExitError = 2;

// Prints one row of the summary table; returns whether it meets `target`.
bool PrintRow(const std::string& name, const Tally& tally, double target) {
  const bool ok = tally.Rate() + 1e-12 >= target;
  std::printf("%-38s %6d %8d %9.1f%% %8.1f%%  %s\n", name.c_str(), tally.total, tally.correct,
              100 * tally.Rate(), 100 * target, ok ? "ok" : "BELOW TARGET");
  return ok;
}

// Prints a row counting bad outcomes; returns whether `count` is within
// `limit` (-1: no limit).
bool PrintLimitRow(const std::string& name, int count, int limit) {
  const bool ok = limit < 0 || count <= limit;
  std::printf("%-38s %6d %8s %10s %9s  %s\n", name.c_str(), count, "", "",
              limit < 0 ? "-" : std::to_string(limit).c_str(), ok ? "ok" : "ABOVE LIMIT");
  return ok;
}

void PrintMisses(const std::string& name, const std::vector<Miss>& misses) {
  for (const Miss& miss : misses) {
    std::printf("  miss [%s line %d] %s\n      expected: %s  got: %s", name.c_str(),
                miss.labelled.line, miss.labelled.input.c_str(), miss.labelled.expected.c_str(),
                miss.got.c_str());
    if (miss.confidence >= 0) std::printf("  confidence: %.3f", miss.confidence);
    std::printf("\n");
  }
}

absl::StatusOr<std::unique_ptr<EvalBackend>> MakeBackend() {
  const std::string target = absl::GetFlag(FLAGS_target);
  if (target.empty()) {
    absl::StatusOr<std::unique_ptr<EngineBackend>> engines =
        EngineBackend::ForDefaultKnowledgeBase();
    if (!engines.ok()) return engines.status();
    return std::unique_ptr<EvalBackend>(*std::move(engines));
  }
  client::ClientOptions options;
  options.target = target;
  return std::unique_ptr<EvalBackend>(
      std::make_unique<SdkBackend>(client::AdvisorClient(client::MakeAdvisorConnection(options))));
}

int Run() {
  absl::StatusOr<std::unique_ptr<EvalBackend>> backend = MakeBackend();
  if (!backend.ok()) {
    std::fprintf(stderr, "advisor_eval: %s\n", backend.status().ToString().c_str());
    return kExitError;
  }
  struct Planned {
    std::string path;
    SetKind kind;
  };
  const std::vector<Planned> planned = {{absl::GetFlag(FLAGS_faq), SetKind::kFaq},
                                        {absl::GetFlag(FLAGS_roles), SetKind::kRoles},
                                        {absl::GetFlag(FLAGS_lookup), SetKind::kLookup},
                                        {absl::GetFlag(FLAGS_ask), SetKind::kAsk}};

  std::vector<Override> overrides;
  if (const std::string path = absl::GetFlag(FLAGS_overrides); !path.empty()) {
    absl::StatusOr<std::vector<Override>> read = ReadOverrides(path);
    if (!read.ok()) {
      std::fprintf(stderr, "advisor_eval: %s\n", read.status().ToString().c_str());
      return kExitError;
    }
    overrides = *std::move(read);
  }

  bool all_ok = true;
  // Summed over the FAQ and ask sets: a confident wrong answer is as bad in
  // either.
  int confident_wrong_answers = 0;
  std::vector<std::pair<std::string, std::vector<Miss>>> misses;
  std::printf("%-38s %6s %8s %10s %9s\n", "set", "cases", "correct", "rate", "target");
  for (const Planned& set : planned) {
    if (set.path.empty()) continue;
    absl::StatusOr<std::vector<LabelledCase>> cases = ReadLabelledCases(set.path, set.kind);
    if (!cases.ok()) {
      std::fprintf(stderr, "advisor_eval: %s\n", cases.status().ToString().c_str());
      return kExitError;
    }
    if (absl::Status applied = ApplyOverrides(overrides, set.path, &*cases); !applied.ok()) {
      std::fprintf(stderr, "advisor_eval: %s\n", applied.ToString().c_str());
      return kExitError;
    }
    switch (set.kind) {
      case SetKind::kFaq: {
        const FaqResult result = RunFaqSet(*cases, **backend);
        all_ok &= PrintRow("faq: answered with the right entry", result.answerable,
                           absl::GetFlag(FLAGS_min_faq_accuracy));
        all_ok &= PrintRow("faq: off-topic -> no answer", result.off_topic,
                           absl::GetFlag(FLAGS_min_no_answer_rate));
        all_ok &= PrintLimitRow("faq: wrong entries given", result.wrong_answers,
                                absl::GetFlag(FLAGS_max_faq_wrong_answers));
        confident_wrong_answers += result.confident_wrong_answers;
        misses.emplace_back(set.path, result.misses);
        if (absl::GetFlag(FLAGS_show_all)) {
          for (const Miss& outcome : result.outcomes) {
            std::printf("  %.3f %-26s %-26s %s\n", outcome.confidence,
                        outcome.labelled.expected.c_str(), outcome.got.c_str(),
                        outcome.labelled.input.c_str());
          }
        }
        break;
      }
      case SetKind::kAsk: {
        const AskResult result = RunAskSet(*cases, **backend);
        all_ok &= PrintRow("ask: answered with an expected phrase", result.answerable,
                           absl::GetFlag(FLAGS_min_ask_accuracy));
        all_ok &= PrintRow("ask: not covered -> no answer", result.not_covered,
                           absl::GetFlag(FLAGS_min_ask_no_answer_rate));
        if (result.overridden.total > 0) {
          PrintRow("ask: overridden rows, as relabelled", result.overridden, 0);
        }
        confident_wrong_answers += result.confident_wrong_answers;
        misses.emplace_back(set.path, result.misses);
        if (absl::GetFlag(FLAGS_show_all)) {
          for (const Miss& outcome : result.outcomes) {
            std::printf("  %.3f %s\n        -> %s\n", outcome.confidence,
                        outcome.labelled.input.c_str(), outcome.got.c_str());
          }
        }
        break;
      }
      case SetKind::kRoles: {
        const SetResult result = RunRolesSet(*cases, **backend);
        all_ok &= PrintRow("roles: expected top framework", result.cases,
                           absl::GetFlag(FLAGS_min_roles_accuracy));
        misses.emplace_back(set.path, result.misses);
        break;
      }
      case SetKind::kLookup: {
        const SetResult result = RunLookupSet(*cases, **backend);
        all_ok &= PrintRow("lookup: expected outcome", result.cases,
                           absl::GetFlag(FLAGS_min_lookup_accuracy));
        if (result.overridden.total > 0) {
          PrintRow("lookup: overridden rows, as relabelled", result.overridden, 0);
        }
        misses.emplace_back(set.path, result.misses);
        break;
      }
    }
  }
  if (const std::string path = absl::GetFlag(FLAGS_dialog); !path.empty()) {
    absl::StatusOr<std::vector<Dialog>> dialogs = ReadDialogs(path);
    if (!dialogs.ok()) {
      std::fprintf(stderr, "advisor_eval: %s\n", dialogs.status().ToString().c_str());
      return kExitError;
    }
    const DialogResult result =
        RunDialogSet(*dialogs, **backend, absl::GetFlag(FLAGS_dialog_in_conversation));
    all_ok &= PrintRow("dialog: turns right", result.turns,
                       absl::GetFlag(FLAGS_min_dialog_turn_accuracy));
    PrintRow("dialog: first questions right", result.first_turns, 0);
    PrintRow("dialog: follow-ups answered right", result.follow_ups, 0);
    all_ok &= PrintRow("dialog: follow-ups NONE -> no answer", result.follow_ups_none,
                       absl::GetFlag(FLAGS_min_dialog_none_rate));
    PrintRow("dialog: turns of dialogs with an asker", result.turns_with_asker, 0);
    PrintRow("dialog: whole dialogs right", result.dialogs, 0);
    confident_wrong_answers += result.confident_wrong_answers;
    misses.emplace_back(path, result.misses);
  }
  if (!absl::GetFlag(FLAGS_faq).empty() || !absl::GetFlag(FLAGS_ask).empty() ||
      !absl::GetFlag(FLAGS_dialog).empty()) {
    all_ok &= PrintLimitRow(absl::StrCat("confident wrong answers (>= ", kConfidentAnswer, ")"),
                            confident_wrong_answers, absl::GetFlag(FLAGS_max_confident_wrong));
  }
  for (const auto& [path, set_misses] : misses) PrintMisses(path, set_misses);
  return all_ok ? 0 : kExitBelowTarget;
}

}  // namespace
}  // namespace advisor::eval

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Measures FAQ, ask, role and lookup answer quality on labelled TSV sets.");
  absl::ParseCommandLine(argc, argv);
  return advisor::eval::Run();
}
