#ifndef ADVISOR_CLIENT_CONVERSATION_H_
#define ADVISOR_CLIENT_CONVERSATION_H_

#include <string>
#include <utility>

#include "absl/status/statusor.h"

#include "advisor/client/client.h"
#include "advisor/v1/faq_service.pb.h"

namespace advisor::client {

// One conversation with the advisor: asks each question with the context
// token of the previous answer, so follow-ups ("and keras?", "who made
// it?", "why?") are answered against what came before, and with the
// asker's description when one is set. The server keeps no state: the
// token held here is the whole conversation, and any replica answers any
// question of it.
//
// For example:
//   advisor::client::Conversation chat(client, "ML engineer at a bank");
//   auto first = chat.Ask("who maintains pytorch?");
//   auto next = chat.Ask("and keras?");  // Who maintains Keras.
//
// Mockable as the client is: build the client on a mock AdvisorConnection.
// Not thread-safe: one conversation is one user's questions, in order.
class Conversation {
 public:
  explicit Conversation(AdvisorClient client, std::string asker = "");

  // Answers `question` as a follow-up of the answers before it (see
  // AdvisorClient::AnswerQuestion). On success the answer's context is
  // kept for the next question; on an error the conversation is left as
  // it was, so the question can be asked again.
  // Errors: as AdvisorClient::AnswerQuestion; INVALID_ARGUMENT also for an
  // asker longer than 512 bytes, and for a context the server did not
  // issue (only after set_context).
  absl::StatusOr<v1::AnswerQuestionResponse> Ask(const std::string& question);

  // Forgets the answers so far: the next question stands alone.
  void Reset() { context_.clear(); }

  // Who asks; empty for nobody in particular. Applies from the next question.
  const std::string& asker() const { return asker_; }
  void set_asker(std::string asker) { asker_ = std::move(asker); }

  // The context token the next question is sent with (empty before the
  // first answer). Opaque; set it to resume a conversation whose token was
  // stored elsewhere (a web session, a chat thread's metadata).
  const std::string& context() const { return context_; }
  void set_context(std::string context) { context_ = std::move(context); }

  // Whether answers carry their explanation (AnswerQuestionRequest.explain).
  bool explain() const { return explain_; }
  void set_explain(bool explain) { explain_ = explain; }

 private:
  AdvisorClient client_;
  std::string asker_;
  std::string context_;
  bool explain_ = false;
};

}  // namespace advisor::client

#endif  // ADVISOR_CLIENT_CONVERSATION_H_
