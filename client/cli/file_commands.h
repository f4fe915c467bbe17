#ifndef ADVISOR_CLIENT_CLI_FILE_COMMANDS_H_
#define ADVISOR_CLIENT_CLI_FILE_COMMANDS_H_

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"

#include "advisor/client/client.h"
#include "client/cli/progress_bar.h"

// `advisor ask --file` and `advisor match-role --file`: one item per line
// in, one JSON line per item out, in input order.
namespace advisor::cli {

// One line of the input file: its 1-based number and text.
struct InputLine {
  int number = 0;
  std::string text;
};

// The non-blank lines of `input`, with their line numbers (blank lines
// are skipped, not sent). A trailing `\r` is dropped (CRLF files).
std::vector<InputLine> ReadInputLines(std::istream& input);

// Writes one answer's JSON line (as AskFromLines does) and flushes it;
// keeps the first error in `first_error`.
void WriteAnswerLine(std::ostream& out, const InputLine& line,
                     const absl::StatusOr<v1::AnswerQuestionResponse>& answer,
                     absl::Status& first_error);

// Answers every line as a question over one StreamAnswers stream and
// writes `{"line":N,"question":"...","response":{...}}` or
// `{"line":N,"question":"...","error":{"code":"INVALID_ARGUMENT",
// "message":"..."}}` per line to `out`, flushing each, in input order.
// `progress` may be null. Returns the stream's error if it broke; else
// the first line's error, if any (every line is still written); else OK.
absl::Status AskFromLines(client::AdvisorClient& client, const std::vector<InputLine>& lines,
                          std::ostream& out, ProgressBar* progress);

// As AskFromLines, for role descriptions (`"description"` instead of
// `"question"`), sent as BatchMatchRoles calls of up to 1000 lines and
// about 48 KiB each.
absl::Status MatchRolesFromLines(client::AdvisorClient& client, const std::vector<InputLine>& lines,
                                 std::ostream& out, ProgressBar* progress);

}  // namespace advisor::cli

#endif  // ADVISOR_CLIENT_CLI_FILE_COMMANDS_H_
