#ifndef ADVISOR_CLIENT_CLI_COMMANDS_H_
#define ADVISOR_CLIENT_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#include "advisor/client/client.h"

// The `advisor` CLI's subcommands: checking their arguments and running
// them through the SDK. Knows nothing about flags or process exit codes.
namespace advisor::cli {

// How results are printed.
enum class OutputFormat {
  kText,  // Readable text (text_output.h).
  kJson,  // The response message as protobuf JSON.
};

// The subcommands with their arguments and a one-line summary, one per
// line, for --help.
std::string SubcommandHelp();

// Checks `args` (the subcommand, then its arguments) against the
// subcommand's usage. `from_file`: --file was given, which only `ask` and
// `match-role` accept, and then without an argument. INVALID_ARGUMENT
// says what is wrong.
absl::Status CheckUsage(const std::vector<std::string>& args, bool from_file = false);

// What `ask` sends besides the question, and `list`'s filter.
struct AskOptions {
  std::string asker;     // AnswerQuestionRequest.asker; may be empty.
  bool explain = false;  // AnswerQuestionRequest.explain.
  std::string filter;    // ListFrameworksRequest.filter, for `list`.
};

// Runs the subcommand in `args` (which passed CheckUsage; not `chat`, see
// chat_command.h) and returns what to print, or the call's error status.
// `page_size` applies to `list` and `faqs`, which fetch every page; `ask`
// to `ask` (and its `filter` to `list`).
absl::StatusOr<std::string> RunCommand(client::AdvisorClient client,
                                       const std::vector<std::string>& args, OutputFormat format,
                                       int page_size, const AskOptions& ask = {});

}  // namespace advisor::cli

#endif  // ADVISOR_CLIENT_CLI_COMMANDS_H_
