#ifndef ADVISOR_TESTS_EVAL_EVAL_SETS_H_
#define ADVISOR_TESTS_EVAL_EVAL_SETS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "tests/eval/eval_backend.h"

namespace advisor::eval {

// The kinds of labelled sets in /work/shared/eval (see its README).
enum class SetKind {
  kFaq,     // expected FAQ id (or NONE) <TAB> question
  kRoles,   // expected top framework <TAB> role description
  kLookup,  // query <TAB> expected display name (or a status code name)
};

// The label a FAQ row carries for an off-topic question.
inline constexpr absl::string_view kNoAnswer = "NONE";

// One labelled row of a set.
struct LabelledCase {
  int line = 0;          // 1-based line in the file.
  std::string input;     // The question, role description or lookup query.
  std::string expected;  // FAQ id, NONE, display name or status code name.
};

// Parses a set's text: `#` lines and blank lines are skipped, columns are
// tab-separated (an empty column is kept: an empty lookup query is a case).
// INVALID_ARGUMENT naming `source` and the line for a row without a tab.
absl::StatusOr<std::vector<LabelledCase>> ParseLabelledCases(absl::string_view text, SetKind kind,
                                                             absl::string_view source);

// Reads and parses a set file; NOT_FOUND when it cannot be read.
absl::StatusOr<std::vector<LabelledCase>> ReadLabelledCases(const std::string& path, SetKind kind);

// A case the backend got wrong.
struct Miss {
  LabelledCase labelled;
  std::string got;         // What came back: an id, NONE, a name or a status.
  double confidence = -1;  // FAQ only; -1 elsewhere.
};

// Correct / total for one group of cases.
struct Tally {
  int correct = 0;
  int total = 0;
  // correct / total; 1 for an empty group (nothing to get wrong).
  double Rate() const { return total == 0 ? 1.0 : static_cast<double>(correct) / total; }
};

// The outcome of running one FAQ set.
struct FaqResult {
  Tally answerable;       // Answered with the expected entry.
  Tally off_topic;        // NONE rows answered "no answer".
  int wrong_answers = 0;  // Answered with an entry that is not the expected one.
  std::vector<Miss> misses;
  // Every case with what came back (`Miss` holds a hit too), for tuning.
  std::vector<Miss> outcomes;
};

// The outcome of running a roles or lookup set.
struct SetResult {
  Tally cases;
  std::vector<Miss> misses;
};

// Runs every case of a FAQ set through `backend`.
FaqResult RunFaqSet(const std::vector<LabelledCase>& cases, EvalBackend& backend);

// Runs every case of a roles set: the top framework must be the expected one.
SetResult RunRolesSet(const std::vector<LabelledCase>& cases, EvalBackend& backend);

// Runs every case of a lookup set: the display name must match, or the
// status code's name (e.g. NOT_FOUND) when the row expects an error.
SetResult RunLookupSet(const std::vector<LabelledCase>& cases, EvalBackend& backend);

}  // namespace advisor::eval

#endif  // ADVISOR_TESTS_EVAL_EVAL_SETS_H_
