#include <string>

#include "advisor/client/client.h"
#include "client/internal/status_conversion.h"
#include <grpcpp/support/status.h>

namespace advisor::client {

absl::Status ItemStatus(const v1::ItemError& error) {
  // Through the SDK's one gRPC-to-absl conversion, which also folds codes
  // outside the canonical range into UNKNOWN.
  return client_internal::MakeStatusFromRpcError(
      grpc::Status(static_cast<grpc::StatusCode>(error.code()), error.message()));
}

AnswerOrError ToAnswerOrError(const v1::AnswerQuestionResult& result) {
  switch (result.result_case()) {
    case v1::AnswerQuestionResult::kResponse:
      return result.response();
    case v1::AnswerQuestionResult::kError:
      // An error item with code OK would read as success without an answer.
      if (result.error().code() == 0) {
        return absl::InternalError("the server sent an error item with code OK");
      }
      return ItemStatus(result.error());
    default:
      return absl::InternalError("the server sent a result with neither answer nor error");
  }
}

}  // namespace advisor::client
