#include "service/engines/context_token.h"

#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace advisor::engines {
namespace {

using advisor::v1::ConversationContext;
using ::testing::HasSubstr;

ConversationContext Example() {
  ConversationContext context;
  context.add_framework_ids("pytorch");
  context.add_framework_ids("tensorflow");
  context.set_hiring_pattern_id("startup");
  context.set_question("who maintains pytorch");
  context.set_item("frameworks/pytorch/developer");
  return context;
}

absl::Status DecodeStatus(absl::string_view token) { return DecodeContextToken(token).status(); }

TEST(ContextTokenTest, RoundTripsWithAVersionPrefix) {
  const std::string token = EncodeContextToken(Example());
  EXPECT_EQ(token.substr(0, 2), "1.");
  EXPECT_LE(token.size(), kMaxContextTokenBytes);
  absl::StatusOr<ConversationContext> decoded = DecodeContextToken(token);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->SerializeAsString(), Example().SerializeAsString());
}

TEST(ContextTokenTest, AViewEncodesAsTheMessageWould) {
  ContextView view;
  view.framework_ids = {"pytorch", "tensorflow"};
  view.hiring_pattern_id = "startup";
  view.question = "who maintains pytorch";
  view.item = "frameworks/pytorch/developer";
  EXPECT_EQ(EncodeContextToken(view), EncodeContextToken(Example()));
  std::string payload;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(EncodeContextToken(view).substr(2), &payload));
  EXPECT_EQ(payload.substr(4), Example().SerializeAsString());
  // Empty fields are not written, as proto3 leaves them out.
  ContextView sparse;
  sparse.question = "why";
  advisor::v1::ConversationContext message;
  message.set_question("why");
  ASSERT_TRUE(absl::WebSafeBase64Unescape(EncodeContextToken(sparse).substr(2), &payload));
  EXPECT_EQ(payload.substr(4), message.SerializeAsString());
}

TEST(ContextTokenTest, AnEmptyTokenIsAnEmptyContext) {
  absl::StatusOr<ConversationContext> decoded = DecodeContextToken("");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->ByteSizeLong(), 0u);
}

TEST(ContextTokenTest, KeepsTokensShortWhateverTheyHold) {
  ConversationContext context = Example();
  context.set_question(std::string(3000, 'x') + " " + std::string(3000, 'y'));
  for (int i = 0; i < 10; ++i) context.add_framework_ids(std::string(100, 'a' + i));
  context.set_item(std::string(120, 'i'));
  const std::string token = EncodeContextToken(context);
  EXPECT_LE(token.size(), kMaxContextTokenBytes);
  absl::StatusOr<ConversationContext> decoded = DecodeContextToken(token);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_LE(decoded->question().size(), kMaxContextQuestionBytes);
  EXPECT_LE(decoded->framework_ids_size(), kMaxContextFrameworks);
}

TEST(ContextTokenTest, CutsTheQuestionAtAWordAndNeverInsideACharacter) {
  ConversationContext context;
  std::string question;
  while (question.size() < 2 * kMaxContextQuestionBytes) question += "Café ";
  context.set_question(question);
  absl::StatusOr<ConversationContext> decoded = DecodeContextToken(EncodeContextToken(context));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_LE(decoded->question().size(), kMaxContextQuestionBytes);
  EXPECT_EQ(decoded->question().back(), '\xa9');  // The last word, whole.
}

TEST(ContextTokenTest, RefusesAnOversizedToken) {
  const absl::Status status = DecodeStatus(std::string(10 * 1024, 'A'));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("10240 bytes"));
}

TEST(ContextTokenTest, RefusesAnotherVersion) {
  const std::string token = EncodeContextToken(Example());
  const absl::Status status = DecodeStatus(absl::StrCat("2", token.substr(1)));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("version 2 is not supported"));
}

TEST(ContextTokenTest, RefusesDamagedTokens) {
  const std::string token = EncodeContextToken(Example());
  std::string flipped = token;
  flipped[token.size() / 2] = flipped[token.size() / 2] == 'A' ? 'B' : 'A';
  for (const std::string& bad :
       {token.substr(0, token.size() - 3), flipped, std::string("1.!!!!"), std::string("hello"),
        std::string("1."), std::string("x.") + token.substr(2),
        std::string("\xff\xfe\x00\x01", 4)}) {
    SCOPED_TRACE(bad);
    const absl::Status status = DecodeStatus(bad);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(status.message(), HasSubstr("damaged or was not issued by this service"));
  }
}

TEST(ContextTokenTest, RefusesAWellSealedContextThisServiceNeverIssues) {
  // A client that builds its own token with a right checksum still cannot
  // make the server read more than it ever issues.
  ConversationContext context = Example();
  context.set_question(std::string(kMaxContextQuestionBytes + 1, 'q'));
  const std::string message = context.SerializeAsString();
  // Re-seal by hand as EncodeContextToken does, without its limits.
  const std::string valid = EncodeContextToken(Example());
  std::string payload;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(valid.substr(2), &payload));
  EXPECT_EQ(
      DecodeStatus(absl::StrCat("1.", absl::WebSafeBase64Escape(payload.substr(0, 4) + message)))
          .code(),
      absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace advisor::engines
