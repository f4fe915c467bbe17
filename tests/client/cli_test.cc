#include <string>

#include "absl/strings/match.h"

#include "client/cli/commands.h"
#include "client/cli/text_output.h"
#include "tests/client/fake_advisor_server.h"
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

TEST(CliTextOutputTest, AnswerWithoutASourceNamesItsFaqEntry) {
  v1::AnswerQuestionResponse answer;
  answer.set_answered(true);
  answer.set_answer("Keras simplifies learning.");
  answer.set_faq_id("faq-keras");
  answer.set_question("What is Keras for?");
  answer.set_confidence(0.97);
  EXPECT_EQ(FormatAnswer(answer),
            "Keras simplifies learning.\n"
            "  (confidence 97%; from \"What is Keras for?\" [faq-keras])\n");
}

// An answered response whose source is `kind`, `name` and `title`, the
// answer its whole passage (no passage sent) unless a test sets one.
v1::AnswerQuestionResponse SourcedAnswer(const std::string& text, double confidence,
                                         v1::AnswerSource::Kind kind, const std::string& name,
                                         const std::string& title) {
  v1::AnswerQuestionResponse answer;
  answer.set_answered(true);
  answer.set_answer(text);
  answer.set_confidence(confidence);
  v1::AnswerSource& source = *answer.mutable_source();
  source.set_kind(kind);
  source.set_name(name);
  source.set_title(title);
  return answer;
}

TEST(CliTextOutputTest, FaqSourceQuotesItsQuestion) {
  v1::AnswerQuestionResponse answer =
      SourcedAnswer("Keras simplifies learning.", 0.9, v1::AnswerSource::KIND_FAQ, "faqs/faq-keras",
                    "What is Keras for?");
  answer.set_faq_id("faq-keras");
  EXPECT_EQ(FormatAnswer(answer),
            "Keras simplifies learning.\n"
            "  (confidence 90%; from \"What is Keras for?\" [faqs/faq-keras])\n");
}

TEST(CliTextOutputTest, FrameworkSourceNamesItsFieldAndOmitsAPassageEqualToTheAnswer) {
  v1::AnswerQuestionResponse answer = SourcedAnswer(
      "Google", 0.87, v1::AnswerSource::KIND_FRAMEWORK, "frameworks/tensorflow", "TensorFlow");
  answer.mutable_source()->set_field("developer");
  EXPECT_EQ(FormatAnswer(answer),
            "Google\n"
            "  (confidence 87%; from TensorFlow [frameworks/tensorflow])\n"
            "  Field: developer\n");
}

TEST(CliTextOutputTest, DocumentSourceNamesItsSectionAndQuotesTheLongerPassage) {
  v1::AnswerQuestionResponse answer = SourcedAnswer(
      "The market grows.", 0.6, v1::AnswerSource::KIND_DOCUMENT, "documents/guide", "A Guide");
  answer.mutable_source()->set_section("The Market");
  answer.mutable_source()->set_passage("The market grows. Skills are scarce.");
  EXPECT_EQ(FormatAnswer(answer),
            "The market grows.\n"
            "  (confidence 60%; from A Guide [documents/guide])\n"
            "  Section: The Market\n"
            "  Context: \"The market grows. Skills are scarce.\"\n");
}

TEST(CliTextOutputTest, FaqOnlyAlternativesAreListedAsQuestions) {
  v1::AnswerQuestionResponse answer;
  answer.set_confidence(0.2);
  v1::FaqCandidate& candidate = *answer.add_alternatives();
  candidate.set_faq_id("faq-keras");
  candidate.set_question("What is Keras for?");
  candidate.set_confidence(0.2);
  EXPECT_TRUE(
      absl::EndsWith(FormatAnswer(answer), "Closest questions:\n  - What is Keras for? (20%)\n"))
      << FormatAnswer(answer);
}

// A fake server on a real channel, so `advisor ask` is checked end to end.
class CliAskTest : public ::testing::Test {
 protected:
  absl::StatusOr<std::string> Ask(const std::string& question, OutputFormat format) {
    client::ClientOptions options;
    options.target = server_.target();
    return RunCommand(client::AdvisorClient(client::MakeAdvisorConnection(options)),
                      {"ask", question}, format, /*page_size=*/0);
  }

  testing::FakeAdvisorServer server_;
};

TEST_F(CliAskTest, TextNamesTheSourceAndListsMixedAlternatives) {
  absl::StatusOr<std::string> text = Ask(testing::kDocumentQuestion, OutputFormat::kText);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text,
            "The fake market grows.\n"
            "  (confidence 70%; from A Fake Guide [documents/fake-guide])\n"
            "  Section: The Fake Market\n"
            "  Context: \"The fake market grows. Fake skills are scarce.\"\n"
            "Related answers:\n"
            "  - Is the fake market growing? (40%)\n"
            "  - PyTorch [frameworks/pytorch] (30%)\n");
}

TEST_F(CliAskTest, TextOfAFrameworkFieldAnswer) {
  absl::StatusOr<std::string> text = Ask(testing::kFrameworkFieldQuestion, OutputFormat::kText);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text,
            "The fake Keras team\n"
            "  (confidence 90%; from Keras [frameworks/keras])\n"
            "  Field: developer\n");
}

TEST_F(CliAskTest, JsonCarriesTheSource) {
  absl::StatusOr<std::string> json = Ask(testing::kFrameworkFieldQuestion, OutputFormat::kJson);
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_TRUE(absl::StrContains(*json, "\"source\": {")) << *json;
  EXPECT_TRUE(absl::StrContains(*json, "\"kind\": \"KIND_FRAMEWORK\"")) << *json;
  EXPECT_TRUE(absl::StrContains(*json, "\"name\": \"frameworks/keras\"")) << *json;
  EXPECT_TRUE(absl::StrContains(*json, "\"field\": \"developer\"")) << *json;
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

TEST(CliTextOutputTest, FrameworkCardGivesEachFactItsSource) {
  v1::Framework theano;
  theano.set_name("frameworks/theano");
  theano.set_display_name("Theano");
  theano.set_status(v1::Framework::STATUS_RETIRED);
  theano.set_status_year(2017);
  theano.set_licence("BSD-3-Clause");
  auto* source = theano.add_field_sources();
  source->set_field("status");
  source->set_url("https://example.org/end");
  const std::string text = FormatFramework(theano);
  EXPECT_TRUE(absl::StrContains(text, "  Status: retired since 2017  [https://example.org/end]\n"))
      << text;
  EXPECT_TRUE(absl::StrContains(text, "  Licence: BSD-3-Clause\n")) << text;
  EXPECT_FALSE(absl::StrContains(text, "Kind:")) << text;

  const std::string list = FormatFrameworkList({theano});
  EXPECT_TRUE(absl::StrContains(list, "retired")) << list;
  EXPECT_TRUE(absl::StrContains(list, "1 framework\n")) << list;
}

}  // namespace
}  // namespace advisor::cli
