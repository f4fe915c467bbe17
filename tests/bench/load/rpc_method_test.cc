#include "tests/bench/load/rpc_method.h"

#include <string>

#include "gtest/gtest.h"

#include "advisor/v1/faq_service.pb.h"

namespace advisor::bench {
namespace {

TEST(ResolveMethodTest, FindsFullNamesInEverySpelling) {
  for (const char* name :
       {"advisor.v1.FaqService/AnswerQuestion", "/advisor.v1.FaqService/AnswerQuestion",
        "advisor.v1.FaqService.AnswerQuestion"}) {
    const auto method = ResolveMethod(name);
    ASSERT_TRUE(method.ok()) << name << ": " << method.status();
    EXPECT_EQ((*method)->full_name(), "advisor.v1.FaqService.AnswerQuestion");
  }
}

TEST(ResolveMethodTest, FindsEveryAlias) {
  const struct {
    const char* alias;
    const char* path;
  } kCases[] = {
      {"get_framework", "/advisor.v1.FrameworkService/GetFramework"},
      {"list_frameworks", "/advisor.v1.FrameworkService/ListFrameworks"},
      {"compare_frameworks", "/advisor.v1.FrameworkService/CompareFrameworks"},
      {"match_role", "/advisor.v1.RoleMatchingService/MatchRole"},
      {"answer_question", "/advisor.v1.FaqService/AnswerQuestion"},
      {"list_faqs", "/advisor.v1.FaqService/ListFaqs"},
      {"health_check", "/grpc.health.v1.Health/Check"},
      {"echo", "/advisor.bench.v1.EchoService/Echo"},
  };
  for (const auto& test_case : kCases) {
    const auto method = ResolveMethod(test_case.alias);
    ASSERT_TRUE(method.ok()) << test_case.alias << ": " << method.status();
    EXPECT_EQ(MethodPath(**method), test_case.path);
  }
}

TEST(ResolveMethodTest, UnknownMethodIsNotFoundAndListsAliases) {
  const auto method = ResolveMethod("advisor.v1.FaqService/NoSuchMethod");
  EXPECT_EQ(method.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(method.status().message().find("answer_question"), std::string::npos);
  EXPECT_EQ(ResolveMethod("no_such_alias").status().code(), absl::StatusCode::kNotFound);
}

TEST(ResolveMethodTest, StreamingMethodIsRefused) {
  EXPECT_EQ(ResolveMethod("grpc.health.v1.Health/Watch").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(SerializeRequestFromJsonTest, EncodesTheRequestInWireFormat) {
  const auto method = ResolveMethod("answer_question");
  ASSERT_TRUE(method.ok()) << method.status();
  const auto bytes = SerializeRequestFromJson(**method, R"({"question": "Is Keras easy?"})");
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  advisor::v1::AnswerQuestionRequest request;
  ASSERT_TRUE(request.ParseFromString(*bytes));
  EXPECT_EQ(request.question(), "Is Keras easy?");
}

TEST(SerializeRequestFromJsonTest, BadJsonOrUnknownFieldIsInvalidArgument) {
  const auto method = ResolveMethod("answer_question");
  ASSERT_TRUE(method.ok()) << method.status();
  EXPECT_EQ(SerializeRequestFromJson(**method, "{not json").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SerializeRequestFromJson(**method, R"({"no_such_field": 1})").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(ResponseToJsonTest, DecodesWireFormatIntoJson) {
  const auto method = ResolveMethod("answer_question");
  ASSERT_TRUE(method.ok()) << method.status();
  advisor::v1::AnswerQuestionResponse response;
  response.set_faq_id("faq-keras-foundations");
  const auto json = ResponseToJson(**method, response.SerializeAsString());
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_EQ(*json, R"({"faqId":"faq-keras-foundations"})");
  EXPECT_EQ(ResponseToJson(**method, "\xff\xff").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace advisor::bench
