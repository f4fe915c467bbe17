#include "advisor/client/connection.h"

#include <utility>

#include "client/internal/advisor_connection_impl.h"
#include "client/internal/advisor_stub_factory.h"
#include "client/internal/failing_advisor_connection.h"

namespace advisor::client {
namespace {

absl::Status Unimplemented(char const* rpc) {
  return absl::UnimplementedError(std::string(rpc) +
                                  " is not implemented by this AdvisorConnection");
}

}  // namespace

absl::StatusOr<v1::GetFrameworkResponse> AdvisorConnection::GetFramework(
    v1::GetFrameworkRequest const& /*request*/) {
  return Unimplemented("GetFramework");
}

absl::StatusOr<v1::ListFrameworksResponse> AdvisorConnection::ListFrameworks(
    v1::ListFrameworksRequest const& /*request*/) {
  return Unimplemented("ListFrameworks");
}

absl::StatusOr<v1::CompareFrameworksResponse> AdvisorConnection::CompareFrameworks(
    v1::CompareFrameworksRequest const& /*request*/) {
  return Unimplemented("CompareFrameworks");
}

absl::StatusOr<v1::MatchRoleResponse> AdvisorConnection::MatchRole(
    v1::MatchRoleRequest const& /*request*/) {
  return Unimplemented("MatchRole");
}

absl::StatusOr<v1::AnswerQuestionResponse> AdvisorConnection::AnswerQuestion(
    v1::AnswerQuestionRequest const& /*request*/) {
  return Unimplemented("AnswerQuestion");
}

absl::StatusOr<v1::ListFaqsResponse> AdvisorConnection::ListFaqs(
    v1::ListFaqsRequest const& /*request*/) {
  return Unimplemented("ListFaqs");
}

std::shared_ptr<AdvisorConnection> MakeAdvisorConnection(ClientOptions const& options) {
  if (absl::Status valid = ValidateClientOptions(options); !valid.ok()) {
    return std::make_shared<client_internal::FailingAdvisorConnection>(std::move(valid));
  }
  return std::make_shared<client_internal::AdvisorConnectionImpl>(
      client_internal::CreateAdvisorStub(options), options.timeout);
}

}  // namespace advisor::client
