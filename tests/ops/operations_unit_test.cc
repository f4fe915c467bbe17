// Unit tests of the operations helpers: bearer token files and matching,
// log levels and the level of each call, request ids, flag environment
// variable names.

#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "service/api/calls/request_id.h"
#include "service/server/bearer_tokens.h"
#include "service/server/call_log_observer.h"
#include "service/server/environment_flags.h"
#include "service/server/json_logger.h"

namespace advisor::server {
namespace {

using api::GenerateRequestId;
using api::IsAcceptableRequestId;
using api::kMaxRequestIdLength;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

TEST(BearerTokensTest, ParsesOneTokenPerLineSkippingCommentsAndBlanks) {
  absl::StatusOr<BearerTokens> tokens =
      BearerTokens::Parse("# ops team\n\n  alpha  \r\nbeta\n#gamma\n", "tokens.txt");
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  EXPECT_EQ(tokens->size(), 2U);
  EXPECT_TRUE(tokens->Accepts("Bearer alpha"));
  EXPECT_TRUE(tokens->Accepts("Bearer beta"));
  EXPECT_FALSE(tokens->Accepts("Bearer gamma"));
  EXPECT_FALSE(tokens->Accepts("Bearer alph"));
  EXPECT_FALSE(tokens->Accepts("Bearer alphaa"));
  EXPECT_FALSE(tokens->Accepts("bearer alpha"));
  EXPECT_FALSE(tokens->Accepts("alpha"));
  EXPECT_FALSE(tokens->Accepts(""));
}

TEST(BearerTokensTest, RejectsAFileWithoutTokensOrWithInnerWhitespace) {
  absl::StatusOr<BearerTokens> empty = BearerTokens::Parse("# nothing\n\n", "tokens.txt");
  EXPECT_EQ(empty.status().code(), absl::StatusCode::kInvalidArgument);
  absl::StatusOr<BearerTokens> spaced = BearerTokens::Parse("ok\nsecret part\n", "tokens.txt");
  EXPECT_EQ(spaced.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(spaced.status().message(), HasSubstr("tokens.txt:2:"));
  // The error never repeats the token.
  EXPECT_THAT(spaced.status().message(), Not(HasSubstr("secret")));
}

TEST(BearerTokensTest, MissingFileIsNotFound) {
  EXPECT_EQ(BearerTokens::Load("/no/such/tokens.txt").status().code(), absl::StatusCode::kNotFound);
}

TEST(ConstantTimeEqualsTest, ComparesWholeStrings) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_FALSE(ConstantTimeEquals("xbc", "abc"));
}

TEST(SeverityTest, ParsesTheFourLevelsInAnyCase) {
  EXPECT_EQ(*ParseSeverity("debug"), Severity::kDebug);
  EXPECT_EQ(*ParseSeverity("INFO"), Severity::kInfo);
  EXPECT_EQ(*ParseSeverity("Warning"), Severity::kWarning);
  EXPECT_EQ(*ParseSeverity("error"), Severity::kError);
  EXPECT_EQ(ParseSeverity("verbose").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(SeverityTest, OkCallsAreDebugServerFaultsWarningOtherFailuresInfo) {
  EXPECT_EQ(CallSeverity(0), Severity::kDebug);
  EXPECT_EQ(CallSeverity(5), Severity::kInfo);      // NOT_FOUND
  EXPECT_EQ(CallSeverity(8), Severity::kInfo);      // RESOURCE_EXHAUSTED
  EXPECT_EQ(CallSeverity(16), Severity::kInfo);     // UNAUTHENTICATED
  EXPECT_EQ(CallSeverity(2), Severity::kWarning);   // UNKNOWN
  EXPECT_EQ(CallSeverity(13), Severity::kWarning);  // INTERNAL
  EXPECT_EQ(CallSeverity(15), Severity::kWarning);  // DATA_LOSS
}

TEST(SeverityTest, TheMinimumFiltersLowerLevels) {
  SetMinimumSeverity(Severity::kWarning);
  EXPECT_FALSE(ShouldLog(Severity::kInfo));
  EXPECT_TRUE(ShouldLog(Severity::kWarning));
  EXPECT_TRUE(ShouldLog(Severity::kError));
  SetMinimumSeverity(Severity::kInfo);
  EXPECT_FALSE(ShouldLog(Severity::kDebug));
  EXPECT_TRUE(ShouldLog(Severity::kInfo));
}

TEST(RequestIdTest, GeneratedIdsAre128BitHexAndDiffer) {
  const std::string first = GenerateRequestId();
  EXPECT_THAT(first, MatchesRegex("[0-9a-f]{32}"));
  EXPECT_NE(first, GenerateRequestId());
  EXPECT_TRUE(IsAcceptableRequestId("abc"));
  EXPECT_FALSE(IsAcceptableRequestId(""));
  EXPECT_FALSE(IsAcceptableRequestId(std::string(kMaxRequestIdLength + 1, 'a')));
}

TEST(EnvironmentFlagsTest, NamesAndFiles) {
  EXPECT_EQ(FlagEnvironmentVariable("port"), "ADVISOR_PORT");
  EXPECT_EQ(FlagEnvironmentVariable("tls_cert_file"), "ADVISOR_TLS_CERT_FILE");
  EXPECT_TRUE(IsServerFlagFile("/src/service/server/main.cc"));
  EXPECT_FALSE(IsServerFlagFile("/src/client/cli/main.cc"));
}

}  // namespace
}  // namespace advisor::server
