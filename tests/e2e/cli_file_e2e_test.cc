// `advisor ask --file` and `advisor match-role --file` against the real
// advisor_server binary: JSON lines in input order with their line numbers,
// per-line errors, the exit code, and no progress bar when stderr is not a
// terminal.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

#include "tests/e2e/child_process.h"
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace advisor::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class CliFileTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto started = ChildProcess::Start({ADVISOR_SERVER_PATH, "--host=127.0.0.1", "--port=0"});
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = started->release();
    auto line = server_->ReadLine(absl::Seconds(30));
    ASSERT_TRUE(line.ok()) << line.status();
    target_ = std::string(absl::StripPrefix(*line, "advisor_server listening on "));
  }
  static void TearDownTestSuite() {
    delete server_;  // Kills the server.
    server_ = nullptr;
  }

  void SetUp() override {
    std::string pattern = absl::StrCat(::testing::TempDir(), "/cli_file_XXXXXX");
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    directory_ = pattern;
  }
  // The inputs go with the test.
  void TearDown() override { std::filesystem::remove_all(directory_); }

  // Writes `text` to a file in the test's own temporary directory.
  std::string WriteInput(std::string const& name, std::string const& text) const {
    std::string path = absl::StrCat(directory_, "/", name);
    std::ofstream(path) << text;
    return path;
  }

  std::string directory_;

  static CommandResult Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {ADVISOR_CLI_PATH, "--target=" + target_});
    auto result = RunCommand(args);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : CommandResult{};
  }

  static std::vector<std::string> Lines(std::string const& out) {
    return absl::StrSplit(out, '\n', absl::SkipEmpty());
  }

  static ChildProcess* server_;
  static std::string target_;
};

ChildProcess* CliFileTest::server_ = nullptr;
std::string CliFileTest::target_;

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
