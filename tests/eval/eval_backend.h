#ifndef ADVISOR_TESTS_EVAL_EVAL_BACKEND_H_
#define ADVISOR_TESTS_EVAL_EVAL_BACKEND_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace advisor::eval {

// What the evaluation needs from one FAQ answer.
struct FaqReply {
  // The answering entry's id; empty when the service answered "no answer".
  std::string faq_id;
  // The service's confidence in [0, 1] (also set for "no answer").
  double confidence = 0;
};

// Where evaluation questions go: the engines in-process, or (later) a
// running server through the C++ SDK. One call per labelled case; errors
// are the service's own (e.g. NOT_FOUND from a lookup), which some cases
// expect.
class EvalBackend {
 public:
  virtual ~EvalBackend() = default;

  // Asks one FAQ question.
  virtual absl::StatusOr<FaqReply> AskFaq(absl::string_view question) = 0;

  // Display name of the framework ranked first for a role description.
  virtual absl::StatusOr<std::string> TopFrameworkForRole(absl::string_view description) = 0;

  // Display name of the framework a name or resource name refers to.
  virtual absl::StatusOr<std::string> LookupFramework(absl::string_view query) = 0;
};

}  // namespace advisor::eval

#endif  // ADVISOR_TESTS_EVAL_EVAL_BACKEND_H_
