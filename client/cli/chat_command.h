#ifndef ADVISOR_CLIENT_CLI_CHAT_COMMAND_H_
#define ADVISOR_CLIENT_CLI_CHAT_COMMAND_H_

#include <istream>
#include <ostream>
#include <string>

#include "absl/status/status.h"

#include "advisor/client/client.h"
#include "client/cli/commands.h"

// `advisor chat`: one conversation (client::Conversation), a question a
// line, each answered as a follow-up of those before it.
namespace advisor::cli {

struct ChatOptions {
  // Who asks (AnswerQuestionRequest.asker); may be empty.
  std::string asker;
  // A terminal: a prompt before each question and a line on how to end.
  bool interactive = false;
  // kText: each answer as `advisor ask` prints it; kJson: a JSON line each,
  // as `advisor ask --file` writes them.
  OutputFormat format = OutputFormat::kText;
  // Ask for each answer's explanation (AnswerQuestionRequest.explain).
  bool explain = false;
};

// Reads questions from `in` until EOF or a line `exit` or `quit`; blank
// lines are skipped. Answers go to `out`, errors (`error: CODE: message`)
// to `err`, and the conversation goes on after an error. Returns the first
// failed call's status, after every line was answered; else OK.
absl::Status RunChat(client::AdvisorClient client, const ChatOptions& options, std::istream& in,
                     std::ostream& out, std::ostream& err);

}  // namespace advisor::cli

#endif  // ADVISOR_CLIENT_CLI_CHAT_COMMAND_H_
