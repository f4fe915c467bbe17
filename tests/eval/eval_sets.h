#ifndef ADVISOR_TESTS_EVAL_EVAL_SETS_H_
#define ADVISOR_TESTS_EVAL_EVAL_SETS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "tests/eval/eval_backend.h"

namespace advisor::eval {

// The kinds of labelled sets (tests/eval/README.md).
enum class SetKind {
  kFaq,     // expected FAQ id (or NONE) <TAB> question
  kRoles,   // expected top framework <TAB> role description
  kLookup,  // query <TAB> expected display name (or a status code name)
  kAsk,     // expected key phrases split by '|' (or NONE) <TAB> question
};

// The label a FAQ or ask row carries for a question the knowledge base does
// not cover.
inline constexpr absl::string_view kNoAnswer = "NONE";

// An answer at least this confident that is wrong is a "confident wrong
// answer": the kind a client would trust and show.
inline constexpr double kConfidentAnswer = 0.5;

// One labelled row of a set.
struct LabelledCase {
  int line = 0;          // 1-based line in the file.
  std::string input;     // The question, role description or lookup query.
  std::string expected;  // FAQ id, NONE, display name or status code name.
  // The expectation comes from tests/eval/overrides.tsv, not the set's
  // writer: the knowledge base now answers what the row was labelled for.
  bool overridden = false;
};

// Parses a set's text: `#` lines and blank lines are skipped, columns are
// tab-separated (an empty column is kept: an empty lookup query is a case).
// INVALID_ARGUMENT naming `source` and the line for a row without a tab.
absl::StatusOr<std::vector<LabelledCase>> ParseLabelledCases(absl::string_view text, SetKind kind,
                                                             absl::string_view source);

// A set file's whole text; NOT_FOUND when it cannot be read.
absl::StatusOr<std::string> ReadSetText(const std::string& path);

// Reads and parses a set file; NOT_FOUND when it cannot be read.
absl::StatusOr<std::vector<LabelledCase>> ReadLabelledCases(const std::string& path, SetKind kind);

// A row of a shared set whose expectation the knowledge base has outgrown
// ("is theano still maintained" was NONE before Theano had a record), with
// the page that now answers it.
struct Override {
  std::string set;  // The set file's name, e.g. "ask_dev_b.tsv".
  int line = 0;
  std::string was;  // The set's own expectation, checked.
  std::string now;
  std::string source;
};

// Parses an overrides file: `#` lines and blank lines skipped; columns set,
// line, was, now, source URL, tab-separated. INVALID_ARGUMENT naming
// `source` and the line for a malformed row.
absl::StatusOr<std::vector<Override>> ParseOverrides(absl::string_view text,
                                                     absl::string_view source);
// Reads and parses an overrides file; NOT_FOUND when it cannot be read.
absl::StatusOr<std::vector<Override>> ReadOverrides(const std::string& path);

// Applies the overrides of the set read from `path` (matched by file name)
// to its `cases`, marking them overridden. FAILED_PRECONDITION when an
// override's line is not a case or expects something else than `was`: the
// shared set changed under it.
absl::Status ApplyOverrides(const std::vector<Override>& overrides, absl::string_view path,
                            std::vector<LabelledCase>* cases);

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
  // Wrong answers with confidence >= kConfidentAnswer.
  int confident_wrong_answers = 0;
  std::vector<Miss> misses;
  // Every case with what came back (`Miss` holds a hit too), for tuning.
  std::vector<Miss> outcomes;
};

// The outcome of running a roles or lookup set.
struct SetResult {
  Tally cases;
  Tally overridden;  // Lookup rows relabelled by tests/eval/overrides.tsv, apart.
  std::vector<Miss> misses;
};

// The outcome of running one ask set.
struct AskResult {
  Tally answerable;   // Answered with a text containing an expected phrase.
  Tally not_covered;  // NONE rows answered "no answer".
  // The overridden rows among both, apart: right as their new expectation
  // says.
  Tally overridden;
  // Answered with confidence >= kConfidentAnswer, but with a text holding
  // no expected phrase or to a NONE row.
  int confident_wrong_answers = 0;
  std::vector<Miss> misses;
  // Every case with what came back (as DescribeAskReply), for tuning.
  std::vector<Miss> outcomes;
};

// The key phrases of an ask row's expected column: split at '|', each
// trimmed of ASCII whitespace, empty ones dropped.
std::vector<std::string> SplitExpectedPhrases(absl::string_view expected);

// Whether `text` contains `phrase`, ignoring ASCII case; other bytes (UTF-8
// beyond ASCII) must match exactly. An empty phrase is contained in any text.
bool ContainsIgnoringAsciiCase(absl::string_view text, absl::string_view phrase);

// Whether `answer` contains one of `phrases`.
bool ContainsAnyPhrase(absl::string_view answer, const std::vector<std::string>& phrases);

// At most `max_bytes` of `text`, cut before a UTF-8 character that would not
// fit, with "..." appended when something was cut.
std::string TruncateUtf8(absl::string_view text, size_t max_bytes);

// Whether `reply` is right for an ask case: answered with a text holding
// one of its phrases, or "no answer" for a NONE row.
bool IsRightAskReply(const LabelledCase& labelled, const AskReply& reply);

// What came back for an ask case, for a report: NONE, or the answer (at
// most `max_answer_bytes` of it) quoted, then the source's name.
std::string DescribeAskReply(const AskReply& reply, size_t max_answer_bytes);

// Runs every case of a FAQ set through `backend`.
FaqResult RunFaqSet(const std::vector<LabelledCase>& cases, EvalBackend& backend);

// Runs every case of an ask set through `backend`: an answerable row is
// right when the answer contains one of its phrases, a NONE row when the
// question gets "no answer".
AskResult RunAskSet(const std::vector<LabelledCase>& cases, EvalBackend& backend);

// Runs every case of a roles set: the top framework must be the expected one.
SetResult RunRolesSet(const std::vector<LabelledCase>& cases, EvalBackend& backend);

// Runs every case of a lookup set: the display name must match, or the
// status code's name (e.g. NOT_FOUND) when the row expects an error.
SetResult RunLookupSet(const std::vector<LabelledCase>& cases, EvalBackend& backend);

}  // namespace advisor::eval

#endif  // ADVISOR_TESTS_EVAL_EVAL_SETS_H_
