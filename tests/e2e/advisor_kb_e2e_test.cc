// The advisor_kb binary: validate's summary and problems, import-document's
// block (accepted by the loader once appended) and its refusals, each with
// exit status 2 and nothing on stdout.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

#include "tests/support/child_process.h"
#include "tests/support/temp_directory.h"
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace advisor::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string DefaultKnowledgeBasePath() {
  const char* source_dir = std::getenv("ADVISOR_SOURCE_DIR");
  return absl::StrCat(source_dir != nullptr ? source_dir : ADVISOR_TEST_SOURCE_DIR,
                      "/service/knowledge_base/default_knowledge_base.txtpb");
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

class AdvisorKbTest : public ::testing::Test {
 protected:
  // Writes `text` to a file of the test's own directory (which goes with
  // the test).
  std::string WriteFile(const std::string& name, const std::string& text) {
    return directory_.Write(name, text);
  }

  static CommandResult Kb(std::vector<std::string> args) {
    args.insert(args.begin(), ADVISOR_KB_PATH);
    auto result = RunCommand(args);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : CommandResult{};
  }

  // import-document with a valid id and title, then `extra` arguments.
  static CommandResult Import(std::vector<std::string> extra) {
    std::vector<std::string> args = {"import-document", "--id=new-article", "--title=The Title"};
    args.insert(args.end(), extra.begin(), extra.end());
    return Kb(args);
  }

  const TempDirectory directory_{"kb_e2e"};
};

TEST_F(AdvisorKbTest, ValidateSummarisesAValidFile) {
  const std::string path = DefaultKnowledgeBasePath();
  const CommandResult result = Kb({"validate", path});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            path + ": valid (version 2024.1, 21 frameworks, 5 FAQ entries, 1 document)\n");
  EXPECT_EQ(result.err, "");
}

TEST_F(AdvisorKbTest, ValidatePrintsEveryProblemWithItsPosition) {
  const std::string path = WriteFile(
      "broken.txtpb",
      "version: \"\"\n"
      "frameworks { id: \"keras\" display_name: \"Keras\" "
      "summary: \"s\" field_sources { field: \"summary\" url: \"https://example.org/\" } }\n"
      "documents { id: \"d\" title: \"t\" }\n");
  const CommandResult result = Kb({"validate", path});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, absl::StrCat(path, ":1:1: version is required\n", path,
                                     ":3:1: document \"d\": at least one section is required\n"));
}

TEST_F(AdvisorKbTest, ValidateOfAMissingFileIsRefused) {
  const std::string path = directory_.Path("missing.txtpb");
  const CommandResult result = Kb({"validate", path});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_THAT(result.err, HasSubstr(path));
}

TEST_F(AdvisorKbTest, ImportedMarkdownBlockLoadsOnceAppendedToTheDefault) {
  const std::string knowledge_base =
      WriteFile("kb.txtpb", ReadWholeFile(DefaultKnowledgeBasePath()));
  const std::string article = WriteFile("article.md",
                                        "# The Title\n"
                                        "Intro, with “quotes”.\n"
                                        "\n"
                                        "## Part one\n"
                                        "- first item\n"
                                        "- second item\n");
  const CommandResult imported = Import({"--source=Example", "--url=https://example.com/a",
                                         "--knowledge_base=" + knowledge_base, article});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(imported.err, "");
  EXPECT_THAT(imported.out, StartsWith("\ndocuments {\n  id: \"new-article\"\n"));
  EXPECT_THAT(imported.out, HasSubstr("paragraphs: \"Intro, with “quotes”.\""));
  EXPECT_THAT(imported.out, HasSubstr("heading: \"Part one\"\n"));

  std::ofstream(knowledge_base, std::ios::app) << imported.out;
  const CommandResult validated = Kb({"validate", knowledge_base});
  EXPECT_EQ(validated.exit_code, 0) << validated.err;
  EXPECT_THAT(validated.out, HasSubstr("2 documents"));
}

