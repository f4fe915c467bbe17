#include "client/internal/status_conversion.h"

#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace advisor::client_internal {
namespace {

TEST(StatusConversionTest, OkBecomesOk) {
  EXPECT_TRUE(MakeStatusFromRpcError(grpc::Status::OK).ok());
}

TEST(StatusConversionTest, EveryErrorCodeKeepsCodeAndMessage) {
  const std::vector<std::pair<grpc::StatusCode, absl::StatusCode>> cases = {
      {grpc::StatusCode::CANCELLED, absl::StatusCode::kCancelled},
      {grpc::StatusCode::UNKNOWN, absl::StatusCode::kUnknown},
      {grpc::StatusCode::INVALID_ARGUMENT, absl::StatusCode::kInvalidArgument},
      {grpc::StatusCode::DEADLINE_EXCEEDED, absl::StatusCode::kDeadlineExceeded},
      {grpc::StatusCode::NOT_FOUND, absl::StatusCode::kNotFound},
      {grpc::StatusCode::ALREADY_EXISTS, absl::StatusCode::kAlreadyExists},
      {grpc::StatusCode::PERMISSION_DENIED, absl::StatusCode::kPermissionDenied},
      {grpc::StatusCode::RESOURCE_EXHAUSTED, absl::StatusCode::kResourceExhausted},
      {grpc::StatusCode::FAILED_PRECONDITION, absl::StatusCode::kFailedPrecondition},
      {grpc::StatusCode::ABORTED, absl::StatusCode::kAborted},
      {grpc::StatusCode::OUT_OF_RANGE, absl::StatusCode::kOutOfRange},
      {grpc::StatusCode::UNIMPLEMENTED, absl::StatusCode::kUnimplemented},
      {grpc::StatusCode::INTERNAL, absl::StatusCode::kInternal},
      {grpc::StatusCode::UNAVAILABLE, absl::StatusCode::kUnavailable},
      {grpc::StatusCode::DATA_LOSS, absl::StatusCode::kDataLoss},
      {grpc::StatusCode::UNAUTHENTICATED, absl::StatusCode::kUnauthenticated},
  };
  for (const auto& [grpc_code, absl_code] : cases) {
    absl::Status status = MakeStatusFromRpcError(grpc::Status(grpc_code, "the message"));
    EXPECT_EQ(status.code(), absl_code) << "gRPC code " << grpc_code;
    EXPECT_EQ(status.message(), "the message") << "gRPC code " << grpc_code;
  }
}

TEST(StatusConversionTest, CodeOutsideTheCanonicalRangeBecomesUnknown) {
  absl::Status status =
      MakeStatusFromRpcError(grpc::Status(static_cast<grpc::StatusCode>(42), "odd"));
  EXPECT_EQ(status.code(), absl::StatusCode::kUnknown);
  EXPECT_EQ(status.message(), "odd");
}

}  // namespace
}  // namespace advisor::client_internal
