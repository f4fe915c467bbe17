#ifndef ADVISOR_TESTS_EVAL_ENGINE_BACKEND_H_
#define ADVISOR_TESTS_EVAL_ENGINE_BACKEND_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"

#include "service/engines/snapshot.h"
#include "tests/eval/eval_backend.h"

namespace advisor::eval {

// Runs evaluation questions against the engines in-process, over one
// knowledge base snapshot: no server, no network.
class EngineBackend final : public EvalBackend {
 public:
  explicit EngineBackend(std::shared_ptr<const engines::Snapshot> snapshot)
      : snapshot_(std::move(snapshot)) {}

  // A backend over the knowledge base embedded in the binary. Fails as the
  // knowledge base loader does.
  static absl::StatusOr<std::unique_ptr<EngineBackend>> ForDefaultKnowledgeBase();

  absl::StatusOr<FaqReply> AskFaq(absl::string_view question) override;
  absl::StatusOr<AskReply> Ask(absl::string_view question) override;
  absl::StatusOr<AskReply> Ask(const v1::AnswerQuestionRequest& request) override;
  absl::StatusOr<std::string> TopFrameworkForRole(absl::string_view description) override;
  absl::StatusOr<std::string> LookupFramework(absl::string_view query) override;

 private:
  // The response the AnswerQuestion RPC would give, built by the service's
  // own conversion so the evaluation sees what clients see.
  absl::StatusOr<v1::AnswerQuestionResponse> Answer(absl::string_view question) const;
  absl::StatusOr<v1::AnswerQuestionResponse> Answer(const v1::AnswerQuestionRequest& request) const;

  std::shared_ptr<const engines::Snapshot> snapshot_;
};

}  // namespace advisor::eval

#endif  // ADVISOR_TESTS_EVAL_ENGINE_BACKEND_H_
