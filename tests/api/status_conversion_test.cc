#include "service/api/status_conversion.h"

#include <algorithm>
#include <string>

#include "absl/status/status.h"
#include "gtest/gtest.h"

#include <grpcpp/support/status.h>

namespace advisor::api {
namespace {

struct CodePair {
  absl::StatusCode absl_code;
  grpc::StatusCode grpc_code;
};

class StatusConversionTest : public ::testing::TestWithParam<CodePair> {};

TEST_P(StatusConversionTest, KeepsCodeAndMessage) {
  const CodePair pair = GetParam();
  const grpc::Status converted = ToGrpcStatus(absl::Status(pair.absl_code, "what went wrong"));
  EXPECT_EQ(converted.error_code(), pair.grpc_code);
  EXPECT_EQ(converted.error_message(), "what went wrong");
}

// Every non-OK code the two libraries share, written out pair by pair.
INSTANTIATE_TEST_SUITE_P(
    EveryErrorCode, StatusConversionTest,
    ::testing::Values(
        CodePair{absl::StatusCode::kCancelled, grpc::StatusCode::CANCELLED},
        CodePair{absl::StatusCode::kUnknown, grpc::StatusCode::UNKNOWN},
        CodePair{absl::StatusCode::kInvalidArgument, grpc::StatusCode::INVALID_ARGUMENT},
        CodePair{absl::StatusCode::kDeadlineExceeded, grpc::StatusCode::DEADLINE_EXCEEDED},
        CodePair{absl::StatusCode::kNotFound, grpc::StatusCode::NOT_FOUND},
        CodePair{absl::StatusCode::kAlreadyExists, grpc::StatusCode::ALREADY_EXISTS},
        CodePair{absl::StatusCode::kPermissionDenied, grpc::StatusCode::PERMISSION_DENIED},
        CodePair{absl::StatusCode::kResourceExhausted, grpc::StatusCode::RESOURCE_EXHAUSTED},
        CodePair{absl::StatusCode::kFailedPrecondition, grpc::StatusCode::FAILED_PRECONDITION},
        CodePair{absl::StatusCode::kAborted, grpc::StatusCode::ABORTED},
        CodePair{absl::StatusCode::kOutOfRange, grpc::StatusCode::OUT_OF_RANGE},
        CodePair{absl::StatusCode::kUnimplemented, grpc::StatusCode::UNIMPLEMENTED},
        CodePair{absl::StatusCode::kInternal, grpc::StatusCode::INTERNAL},
        CodePair{absl::StatusCode::kUnavailable, grpc::StatusCode::UNAVAILABLE},
        CodePair{absl::StatusCode::kDataLoss, grpc::StatusCode::DATA_LOSS},
        CodePair{absl::StatusCode::kUnauthenticated, grpc::StatusCode::UNAUTHENTICATED}),
    [](const ::testing::TestParamInfo<CodePair>& info) {
      // "INVALID_ARGUMENT" -> "INVALIDARGUMENT": test names allow no '_'.
      std::string name = absl::StatusCodeToString(info.param.absl_code);
      name.erase(std::remove(name.begin(), name.end(), '_'), name.end());
      return name;
    });

TEST(StatusConversionOkTest, OkBecomesOkWithoutMessage) {
  const grpc::Status converted = ToGrpcStatus(absl::OkStatus());
  EXPECT_TRUE(converted.ok());
  EXPECT_EQ(converted.error_code(), grpc::StatusCode::OK);
  EXPECT_EQ(converted.error_message(), "");
}

TEST(StatusConversionOkTest, KeepsMessageBytesVerbatim) {
  const std::string message =
      "framework \"tensorflw\" not found; did you mean TensorFlow? \xC3\xA9";
  EXPECT_EQ(ToGrpcStatus(absl::NotFoundError(message)).error_message(), message);
}

}  // namespace
}  // namespace advisor::api
