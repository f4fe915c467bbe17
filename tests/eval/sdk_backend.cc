#include "tests/eval/sdk_backend.h"

#include <string>

namespace advisor::eval {

absl::StatusOr<FaqReply> SdkBackend::AskFaq(absl::string_view question) {
  return FaqReplyFrom(client_.AnswerQuestion(std::string(question)));
}

absl::StatusOr<AskReply> SdkBackend::Ask(absl::string_view question) {
  return AskReplyFrom(client_.AnswerQuestion(std::string(question)));
}

absl::StatusOr<AskReply> SdkBackend::Ask(const v1::AnswerQuestionRequest& request) {
  return AskReplyFrom(client_.AnswerQuestion(request));
}

absl::StatusOr<std::string> SdkBackend::TopFrameworkForRole(absl::string_view description) {
  absl::StatusOr<v1::MatchRoleResponse> match = client_.MatchRole(std::string(description));
  if (!match.ok()) return match.status();
  if (match->matches().empty()) return absl::InternalError("MatchRole returned no matches");
  return match->matches(0).display_name();
}

absl::StatusOr<std::string> SdkBackend::LookupFramework(absl::string_view query) {
  absl::StatusOr<v1::Framework> framework = client_.GetFramework(std::string(query));
  if (!framework.ok()) return framework.status();
  return framework->display_name();
}

}  // namespace advisor::eval
