#ifndef ADVISOR_TESTS_EVAL_SDK_BACKEND_H_
#define ADVISOR_TESTS_EVAL_SDK_BACKEND_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "advisor/client/client.h"
#include "tests/eval/eval_backend.h"

namespace advisor::eval {

// Runs evaluation questions against a running server through the C++ SDK,
// so the whole path (wire, service adapters, engines) is measured.
class SdkBackend final : public EvalBackend {
 public:
  explicit SdkBackend(client::AdvisorClient client) : client_(std::move(client)) {}

  absl::StatusOr<FaqReply> AskFaq(absl::string_view question) override;
  absl::StatusOr<AskReply> Ask(absl::string_view question) override;
  absl::StatusOr<AskReply> Ask(const v1::AnswerQuestionRequest& request) override;
  absl::StatusOr<std::string> TopFrameworkForRole(absl::string_view description) override;
  absl::StatusOr<std::string> LookupFramework(absl::string_view query) override;

 private:
  client::AdvisorClient client_;
};

}  // namespace advisor::eval

#endif  // ADVISOR_TESTS_EVAL_SDK_BACKEND_H_
