// `advisor ask --file`, `advisor match-role --file` and `advisor chat` with
// piped standard input, against the real advisor_server binary: JSON lines
// in input order with their line numbers, per-line errors, the exit code,
// no progress bar or prompt when the terminal is not one, and follow-ups
// carried from one answer to the next.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

#include "tests/support/child_process.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_directory.h"
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace advisor::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class CliFileTest : public ::testing::Test {
 protected:
  // One advisor_server (127.0.0.1, a free port) for the suite.
  static void SetUpTestSuite() { server_ = StartServerProcess().release(); }
  static void TearDownTestSuite() {
    delete server_;  // Kills the server.
    server_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr) << "no server to test"; }

  // Writes `text` to a file in the test's own temporary directory (which
  // goes with the test).
  std::string WriteInput(const std::string& name, const std::string& text) const {
    return directory_.Write(name, text);
  }

  const TempDirectory directory_{"cli_file"};

  static CommandResult Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {ADVISOR_CLI_PATH, "--target=" + server_->address()});
    return RunCommandOrFail(args);
  }

  static CommandResult RunCommandOrFail(const std::vector<std::string>& args) {
    auto result = RunCommand(args);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : CommandResult{};
  }

  static std::vector<std::string> Lines(const std::string& out) {
    return absl::StrSplit(out, '\n', absl::SkipEmpty());
  }

  static ServerProcess* server_;
};

ServerProcess* CliFileTest::server_ = nullptr;

TEST_F(CliFileTest, ChatCarriesFollowUpsFromPipedStandardInput) {
  const std::string input =
      WriteInput("chat.txt",
                 "who maintains pytorch?\nand keras?\n\nis it good for beginners?\nexit\n"
                 "what is theano?\n");
  CommandResult result = RunCommandOrFail(
      {"/bin/sh", "-c",
       absl::StrCat(ADVISOR_CLI_PATH, " --target=", server_->address(), " chat < ", input)});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("PyTorch Foundation"));
  EXPECT_THAT(result.out, HasSubstr("Chollet"));
  EXPECT_THAT(result.out, HasSubstr("beginners"));
  EXPECT_THAT(result.out, ::testing::Not(HasSubstr("> "))) << "no prompt without a terminal";
  EXPECT_THAT(result.out, ::testing::Not(HasSubstr("Theano"))) << "exit ends the chat";
}

TEST_F(CliFileTest, ChatWithJsonWritesALineAQuestionWithItsContext) {
  const std::string input = WriteInput("chat.txt", "who maintains pytorch?\nand keras?\n");
  CommandResult result =
      RunCommandOrFail({"/bin/sh", "-c",
                        absl::StrCat(ADVISOR_CLI_PATH, " --target=", server_->address(),
                                     " --json --asker='data scientist at a bank' chat < ", input)});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> lines = Lines(result.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_THAT(lines[1], StartsWith("{\"line\":2,\"question\":\"and keras?\""));
  EXPECT_THAT(lines[1], HasSubstr("frameworks/keras"));
  EXPECT_THAT(lines[1], HasSubstr("\"context\":\"1."));
}

TEST_F(CliFileTest, AskFileAnswersEveryLineInOrderAsJsonLines) {
  std::string text;
  for (int i = 0; i < 300; ++i) {
    absl::StrAppend(&text,
                    i % 2 == 0 ? "Why do startups prefer PyTorch over other frameworks today?"
                               : "How long should pasta boil?",
                    "\n");
  }
  CommandResult result = Cli({"ask", "--file", WriteInput("questions.txt", text)});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "") << "no progress bar when stderr is not a terminal";
  std::vector<std::string> lines = Lines(result.out);
  ASSERT_EQ(lines.size(), 300u);
  EXPECT_THAT(lines[0], StartsWith("{\"line\":1,\"question\":\"Why do startups"));
  EXPECT_THAT(lines[0], HasSubstr("\"answered\":true"));
  EXPECT_THAT(lines[1], StartsWith("{\"line\":2,\"question\":\"How long should pasta boil?\""));
  EXPECT_THAT(lines[1], HasSubstr("\"answered\":false"));
  EXPECT_THAT(lines[299], StartsWith("{\"line\":300,"));
}

TEST_F(CliFileTest, AskFileSkipsBlankLinesAndReportsABadLineWithItsCode) {
  const std::string path = WriteInput(
      "mixed.txt", absl::StrCat("Is Keras good for beginners?\r\n\n   \n", std::string(5000, 'x'),
                                "\nWhich framework do banks use?\n"));
  CommandResult result = Cli({"ask", "--file", path});
  EXPECT_EQ(result.exit_code, 3) << "INVALID_ARGUMENT of the bad line";
  EXPECT_THAT(result.err, HasSubstr("INVALID_ARGUMENT"));
  std::vector<std::string> lines = Lines(result.out);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_THAT(lines[0], StartsWith("{\"line\":1,\"question\":\"Is Keras good for beginners?\","));
  EXPECT_THAT(lines[1], StartsWith("{\"line\":4,"));
  EXPECT_THAT(lines[1], HasSubstr("\"error\":{\"code\":\"INVALID_ARGUMENT\""));
  EXPECT_THAT(lines[2], StartsWith("{\"line\":5,"));
  EXPECT_THAT(lines[2], HasSubstr("\"response\":"));
}

TEST_F(CliFileTest, MatchRoleFileMatchesEveryLine) {
  std::string text;
  for (int i = 0; i < 1500; ++i)
    absl::StrAppend(&text, "Machine learning engineer at bank ", i, "\n");
  CommandResult result = Cli({"match-role", "--file", WriteInput("roles.txt", text)});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> lines = Lines(result.out);
  ASSERT_EQ(lines.size(), 1500u);
  EXPECT_THAT(lines[0], StartsWith("{\"line\":1,\"description\":\"Machine learning engineer at "
                                   "bank 0\",\"response\":{\"matches\":["));
  EXPECT_THAT(lines[1499], StartsWith("{\"line\":1500,"));
}

TEST_F(CliFileTest, FileUsageErrors) {
  EXPECT_EQ(Cli({"lookup", "--file", "x.txt"}).exit_code, 64);
  EXPECT_EQ(Cli({"ask", "why?", "--file", "x.txt"}).exit_code, 64);
  CommandResult missing = Cli({"ask", "--file", "/nonexistent/questions.txt"});
  EXPECT_EQ(missing.exit_code, 64);
  EXPECT_THAT(missing.err, HasSubstr("cannot read"));
}

}  // namespace
}  // namespace advisor::testing