TEST_F(AdvisorKbTest, AddedExamplesLoadOnceAppendedAndRepeatsAreRefused) {
  const std::string knowledge_base =
      WriteFile("kb.txtpb", ReadWholeFile(DefaultKnowledgeBasePath()));
  const std::string questions = WriteFile("questions.txt",
                                          "# who asks: operators\n"
                                          "  who keeps keras going nowadays  \n"
                                          "\n"
                                          "keras: whose project is it\n");
  const CommandResult added =
      Kb({"add-examples", "--item=frameworks/keras/developer", "--author=operator",
          "--knowledge_base=" + knowledge_base, questions});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(added.out,
            "\nexamples {\n  item: \"frameworks/keras/developer\"\n  author: \"operator\"\n"
            "  questions: \"who keeps keras going nowadays\"\n"
            "  questions: \"keras: whose project is it\"\n}\n");
  std::ofstream(knowledge_base, std::ios::app) << added.out;
  EXPECT_EQ(Kb({"validate", knowledge_base}).exit_code, 0);

  // The same questions again, now examples already.
  const CommandResult again =
      Kb({"add-examples", "--item=frameworks/keras/developer", "--author=operator",
          "--knowledge_base=" + knowledge_base, questions});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_EQ(again.out, "");
  EXPECT_THAT(again.err, HasSubstr("\"who keeps keras going nowadays\" is repeated"));

  const CommandResult unknown =
      Kb({"add-examples", "--item=faqs/nowhere", "--knowledge_base=" + knowledge_base, questions});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.out, "");
  EXPECT_THAT(unknown.err, HasSubstr("no FAQ entry \"nowhere\""));

  const CommandResult no_base = Kb({"add-examples", "--item=outOfScope", questions});
  EXPECT_EQ(no_base.exit_code, 2);
  EXPECT_THAT(no_base.err, HasSubstr("add-examples needs --knowledge_base"));
}

// Every refusal: exit status 2, the problem on stderr, nothing on stdout.
TEST_F(AdvisorKbTest, RefusalsPrintNothingOnStdout) {
  const std::string article = WriteFile("ok.txt", "Some text.\n");
  const std::string invalid_kb = WriteFile("invalid.txtpb", "version: \"1\"\n");
  struct Refusal {
    std::vector<std::string> args;
    std::string problem;
  };
  const std::vector<Refusal> refusals = {
      {{directory_.Path("missing.md")},
       absl::StrCat("cannot read ", directory_.Path("missing.md"), ": No such file or directory")},
      {{WriteFile("empty.txt", "")}, "empty.txt: the article is empty"},
      {{WriteFile("blank.md", "  \n\n\t\n")}, "blank.md: the article is empty"},
      {{WriteFile("latin1.txt", "Fine.\nCaf\xe9.\n")},
       "latin1.txt: the article is not valid UTF-8: byte offset 9 (line 2)"},
      {{"--url=ftp://example.com", article}, "must start with http:// or https://"},
      {{"--knowledge_base=" + DefaultKnowledgeBasePath(), "--id=deep-learning-frameworks-2024",
        article},
       absl::StrCat("document id \"deep-learning-frameworks-2024\" is already taken in ",
                    DefaultKnowledgeBasePath())},
      {{"--knowledge_base=" + invalid_kb, article},
       absl::StrCat("--knowledge_base is not usable:\n", invalid_kb,
                    ":1:1: at least one framework is required")},
      {{"--id=Not Valid", article}, "document id \"Not Valid\" must match [a-z][a-z0-9_-]*"},
      {{"--title=", article}, "import-document needs --title"},
  };
  for (const Refusal& refusal : refusals) {
    const CommandResult result = Import(refusal.args);
    EXPECT_EQ(result.exit_code, 2) << refusal.problem;
    EXPECT_EQ(result.out, "") << refusal.problem;
    EXPECT_THAT(result.err, HasSubstr(refusal.problem));
  }
}

TEST_F(AdvisorKbTest, NoCommandOrAnUnknownOneIsAUsageError) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{}, std::vector<std::string>{"frobnicate"},
        std::vector<std::string>{"validate"}}) {
    const CommandResult result = Kb(args);
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.out, "");
    EXPECT_THAT(result.err, HasSubstr("Usage:\n  advisor_kb validate FILE"));
  }
  EXPECT_THAT(Kb({"frobnicate"}).err, HasSubstr("unknown command \"frobnicate\""));
}

TEST_F(AdvisorKbTest, HelpDescribesBothCommandsAndTheImportRules) {
  const CommandResult help = Kb({"help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("advisor_kb import-document --id=ID --title=TITLE"));
  EXPECT_THAT(help.out, HasSubstr("every line is a paragraph"));
  const CommandResult flags_help = Kb({"--help"});
  EXPECT_THAT(flags_help.out, HasSubstr("advisor_kb validate FILE"));
  EXPECT_THAT(flags_help.out, HasSubstr("--knowledge_base"));
}

}  // namespace
}  // namespace advisor::testing
