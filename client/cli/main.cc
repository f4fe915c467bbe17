// advisor: command-line client of the Framework Advisor service.
//
// Exit codes: 0 on success; the gRPC status code (1-16, e.g. 5 for
// NOT_FOUND, 14 for UNAVAILABLE) when a call fails (with --file: the code
// of the first line that failed, after every line is printed); 64 for a
// usage error.

#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"

#include "advisor/client/client.h"
#include "advisor/client/version.h"
#include "client/cli/chat_command.h"
#include "client/cli/commands.h"
#include "client/cli/connection_flags.h"
#include "client/cli/file_commands.h"
#include "client/cli/progress_bar.h"
#include "common/flags_usage.h"
#include <unistd.h>

ABSL_FLAG(bool, json, false, "Print the response as protobuf JSON instead of text.");
ABSL_FLAG(
    std::string, file, "",
    "With ask or match-role: read one question or role description per line from this "
    "file (--file=- reads stdin) and print one JSON line per line. A progress bar goes to stderr "
    "when it is a terminal. Use a --stream_timeout long enough for the whole file.");
ABSL_FLAG(int, page_size, 0, "Page size used by `list` and `faqs` (0: the server's default).");
ABSL_FLAG(std::string, filter, "",
          "With list: only the frameworks this AIP-160 filter selects, e.g. \"status = ACTIVE\" "
          "or \"kind = LIBRARY AND status != RETIRED\" (fields kind and status).");
ABSL_FLAG(bool, explain, false,
          "With ask or chat: also print how each answer was chosen (the question as read, "
          "every candidate with its confidence and signals).");
ABSL_FLAG(std::string, asker, "",
          "With ask or chat: who asks (role, kind of employer, experience), e.g. \"ML engineer "
          "at a bank\"; answers that depend on who asks are chosen for them.");

namespace {

// Exit code for wrong flags or arguments (BSD sysexits EX_USAGE), distinct
// from the gRPC codes 1-16 used for failed calls.
constexpr int kUsageExitCode = 64;

std::string UsageMessage() {
  return absl::StrCat(
      "Asks a Framework Advisor server about deep learning frameworks.\n\n"
      "Usage: advisor [flags] SUBCOMMAND [ARGS...]\n\nSubcommands:\n",
      advisor::cli::SubcommandHelp(),
      "\nExamples:\n"
      "  advisor lookup keras\n"
      "  advisor --json compare pytorch tensorflow\n"
      "  advisor ask \"Why do startups prefer PyTorch?\"\n"
      "  advisor ask --asker \"student, new to deep learning\" \"which framework first?\"\n"
      "  advisor ask --file questions.txt > answers.jsonl\n"
      "  advisor chat --asker \"ML engineer at a startup\"\n"
      "  advisor match-role --file roles.txt\n"
      "\nExit codes: 0 success; 1-16 the gRPC status code of a failed call "
      "(5 NOT_FOUND, 14 UNAVAILABLE, ...; with --file the first failed line's code, "
      "after all lines are printed); 64 usage error.");
}

int UsageError(absl::string_view message) {
  std::cerr << "error: " << message << "\nRun 'advisor --help' for usage.\n";
  return kUsageExitCode;
}

int CallFailed(const absl::Status& status) {
  std::cerr << "error: " << absl::StatusCodeToString(status.code()) << ": " << status.message()
            << "\n";
  return static_cast<int>(status.code());
}

// `advisor ask|match-role --file PATH`: JSON lines on stdout, progress on
// stderr when it is a terminal.
int RunFromFile(advisor::client::AdvisorClient& client, const std::string& subcommand,
                const std::string& path) {
  std::ifstream file;
  if (path != "-") {
    file.open(path);
    if (!file) return UsageError(absl::StrCat("--file: cannot read ", path));
  }
  std::istream& input = path == "-" ? std::cin : file;
  const std::vector<advisor::cli::InputLine> lines = advisor::cli::ReadInputLines(input);
  std::unique_ptr<advisor::cli::ProgressBar> progress;
  if (isatty(STDERR_FILENO) == 1) {
    progress = std::make_unique<advisor::cli::ProgressBar>(std::cerr, lines.size());
  }
  absl::Status const status =
      subcommand == "ask"
          ? advisor::cli::AskFromLines(client, lines, std::cout, progress.get())
          : advisor::cli::MatchRolesFromLines(client, lines, std::cout, progress.get());
  if (progress != nullptr) progress->Finish(lines.size());
  return status.ok() ? 0 : CallFailed(status);
}

}  // namespace

int main(int argc, char** argv) {
  // --help lists the CLI's own flags by topic, not those of every linked
  // library.
  advisor::flags_usage::SetFlagsUsage(
      {{"client/cli/main.cc", "commands"}, {"client/cli/connection_flags.cc", "connection"}},
      absl::StrCat("advisor ", advisor::client::VersionString(), "\n"));
  absl::SetProgramUsageMessage(UsageMessage());

  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  std::vector<std::string> args(positional.begin() + 1, positional.end());
  std::string const file = absl::GetFlag(FLAGS_file);
  if (absl::Status usage = advisor::cli::CheckUsage(args, !file.empty()); !usage.ok()) {
    return UsageError(usage.message());
  }
  auto options = advisor::cli::ClientOptionsFromFlags();
  if (!options.ok()) return UsageError(options.status().message());

  advisor::client::AdvisorClient client(advisor::client::MakeAdvisorConnection(*options));
  if (!file.empty()) return RunFromFile(client, args[0], file);
  const auto format = absl::GetFlag(FLAGS_json) ? advisor::cli::OutputFormat::kJson
                                                : advisor::cli::OutputFormat::kText;
  if (args[0] == "chat") {
    advisor::cli::ChatOptions chat;
    chat.asker = absl::GetFlag(FLAGS_asker);
    chat.interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1;
    chat.format = format;
    chat.explain = absl::GetFlag(FLAGS_explain);
    const absl::Status status = advisor::cli::RunChat(client, chat, std::cin, std::cout, std::cerr);
    return status.ok() ? 0 : static_cast<int>(status.code());
  }
  advisor::cli::AskOptions ask;
  ask.asker = absl::GetFlag(FLAGS_asker);
  ask.explain = absl::GetFlag(FLAGS_explain);
  ask.filter = absl::GetFlag(FLAGS_filter);
  auto output = advisor::cli::RunCommand(client, args, format, absl::GetFlag(FLAGS_page_size), ask);
  if (!output.ok()) return CallFailed(output.status());
  std::cout << *output;
  return 0;
}
