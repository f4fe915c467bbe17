// Parsing and scoring of the labelled sets, against a backend with canned
// replies (no engines, no server).
#include "tests/eval/eval_sets.h"

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"

#include "tests/eval/dialog_sets.h"
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace advisor::eval {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Answers from tables keyed by question; an unknown question is an error,
// so a test notices a question it did not plan for.
class CannedBackend final : public EvalBackend {
 public:
  std::map<std::string, FaqReply> faq_replies;
  std::map<std::string, AskReply> ask_replies;

  absl::StatusOr<FaqReply> AskFaq(absl::string_view question) override {
    auto found = faq_replies.find(std::string(question));
    if (found == faq_replies.end()) return absl::InternalError("unplanned FAQ question");
    return found->second;
  }
  absl::StatusOr<AskReply> Ask(absl::string_view question) override {
    auto found = ask_replies.find(std::string(question));
    if (found == ask_replies.end()) return absl::InvalidArgumentError("unplanned question");
    return found->second;
  }
  // Records each request; the reply's context names its question.
  std::vector<v1::AnswerQuestionRequest> requests;
  absl::StatusOr<AskReply> Ask(const v1::AnswerQuestionRequest& request) override {
    requests.push_back(request);
    absl::StatusOr<AskReply> reply = Ask(request.question());
    if (reply.ok()) reply->context = "after:" + request.question();
    return reply;
  }
  absl::StatusOr<std::string> TopFrameworkForRole(absl::string_view /*description*/) override {
    return absl::UnimplementedError("not used here");
  }
  absl::StatusOr<std::string> LookupFramework(absl::string_view /*query*/) override {
    return absl::UnimplementedError("not used here");
  }
};

AskReply Answered(std::string answer, double confidence, std::string source_name) {
  AskReply reply;
  reply.answered = true;
  reply.answer = std::move(answer);
  reply.confidence = confidence;
  reply.source_kind = v1::AnswerSource::KIND_FRAMEWORK;
  reply.source_name = std::move(source_name);
  return reply;
}

AskReply NotAnswered(double confidence) {
  AskReply reply;
  reply.confidence = confidence;
  return reply;
}

LabelledCase Case(std::string expected, std::string question) {
  LabelledCase labelled;
  labelled.expected = std::move(expected);
  labelled.input = std::move(question);
  return labelled;
}

TEST(SplitExpectedPhrasesTest, SplitsAtBarsTrimsAndDropsEmptyPhrases) {
  EXPECT_THAT(SplitExpectedPhrases("user-friendly| rapid prototyping |"),
              ElementsAre("user-friendly", "rapid prototyping"));
  EXPECT_THAT(SplitExpectedPhrases("Google"), ElementsAre("Google"));
  EXPECT_THAT(SplitExpectedPhrases(" | "), IsEmpty());
}

TEST(ContainsIgnoringAsciiCaseTest, FoldsAsciiCaseOnly) {
  EXPECT_TRUE(ContainsIgnoringAsciiCase("Developed by GOOGLE.", "google"));
  EXPECT_TRUE(ContainsIgnoringAsciiCase("see pytorch.org", "PyTorch.org"));
  EXPECT_FALSE(ContainsIgnoringAsciiCase("PyTorch", "tensorflow"));
  EXPECT_FALSE(ContainsIgnoringAsciiCase("short", "much longer phrase"));
  // Bytes beyond ASCII compare raw: "É" (C3 89) is not "é" (C3 A9).
  EXPECT_TRUE(ContainsIgnoringAsciiCase("François Chollet", "FRANçOIS"));
  EXPECT_FALSE(ContainsIgnoringAsciiCase("ÉCOLE", "école"));
}

TEST(ContainsAnyPhraseTest, OnePhraseIsEnough) {
  EXPECT_TRUE(ContainsAnyPhrase("It excels in large-scale deployments.",
                                {"research", "large-scale deployments"}));
  EXPECT_FALSE(ContainsAnyPhrase("It excels in research.", {"deployments", "production"}));
  EXPECT_FALSE(ContainsAnyPhrase("anything", {}));
}

TEST(TruncateUtf8Test, CutsBeforeAWholeCharacterAndMarksTheCut) {
  EXPECT_EQ(TruncateUtf8("short", 10), "short");
  EXPECT_EQ(TruncateUtf8("abcdef", 3), "abc...");
  // "ç" is two bytes at offsets 4-5; a cut at 5 would split it.
  EXPECT_EQ(TruncateUtf8("Franç", 5), "Fran...");
}

TEST(DescribeAskReplyTest, QuotesTheAnswerAndNamesTheSource) {
  EXPECT_EQ(DescribeAskReply(NotAnswered(0.1), 80), "NONE");
  EXPECT_EQ(DescribeAskReply(Answered("Google", 0.9, "frameworks/tensorflow"), 80),
            "\"Google\" from frameworks/tensorflow");
  EXPECT_EQ(DescribeAskReply(Answered("Google", 0.9, ""), 3), "\"Goo...\" from (no source)");
}

TEST(ParseLabelledCasesTest, AskRowsKeepThePhrasesColumnWhole) {
  absl::StatusOr<std::vector<LabelledCase>> cases = ParseLabelledCases(
      "# header\nGoogle|Brain\twho makes tf\nNONE\tinstall cuda\n", SetKind::kAsk, "test.tsv");
  ASSERT_TRUE(cases.ok()) << cases.status();
  ASSERT_EQ(cases->size(), 2u);
  EXPECT_EQ((*cases)[0].expected, "Google|Brain");
  EXPECT_EQ((*cases)[0].input, "who makes tf");
  EXPECT_EQ((*cases)[0].line, 2);
  EXPECT_EQ((*cases)[1].expected, "NONE");
}

TEST(ParseLabelledCasesTest, RowWithoutATabIsRejectedWithItsLine) {
  absl::StatusOr<std::vector<LabelledCase>> cases =
      ParseLabelledCases("Google\twho\nno tab here\n", SetKind::kAsk, "test.tsv");
  ASSERT_EQ(cases.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(cases.status().message()), HasSubstr("test.tsv:2"));
}

TEST(RunAskSetTest, ScoresPhrasesCaseInsensitivelyAndNoneRowsByAnswered) {
  CannedBackend backend;
  backend.ask_replies["who makes tf"] = Answered("Google", 0.95, "frameworks/tensorflow");
  backend.ask_replies["keras site"] = Answered("See https://Keras.io", 0.8, "frameworks/keras");
  backend.ask_replies["install cuda"] = NotAnswered(0.2);
  const AskResult result =
      RunAskSet({Case("google|brain", "who makes tf"), Case("pytorch.org|keras.io", "keras site"),
                 Case("NONE", "install cuda")},
                backend);
  EXPECT_EQ(result.answerable.correct, 2);
  EXPECT_EQ(result.answerable.total, 2);
  EXPECT_EQ(result.not_covered.correct, 1);
  EXPECT_EQ(result.not_covered.total, 1);
  EXPECT_EQ(result.confident_wrong_answers, 0);
  EXPECT_THAT(result.misses, IsEmpty());
  ASSERT_EQ(result.outcomes.size(), 3u);
  EXPECT_EQ(result.outcomes[0].got, "\"Google\" from frameworks/tensorflow");
}

TEST(RunAskSetTest, CountsConfidentWrongAnswersOnly) {
  CannedBackend backend;
  // Wrong text, confident: counts.
  backend.ask_replies["who makes keras"] = Answered("Meta AI", 0.9, "frameworks/pytorch");
  // Wrong text, unsure: a miss, not a confident wrong answer.
  backend.ask_replies["keras licence"] = Answered("Apache 2.0", 0.3, "frameworks/tensorflow");
  // A NONE row answered at exactly the threshold: counts.
  backend.ask_replies["best gpu"] = Answered("TensorFlow", 0.5, "frameworks/tensorflow");
  // An answerable row left unanswered: a miss, never a wrong answer.
  backend.ask_replies["keras docs"] = NotAnswered(0.9);
  const AskResult result = RunAskSet(
      {Case("Chollet", "who makes keras"), Case("MIT", "keras licence"), Case("NONE", "best gpu"),
       Case("keras.io", "keras docs"), Case("Google", "unplanned")},
      backend);
  EXPECT_EQ(result.answerable.correct, 0);
  EXPECT_EQ(result.answerable.total, 4);
  EXPECT_EQ(result.not_covered.correct, 0);
  EXPECT_EQ(result.confident_wrong_answers, 2);
  ASSERT_EQ(result.misses.size(), 5u);
  EXPECT_EQ(result.misses[0].got, "\"Meta AI\" from frameworks/pytorch");
  EXPECT_DOUBLE_EQ(result.misses[0].confidence, 0.9);
  EXPECT_EQ(result.misses[3].got, "NONE");
  // A backend error is reported as the miss, with no confidence.
  EXPECT_THAT(result.misses[4].got, HasSubstr("unplanned question"));
  EXPECT_EQ(result.misses[4].confidence, -1);
}

TEST(RunFaqSetTest, CountsWrongEntriesAndConfidentOnes) {
  CannedBackend backend;
  backend.faq_replies["right"] = {true, "faq-a", "faqs/faq-a", 0.9};
  backend.faq_replies["wrong, sure"] = {true, "faq-b", "faqs/faq-b", 0.7};
  backend.faq_replies["wrong, unsure"] = {true, "faq-b", "faqs/faq-b", 0.4};
  // A NONE row answered from something other than a FAQ entry is wrong too.
  backend.faq_replies["off topic"] = {true, "", "frameworks/keras", 0.6};
  // A FAQ row answered from a framework field: a miss, not a wrong entry.
  backend.faq_replies["other source"] = {true, "", "frameworks/keras", 0.8};
  const FaqResult result = RunFaqSet(
      {Case("faq-a", "right"), Case("faq-a", "wrong, sure"), Case("faq-a", "wrong, unsure"),
       Case("NONE", "off topic"), Case("faq-a", "other source")},
      backend);
  EXPECT_EQ(result.answerable.correct, 1);
  EXPECT_EQ(result.answerable.total, 4);
  EXPECT_EQ(result.off_topic.correct, 0);
  EXPECT_EQ(result.wrong_answers, 3);
  EXPECT_EQ(result.confident_wrong_answers, 2);
  ASSERT_EQ(result.misses.size(), 4u);
  EXPECT_EQ(result.misses[2].got, "(not a FAQ entry) frameworks/keras");
}

TEST(ParseDialogsTest, ReadsAskersTurnsAndBlankLineSeparatedDialogs) {
  absl::StatusOr<std::vector<Dialog>> dialogs = ParseDialogs(
      "# comment\n@asker\tML engineer at a bank\nTensorFlow\twhich framework?\n"
      "stability\twhy?\n\n\nGoogle\twho makes tensorflow?\nNONE\thow much is it?\n",
      "dialogs.tsv");
  ASSERT_TRUE(dialogs.ok()) << dialogs.status();
  ASSERT_EQ(dialogs->size(), 2u);
  EXPECT_EQ((*dialogs)[0].asker, "ML engineer at a bank");
  EXPECT_EQ((*dialogs)[0].line, 2);
  ASSERT_EQ((*dialogs)[0].turns.size(), 2u);
  EXPECT_EQ((*dialogs)[0].turns[1].input, "why?");
  EXPECT_EQ((*dialogs)[0].turns[1].line, 4);
  EXPECT_EQ((*dialogs)[1].asker, "");
  EXPECT_EQ((*dialogs)[1].turns[1].expected, "NONE");
}

TEST(ParseDialogsTest, RefusesMisplacedAskersAndRowsWithoutATab) {
  EXPECT_THAT(ParseDialogs("A\tq\n@asker\tx\n", "d.tsv").status().message(),
              HasSubstr("d.tsv:2: @asker must be a dialog's first row"));
  EXPECT_THAT(ParseDialogs("@asker\tx\n\nA\tq\n", "d.tsv").status().message(),
              HasSubstr("asker but no questions"));
  EXPECT_THAT(ParseDialogs("no tab here\n", "d.tsv").status().message(),
              HasSubstr("d.tsv:1: expected two tab-separated columns"));
}

TEST(RunDialogSetTest, SendsEachTurnWithTheAskerAndThePreviousContext) {
  CannedBackend backend;
  backend.ask_replies["which framework?"] = Answered("TensorFlow for banks", 0.9, "h/e");
  backend.ask_replies["why?"] = Answered("something else", 0.7, "h/e");
  backend.ask_replies["who makes tensorflow?"] = Answered("Google", 0.9, "f/t");
  backend.ask_replies["how much is it?"] = NotAnswered(0.1);
  absl::StatusOr<std::vector<Dialog>> dialogs = ParseDialogs(
      "@asker\tbanker\nTensorFlow\twhich framework?\nstability\twhy?\n\n"
      "Google\twho makes tensorflow?\nNONE\thow much is it?\n",
      "dialogs.tsv");
  ASSERT_TRUE(dialogs.ok()) << dialogs.status();
  const DialogResult result = RunDialogSet(*dialogs, backend);
  ASSERT_EQ(backend.requests.size(), 4u);
  EXPECT_EQ(backend.requests[0].asker(), "banker");
  EXPECT_EQ(backend.requests[0].context(), "");
  EXPECT_EQ(backend.requests[1].context(), "after:which framework?");
  EXPECT_EQ(backend.requests[2].asker(), "");
  EXPECT_EQ(backend.requests[2].context(), "");
  EXPECT_EQ(backend.requests[3].context(), "after:who makes tensorflow?");
  EXPECT_EQ(result.turns.correct, 3);
  EXPECT_EQ(result.turns.total, 4);
  EXPECT_EQ(result.first_turns.correct, 2);
  EXPECT_EQ(result.follow_ups.total, 1);
  EXPECT_EQ(result.follow_ups.correct, 0);
  EXPECT_EQ(result.follow_ups_none.correct, 1);
  EXPECT_EQ(result.turns_with_asker.total, 2);
  EXPECT_EQ(result.dialogs.correct, 1);
  EXPECT_EQ(result.confident_wrong_answers, 1);
  ASSERT_EQ(result.misses.size(), 1u);
  EXPECT_EQ(result.misses[0].labelled.input, "why?");
}

TEST(RunDialogSetTest, WithoutTheConversationEveryTurnIsAskedAlone) {
  CannedBackend backend;
  backend.ask_replies["a"] = Answered("x", 0.9, "f/x");
  backend.ask_replies["b"] = Answered("x", 0.9, "f/x");
  absl::StatusOr<std::vector<Dialog>> dialogs =
      ParseDialogs("@asker\tbanker\nx\ta\nx\tb\n", "dialogs.tsv");
  ASSERT_TRUE(dialogs.ok()) << dialogs.status();
  RunDialogSet(*dialogs, backend, /*in_conversation=*/false);
  ASSERT_EQ(backend.requests.size(), 2u);
  EXPECT_EQ(backend.requests[1].asker(), "");
  EXPECT_EQ(backend.requests[1].context(), "");
}

}  // namespace
}  // namespace advisor::eval
