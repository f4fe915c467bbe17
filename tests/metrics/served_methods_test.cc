#include "service/metrics/served_methods.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "service/metrics/status_code_names.h"
// Linked for their descriptors, as advisor_server links them.
#include "advisor/v1/faq_service.pb.h"
#include "advisor/v1/framework_service.pb.h"
#include "advisor/v1/role_matching_service.pb.h"
#include <grpcpp/support/status_code_enum.h>

namespace advisor::metrics {
namespace {

using testing::Contains;

TEST(FullMethodNamesTest, ListsEveryMethodOfTheGivenServices) {
  // Touch the generated code so the linker keeps its descriptors.
  EXPECT_EQ(v1::AnswerQuestionRequest::descriptor()->full_name(),
            "advisor.v1.AnswerQuestionRequest");
  EXPECT_EQ(v1::GetFrameworkRequest::descriptor()->full_name(), "advisor.v1.GetFrameworkRequest");
  EXPECT_EQ(v1::MatchRoleRequest::descriptor()->full_name(), "advisor.v1.MatchRoleRequest");

  const std::vector<std::string> methods = FullMethodNames(ServedServiceNames());
  EXPECT_THAT(methods, Contains("/advisor.v1.FaqService/AnswerQuestion"));
  EXPECT_THAT(methods, Contains("/advisor.v1.FrameworkService/GetFramework"));
  EXPECT_THAT(methods, Contains("/advisor.v1.FrameworkService/ListFrameworks"));
  EXPECT_THAT(methods, Contains("/advisor.v1.RoleMatchingService/MatchRole"));
}

TEST(FullMethodNamesTest, SkipsServicesNotCompiledIn) {
  EXPECT_THAT(FullMethodNames({"no.such.Service"}), testing::IsEmpty());
}

// StatusCodeName's table must agree with gRPC's own numbering.
TEST(StatusCodeNameTest, AgreesWithGrpcStatusCodes) {
  EXPECT_EQ(StatusCodeName(grpc::StatusCode::OK), "OK");
  EXPECT_EQ(StatusCodeName(grpc::StatusCode::NOT_FOUND), "NOT_FOUND");
  EXPECT_EQ(StatusCodeName(grpc::StatusCode::RESOURCE_EXHAUSTED), "RESOURCE_EXHAUSTED");
  EXPECT_EQ(StatusCodeName(grpc::StatusCode::DATA_LOSS), "DATA_LOSS");
  EXPECT_EQ(StatusCodeName(grpc::StatusCode::UNAUTHENTICATED), "UNAUTHENTICATED");
}

}  // namespace
}  // namespace advisor::metrics
