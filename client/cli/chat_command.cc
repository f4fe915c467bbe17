#include "client/cli/chat_command.h"

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/strip.h"

#include "advisor/client/conversation.h"
#include "client/cli/file_commands.h"
#include "client/cli/text_output.h"

namespace advisor::cli {

absl::Status RunChat(client::AdvisorClient client, const ChatOptions& options, std::istream& in,
                     std::ostream& out, std::ostream& err) {
  client::Conversation conversation(std::move(client), options.asker);
  conversation.set_explain(options.explain);
  absl::Status first_error;
  if (options.interactive) {
    out << "Ask about deep learning frameworks; follow-up questions carry on from the answer "
           "before. 'exit' or Ctrl-D ends.\n";
  }
  std::string line;
  int number = 0;
  while (true) {
    if (options.interactive) out << "> " << std::flush;
    if (!std::getline(in, line)) break;
    ++number;
    const std::string question(absl::StripAsciiWhitespace(absl::StripSuffix(line, "\r")));
    if (question.empty()) continue;
    const std::string lowered = absl::AsciiStrToLower(question);
    if (lowered == "exit" || lowered == "quit") break;
    const absl::StatusOr<v1::AnswerQuestionResponse> answer = conversation.Ask(question);
    if (options.format == OutputFormat::kJson) {
      WriteAnswerLine(out, InputLine{number, question}, answer, first_error);
      continue;
    }
    if (!answer.ok()) {
      err << "error: " << absl::StatusCodeToString(answer.status().code()) << ": "
          << answer.status().message() << "\n";
      if (first_error.ok()) first_error = answer.status();
      continue;
    }
    out << FormatAnswer(*answer);
    if (options.interactive) out << "\n";
    out.flush();
  }
  if (options.interactive) out << "\n";
  return first_error;
}

}  // namespace advisor::cli
