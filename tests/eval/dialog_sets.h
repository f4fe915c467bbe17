#ifndef ADVISOR_TESTS_EVAL_DIALOG_SETS_H_
#define ADVISOR_TESTS_EVAL_DIALOG_SETS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "tests/eval/eval_backend.h"
#include "tests/eval/eval_sets.h"

// Dialog sets: conversations of follow-up questions, each turn asked with
// the dialog's asker and the previous answer's context token
// (tests/eval/README.md).
namespace advisor::eval {

// One conversation: an optional asker, then 2-4 turns, each an ask case
// (expected phrases or NONE, question) with its line.
struct Dialog {
  int line = 0;       // 1-based line of its first row.
  std::string asker;  // From an "@asker<TAB>text" first line; may be empty.
  std::vector<LabelledCase> turns;
};

// Parses a dialog set: `#` lines skipped, dialogs separated by blank lines,
// an optional first row `@asker<TAB>text`, then rows `expected<TAB>question`.
// INVALID_ARGUMENT naming `source` and the line for a row without a tab, an
// asker row that is not a dialog's first, or a dialog without turns.
absl::StatusOr<std::vector<Dialog>> ParseDialogs(absl::string_view text, absl::string_view source);
// Reads and parses a dialog set file; NOT_FOUND when it cannot be read.
absl::StatusOr<std::vector<Dialog>> ReadDialogs(const std::string& path);

// The outcome of running one dialog set; every turn is judged as an ask
// case.
struct DialogResult {
  Tally first_turns;       // The dialogs' first questions.
  Tally follow_ups;        // Later turns, answerable ones.
  Tally follow_ups_none;   // Later turns labelled NONE: "no answer".
  Tally turns;             // Every turn.
  Tally dialogs;           // Dialogs with every turn right.
  Tally turns_with_asker;  // Every turn of a dialog with an asker.
  int confident_wrong_answers = 0;
  std::vector<Miss> misses;  // `got` says what came back.
};

// Runs every dialog through `backend`, each turn with the dialog's asker and
// the previous turn's context (none for the first). Without `in_conversation`
// every turn is asked alone, with neither: the baseline the conversation is
// measured against.
DialogResult RunDialogSet(const std::vector<Dialog>& dialogs, EvalBackend& backend,
                          bool in_conversation = true);

}  // namespace advisor::eval

#endif  // ADVISOR_TESTS_EVAL_DIALOG_SETS_H_
