// advisor: command-line client of the Framework Advisor service.
//
// Exit codes: 0 on success; the gRPC status code (1-16, e.g. 5 for
// NOT_FOUND, 14 for UNAVAILABLE) when a call fails (with --file: the code
// of the first line that failed, after every line is printed); 64 for a
// usage error.

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

#include "advisor/client/client.h"
#include "advisor/client/options.h"
#include "advisor/client/version.h"
#include "client/cli/commands.h"
#include "client/cli/file_commands.h"
#include "client/cli/progress_bar.h"
#include <unistd.h>

ABSL_FLAG(std::string, target, advisor::client::kDefaultTarget,
          "Address of the advisor server, e.g. localhost:50051 or dns:///advisor.example:443.");
ABSL_FLAG(absl::Duration, timeout, advisor::client::kDefaultTimeout,
          "Deadline of each call, retries included, e.g. 500ms, 5s.");
ABSL_FLAG(bool, json, false, "Print the response as protobuf JSON instead of text.");
ABSL_FLAG(std::string, token, "",
          "Bearer token sent as `authorization: Bearer TOKEN`. Defaults to the ADVISOR_TOKEN "
          "environment variable, which keeps it out of the process list.");
ABSL_FLAG(bool, tls, false, "Connect with TLS (implied by --tls_ca, --tls_cert, --tls_key).");
ABSL_FLAG(std::string, tls_ca, "",
          "PEM file with the root certificates that verify the server (default: system roots).");
ABSL_FLAG(std::string, tls_cert, "", "PEM file with the client certificate chain (mutual TLS).");
ABSL_FLAG(std::string, tls_key, "", "PEM file with the client private key (mutual TLS).");
ABSL_FLAG(int, retries, advisor::client::kDefaultRetryMaxAttempts,
          "Attempts per call including the first (1-5); only UNAVAILABLE is retried.");
ABSL_FLAG(std::string, lb_policy, advisor::client::kDefaultLoadBalancingPolicy,
          "gRPC load balancing policy: round_robin or pick_first.");
ABSL_FLAG(
    std::string, file, "",
    "With ask or match-role: read one question or role description per line from this "
    "file (--file=- reads stdin) and print one JSON line per line. A progress bar goes to stderr "
    "when it is a terminal. Use a --stream_timeout long enough for the whole file.");
ABSL_FLAG(absl::Duration, stream_timeout, advisor::client::kDefaultStreamTimeout,
          "Deadline of the whole stream that ask --file uses, e.g. 10m.");
ABSL_FLAG(int, page_size, 0, "Page size used by `list` and `faqs` (0: the server's default).");

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
      "  advisor ask --file questions.txt > answers.jsonl\n"
      "  advisor match-role --file roles.txt\n"
      "\nExit codes: 0 success; 1-16 the gRPC status code of a failed call "
      "(5 NOT_FOUND, 14 UNAVAILABLE, ...; with --file the first failed line's code, "
      "after all lines are printed); 64 usage error.");
}

// Reads a whole file, for the TLS flags that name PEM files.
absl::StatusOr<std::string> ReadFile(const std::string& flag, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("--", flag, ": cannot read ", path));
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

absl::StatusOr<advisor::client::ClientOptions> OptionsFromFlags() {
  advisor::client::ClientOptions options;
  options.target = absl::GetFlag(FLAGS_target);
  options.timeout = absl::GetFlag(FLAGS_timeout);
  options.stream_timeout = absl::GetFlag(FLAGS_stream_timeout);
  options.bearer_token = absl::GetFlag(FLAGS_token);
  if (options.bearer_token.empty()) {
    if (const char* token = std::getenv("ADVISOR_TOKEN")) options.bearer_token = token;
  }
  options.retry.max_attempts = absl::GetFlag(FLAGS_retries);
  options.load_balancing_policy = absl::GetFlag(FLAGS_lb_policy);
  options.user_agent_prefix = "advisor-cli";
  struct PemFlag {
    const char* name;
    std::string path;
    std::string* field;
  };
  const PemFlag pem_flags[] = {{"tls_ca", absl::GetFlag(FLAGS_tls_ca), &options.tls.root_certs},
                               {"tls_cert", absl::GetFlag(FLAGS_tls_cert), &options.tls.cert_chain},
                               {"tls_key", absl::GetFlag(FLAGS_tls_key), &options.tls.private_key}};
  options.use_tls = absl::GetFlag(FLAGS_tls);
  for (const auto& pem : pem_flags) {
    if (pem.path.empty()) continue;
    auto contents = ReadFile(pem.name, pem.path);
    if (!contents.ok()) return contents.status();
    *pem.field = *std::move(contents);
    options.use_tls = true;
  }
  if (absl::Status valid = advisor::client::ValidateClientOptions(options); !valid.ok()) {
    return valid;
  }
  return options;
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
  absl::FlagsUsageConfig usage_config;
  // --help lists the CLI's own flags, not those of every linked library.
  usage_config.contains_help_flags = [](absl::string_view file) {
    return absl::StrContains(file, "client/cli/");
  };
  usage_config.contains_helpshort_flags = usage_config.contains_help_flags;
  usage_config.version_string = [] {
    return absl::StrCat("advisor ", advisor::client::VersionString(), "\n");
  };
  absl::SetFlagsUsageConfig(usage_config);
  absl::SetProgramUsageMessage(UsageMessage());

  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  std::vector<std::string> args(positional.begin() + 1, positional.end());
  std::string const file = absl::GetFlag(FLAGS_file);
  if (absl::Status usage = advisor::cli::CheckUsage(args, !file.empty()); !usage.ok()) {
    return UsageError(usage.message());
  }
  auto options = OptionsFromFlags();
  if (!options.ok()) return UsageError(options.status().message());

  advisor::client::AdvisorClient client(advisor::client::MakeAdvisorConnection(*options));
  if (!file.empty()) return RunFromFile(client, args[0], file);
  const auto format = absl::GetFlag(FLAGS_json) ? advisor::cli::OutputFormat::kJson
                                                : advisor::cli::OutputFormat::kText;
  auto output = advisor::cli::RunCommand(client, args, format, absl::GetFlag(FLAGS_page_size));
  if (!output.ok()) return CallFailed(output.status());
  std::cout << *output;
  return 0;
}
