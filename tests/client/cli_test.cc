#include "absl/strings/match.h"

#include "client/cli/commands.h"
#include "client/cli/text_output.h"
#include <gtest/gtest.h>

namespace advisor::cli {
namespace {

TEST(CliUsageTest, AcceptsWellFormedCommands) {
  EXPECT_TRUE(CheckUsage({"lookup", "keras"}).ok());
  EXPECT_TRUE(CheckUsage({"list"}).ok());
  EXPECT_TRUE(CheckUsage({"compare", "pytorch", "tf", "keras"}).ok());
  EXPECT_TRUE(CheckUsage({"ask", "why?"}).ok());
}

TEST(CliUsageTest, RejectsMissingUnknownAndSurplusArguments) {
  EXPECT_EQ(CheckUsage({}).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckUsage({"explode"}).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckUsage({"lookup"}).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckUsage({"compare", "pytorch"}).code(), absl::StatusCode::kInvalidArgument);
  absl::Status unquoted = CheckUsage({"ask", "why", "not"});
  EXPECT_EQ(unquoted.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(unquoted.message(), "quote")) << unquoted;
}

TEST(CliTextOutputTest, PercentRoundsToWholeNumbers) {
  EXPECT_EQ(FormatPercent(0.934), "93%");
  EXPECT_EQ(FormatPercent(0.03), "3%");
  EXPECT_EQ(FormatPercent(1.0), "100%");
}

TEST(CliTextOutputTest, UnansweredQuestionSaysSo) {
  v1::AnswerQuestionResponse answer;
  answer.set_confidence(0.03);
  EXPECT_TRUE(
      absl::StartsWith(FormatAnswer(answer), "No answer in the knowledge base (confidence 3%)\n"));
}

TEST(CliTextOutputTest, AnswerShowsTextConfidenceAndSource) {
  v1::AnswerQuestionResponse answer;
  answer.set_answered(true);
  answer.set_answer("Keras simplifies learning.");
  answer.set_faq_id("faq-keras");
  answer.set_confidence(0.97);
  std::string const text = FormatAnswer(answer);
  EXPECT_TRUE(absl::StartsWith(text, "Keras simplifies learning.\n")) << text;
  EXPECT_TRUE(absl::StrContains(text, "97%")) << text;
  EXPECT_TRUE(absl::StrContains(text, "faq-keras")) << text;
}

TEST(CliTextOutputTest, RoleMatchRanksWithPercentagesAndReasons) {
  v1::MatchRoleResponse match;
  auto* first = match.add_matches();
  first->set_display_name("TensorFlow");
  first->set_score(0.81);
  first->add_reasons("Preferred by enterprises.");
  std::string const text = FormatRoleMatch(match);
  EXPECT_TRUE(absl::StrContains(text, "1. TensorFlow")) << text;
  EXPECT_TRUE(absl::StrContains(text, "81%")) << text;
  EXPECT_TRUE(absl::StrContains(text, "- Preferred by enterprises.")) << text;
}

TEST(CliTextOutputTest, FrameworkCardListsItsSections) {
  v1::Framework keras;
  keras.set_name("frameworks/keras");
  keras.set_display_name("Keras");
  keras.add_strengths("Rapid prototyping");
  std::string const text = FormatFramework(keras);
  EXPECT_TRUE(absl::StartsWith(text, "Keras (frameworks/keras)\n")) << text;
  EXPECT_TRUE(absl::StrContains(text, "Strengths:\n    - Rapid prototyping\n")) << text;
  EXPECT_FALSE(absl::StrContains(text, "Notes:")) << text;
}

}  // namespace
}  // namespace advisor::cli
