// The CLI's --file support without a server: usage, input lines, the
// progress bar's rendering.
#include <sstream>
#include <string>
#include <vector>

#include "client/cli/commands.h"
#include "client/cli/file_commands.h"
#include "client/cli/progress_bar.h"
#include <gtest/gtest.h>

namespace advisor::cli {
namespace {

TEST(CliFileUsageTest, OnlyAskAndMatchRoleTakeAFileAndThenNoArgument) {
  EXPECT_TRUE(CheckUsage({"ask"}, /*from_file=*/true).ok());
  EXPECT_TRUE(CheckUsage({"match-role"}, /*from_file=*/true).ok());
  EXPECT_EQ(CheckUsage({"ask", "why?"}, true).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckUsage({"lookup"}, true).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckUsage({"faqs"}, true).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckUsage({"ask"}, /*from_file=*/false).code(), absl::StatusCode::kInvalidArgument);
}

TEST(CliFileUsageTest, HelpListsTheFileForms) {
  const std::string help = SubcommandHelp();
  EXPECT_NE(help.find("ask --file FILE"), std::string::npos) << help;
  EXPECT_NE(help.find("match-role --file FILE"), std::string::npos) << help;
}

TEST(ReadInputLinesTest, SkipsBlankLinesKeepsNumbersAndDropsCarriageReturns) {
  std::istringstream input("first\r\n\n  \t \nsecond line\nthird");
  const std::vector<InputLine> lines = ReadInputLines(input);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].number, 1);
  EXPECT_EQ(lines[0].text, "first");
  EXPECT_EQ(lines[1].number, 4);
  EXPECT_EQ(lines[1].text, "second line");
  EXPECT_EQ(lines[2].number, 5);
  EXPECT_EQ(lines[2].text, "third");
}

TEST(ProgressBarTest, RendersTheShareDone) {
  EXPECT_EQ(ProgressBar::Render(0, 10), "[------------------------------] 0/10   0%");
  EXPECT_EQ(ProgressBar::Render(5, 10), "[###############---------------] 5/10  50%");
  EXPECT_EQ(ProgressBar::Render(10, 10), "[##############################] 10/10 100%");
  EXPECT_EQ(ProgressBar::Render(0, 0), "[##############################] 0/0 100%");
}

TEST(ProgressBarTest, RedrawsInPlaceAndEndsTheLine) {
  std::ostringstream out;
  ProgressBar bar(out, 4);
  bar.Update(1);
  bar.Finish(4);
  EXPECT_EQ(out.str(), "\r" + ProgressBar::Render(1, 4) + "\r" + ProgressBar::Render(4, 4) + "\n");
}

}  // namespace
}  // namespace advisor::cli
