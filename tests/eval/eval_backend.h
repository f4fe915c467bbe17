#ifndef ADVISOR_TESTS_EVAL_EVAL_BACKEND_H_
#define ADVISOR_TESTS_EVAL_EVAL_BACKEND_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "advisor/v1/faq_service.pb.h"

namespace advisor::eval {

// What the evaluation needs from one FAQ answer.
struct FaqReply {
  bool answered = false;
  // The answering entry's id; empty when the service answered "no answer"
  // or something other than a FAQ entry answered.
  std::string faq_id;
  // The answer's source name (`faqs/...`, `frameworks/...`); empty when
  // not answered.
  std::string source_name;
  // The service's confidence in [0, 1] (also set for "no answer").
  double confidence = 0;
};

// What the evaluation needs from one answer to a question about anything the
// knowledge base holds.
struct AskReply {
  bool answered = false;
  // The answer text; empty when not answered.
  std::string answer;
  // The service's confidence in [0, 1] (also set for "no answer").
  double confidence = 0;
  // Where the answer comes from; unspecified and empty when not answered.
  v1::AnswerSource::Kind source_kind = v1::AnswerSource::KIND_UNSPECIFIED;
  std::string source_name;
  // The response's conversation token, for the next question.
  std::string context;
  // The question as the service read it (explanation.read_as), when the
  // request asked for an explanation.
  std::string read_as;
};

// The parts of an AnswerQuestion response (or its error) each set looks at,
// so every backend reads the response the same way.
absl::StatusOr<FaqReply> FaqReplyFrom(const absl::StatusOr<v1::AnswerQuestionResponse>& response);
absl::StatusOr<AskReply> AskReplyFrom(const absl::StatusOr<v1::AnswerQuestionResponse>& response);

// Where evaluation questions go: the engines in-process, or a running
// server through the C++ SDK. One call per labelled case; errors are the
// service's own (e.g. NOT_FOUND from a lookup), which some cases expect.
class EvalBackend {
 public:
  virtual ~EvalBackend() = default;

  // Asks one FAQ question.
  virtual absl::StatusOr<FaqReply> AskFaq(absl::string_view question) = 0;

  // Asks one question of the whole knowledge base (AnswerQuestion).
  virtual absl::StatusOr<AskReply> Ask(absl::string_view question) = 0;
  // Asks one question with the request's asker and conversation context.
  virtual absl::StatusOr<AskReply> Ask(const v1::AnswerQuestionRequest& request) = 0;

  // Display name of the framework ranked first for a role description.
  virtual absl::StatusOr<std::string> TopFrameworkForRole(absl::string_view description) = 0;

  // Display name of the framework a name or resource name refers to.
  virtual absl::StatusOr<std::string> LookupFramework(absl::string_view query) = 0;
};

}  // namespace advisor::eval

#endif  // ADVISOR_TESTS_EVAL_EVAL_BACKEND_H_
