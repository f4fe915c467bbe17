#include "client/cli/commands.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

#include "client/cli/text_output.h"
#include <google/protobuf/util/json_util.h>

namespace advisor::cli {
namespace {

// A subcommand's usage, for checking arguments and for --help.
struct Subcommand {
  const char* name;
  const char* arguments;
  const char* summary;
  int min_args;
  int max_args;             // -1: no upper bound.
  bool takes_file = false;  // Accepts --file FILE instead of its argument.
};

constexpr Subcommand kSubcommands[] = {
    {"lookup", "NAME", "show one framework (name, id or alias: keras, torch, tf)", 1, 1},
    {"list", "", "list every framework (--filter \"status = ACTIVE\": those it selects)", 0, 0},
    {"compare", "NAME NAME...", "compare two or more frameworks side by side", 2, -1},
    {"match-role", "\"DESCRIPTION\"",
     "rank the frameworks for a role, e.g. \"ML engineer at a bank\"", 1, 1, true},
    // The --file forms are listed for --help; FindSubcommand finds the
    // entry before each, whose takes_file allows --file.
    {"match-role", "--file FILE",
     "match every line of FILE (--file=- reads stdin); JSON lines out, via batch calls", 1, 1,
     true},
    {"ask", "\"QUESTION\"", "answer a question from the knowledge base", 1, 1, true},
    {"ask", "--file FILE",
     "answer every line of FILE (--file=- reads stdin); JSON lines out, over one stream", 1, 1,
     true},
    {"chat", "",
     "a conversation: a question a line (terminal or stdin), follow-ups carried; exit ends", 0, 0},
    {"faqs", "", "list every FAQ entry with its answer", 0, 0},
};

const Subcommand* FindSubcommand(const std::string& name) {
  for (const auto& subcommand : kSubcommands) {
    if (name == subcommand.name) return &subcommand;
  }
  return nullptr;
}

absl::StatusOr<std::string> ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  // Prints `"answered": false` and zero scores instead of dropping them.
  options.always_print_primitive_fields = true;
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    return absl::InternalError(
        absl::StrCat("cannot print the response as JSON: ", status.ToString()));
  }
  return json;
}

// Renders `response` in the requested format.
template <typename Message, typename TextFormatter>
absl::StatusOr<std::string> Render(const absl::StatusOr<Message>& response, OutputFormat format,
                                   TextFormatter text) {
  if (!response.ok()) return response.status();
  if (format == OutputFormat::kJson) return ToJson(*response);
  return text(*response);
}

absl::StatusOr<std::string> RunList(client::AdvisorClient& client, OutputFormat format,
                                    int page_size, const std::string& filter) {
  auto frameworks = client.ListAllFrameworks(page_size, filter);
  if (!frameworks.ok()) return frameworks.status();
  if (format == OutputFormat::kText) return FormatFrameworkList(*frameworks);
  // All pages as one response, as if the server had returned them at once.
  v1::ListFrameworksResponse all;
  all.set_total_size(static_cast<int>(frameworks->size()));
  for (auto& framework : *frameworks) *all.add_frameworks() = std::move(framework);
  return ToJson(all);
}

absl::StatusOr<std::string> RunFaqs(client::AdvisorClient& client, OutputFormat format,
                                    int page_size) {
  auto faqs = client.ListAllFaqs(page_size);
  if (!faqs.ok()) return faqs.status();
  if (format == OutputFormat::kText) return FormatFaqList(*faqs);
  v1::ListFaqsResponse all;
  all.set_total_size(static_cast<int>(faqs->size()));
  for (auto& faq : *faqs) *all.add_faqs() = std::move(faq);
  return ToJson(all);
}

}  // namespace

std::string SubcommandHelp() {
  std::string out;
  for (const auto& subcommand : kSubcommands) {
    absl::StrAppend(&out, absl::StrFormat("  %-30s %s\n",
                                          absl::StrCat(subcommand.name, " ", subcommand.arguments),
                                          subcommand.summary));
  }
  return out;
}

absl::Status CheckUsage(const std::vector<std::string>& args, bool from_file) {
  if (args.empty()) return absl::InvalidArgumentError("missing subcommand");
  const Subcommand* subcommand = FindSubcommand(args[0]);
  if (subcommand == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("unknown subcommand '", args[0], "'"));
  }
  if (from_file) {
    if (!subcommand->takes_file) {
      return absl::InvalidArgumentError(
          absl::StrCat("--file works with ask and match-role only, not ", subcommand->name));
    }
    if (args.size() > 1) {
      return absl::InvalidArgumentError(absl::StrCat(
          "usage: advisor ", subcommand->name, " --file FILE (no other argument with --file)"));
    }
    return absl::OkStatus();
  }
  const int count = static_cast<int>(args.size()) - 1;
  if (count < subcommand->min_args || (subcommand->max_args >= 0 && count > subcommand->max_args)) {
    return absl::InvalidArgumentError(
        absl::StrCat("usage: advisor ", subcommand->name, " ", subcommand->arguments,
                     count > subcommand->max_args && subcommand->max_args >= 0
                         ? " (quote arguments that contain spaces)"
                         : ""));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> RunCommand(client::AdvisorClient client,
                                       const std::vector<std::string>& args, OutputFormat format,
                                       int page_size, const AskOptions& ask) {
  const std::string& name = args.at(0);
  if (name == "lookup") {
    return Render(client.GetFramework(args[1]), format,
                  [](const v1::Framework& framework) { return FormatFramework(framework); });
  }
  if (name == "list") return RunList(client, format, page_size, ask.filter);
  if (name == "compare") {
    std::vector<std::string> names(args.begin() + 1, args.end());
    return Render(client.CompareFrameworks(names), format, FormatComparison);
  }
  if (name == "match-role") return Render(client.MatchRole(args[1]), format, FormatRoleMatch);
  if (name == "ask") {
    v1::AnswerQuestionRequest request;
    request.set_question(args[1]);
    request.set_asker(ask.asker);
    request.set_explain(ask.explain);
    return Render(client.AnswerQuestion(request), format, FormatAnswer);
  }
  if (name == "faqs") return RunFaqs(client, format, page_size);
  return absl::InvalidArgumentError(absl::StrCat("unknown subcommand '", name, "'"));
}

}  // namespace advisor::cli
