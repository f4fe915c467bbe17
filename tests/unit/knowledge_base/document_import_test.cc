#include "service/tools/document_import.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "service/knowledge_base/knowledge_base_loader.h"

namespace advisor::tools {
namespace {

using advisor::v1::Document;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Headings and paragraphs of a document, as "# heading" and "paragraph".
std::vector<std::string> Outline(const Document& document) {
  std::vector<std::string> outline;
  for (const auto& section : document.sections()) {
    outline.push_back("# " + section.heading());
    for (const std::string& paragraph : section.paragraphs()) outline.push_back(paragraph);
  }
  return outline;
}

DocumentImportOptions Options(ArticleFormat format) {
  DocumentImportOptions options;
  options.id = "article";
  options.title = "The Title";
  options.format = format;
  return options;
}

std::vector<std::string> ImportOutline(const std::string& article, ArticleFormat format) {
  const auto document = ImportDocument(article, Options(format));
  EXPECT_TRUE(document.ok()) << document.status();
  return document.ok() ? Outline(*document) : std::vector<std::string>{};
}

TEST(ArticleFormatForPathTest, MarkdownByExtension) {
  EXPECT_EQ(ArticleFormatForPath("a/notes.md"), ArticleFormat::kMarkdown);
  EXPECT_EQ(ArticleFormatForPath("NOTES.Markdown"), ArticleFormat::kMarkdown);
  EXPECT_EQ(ArticleFormatForPath("notes.txt"), ArticleFormat::kPlainText);
  EXPECT_EQ(ArticleFormatForPath("notes"), ArticleFormat::kPlainText);
}

TEST(MarkdownImportTest, HeadingsStartSectionsAndBlankLinesSplitJoinedParagraphs) {
  const std::string article =
      "# The Title\n"
      "Intro line one\n"
      "continues here.\n"
      "\n"
      "## First part ##\n"
      "Para one.\n"
      "\n"
      "\n"
      "Para two.\n"
      "###### Deep heading\n"
      "Text.\n";
  EXPECT_THAT(ImportOutline(article, ArticleFormat::kMarkdown),
              ElementsAre("# ", "Intro line one continues here.", "# First part", "Para one.",
                          "Para two.", "# Deep heading", "Text."));
}

TEST(MarkdownImportTest, ListItemsAreParagraphsWithoutTheirMarker) {
  const std::string article =
      "Before the list:\n"
      "- dash item\n"
      "  wrapped on.\n"
      "* star item\n"
      "+ plus item\n"
      "1. first\n"
      "12) twelfth\n"
      "\n"
      "-not an item\n";
  EXPECT_THAT(ImportOutline(article, ArticleFormat::kMarkdown),
              ElementsAre("# ", "Before the list:", "dash item wrapped on.", "star item",
                          "plus item", "first", "twelfth", "-not an item"));
}

TEST(MarkdownImportTest, FrontMatterCommentsAndRulesAreLeftOut) {
  const std::string article =
      "---\n"
      "layout: post\n"
      "---\n"
      "<!-- draft note -->\n"
      "Kept <!-- hidden --> text.\n"
      "<!-- a comment\n"
      "over lines -->\n"
      "***\n"
      "# Heading #7 stays\n"
      "After.\n";
  EXPECT_THAT(ImportOutline(article, ArticleFormat::kMarkdown),
              ElementsAre("# ", "Kept  text.", "# Heading #7 stays", "After."));
}

TEST(MarkdownImportTest, FirstHeadingOtherThanTheTitleIsKept) {
  EXPECT_THAT(ImportOutline("# Not the title\nText.\n", ArticleFormat::kMarkdown),
              ElementsAre("# Not the title", "Text."));
}

TEST(MarkdownImportTest, HeadingWithoutTextIsRefusedNamingItsLine) {
  const auto document =
      ImportDocument("Intro.\n\n## Empty\n## Next\nText.\n", Options(ArticleFormat::kMarkdown));
  EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(document.status().message(),
            "line 3: heading \"Empty\" has no text under it; a section needs at least one "
            "paragraph");
}

TEST(PlainTextImportTest, WrappedTextJoinsLinesAndSplitsOnBlankLines) {
  const std::string article =
      "The Title\n"
      "\n"
      "An introduction that is wrapped\n"
      "over two lines.\n"
      "\n"
      "Background\n"
      "\n"
      "Some background, also\n"
      "wrapped.\n"
      "\n"
      "- an item\n"
      "- another item\n";
  EXPECT_THAT(ImportOutline(article, ArticleFormat::kPlainText),
              ElementsAre("# ", "An introduction that is wrapped over two lines.", "# Background",
                          "Some background, also wrapped.", "an item", "another item"));
}

TEST(PlainTextImportTest, OneLinePerParagraphWhenThereAreNoBlankLines) {
  const std::string article =
      "Short heading\n"
      "First paragraph.\n"
      "Second paragraph, short too.\n"
      "Next heading\n"
      "Last paragraph.\n"
      "Trailing line without a stop\n";
  EXPECT_THAT(ImportOutline(article, ArticleFormat::kPlainText),
              ElementsAre("# Short heading", "First paragraph.", "Second paragraph, short too.",
                          "# Next heading", "Last paragraph.", "Trailing line without a stop"));
}

TEST(PlainTextImportTest, HeadingNeedsAShortLineWithoutEndingPunctuation) {
  const std::string long_line(81, 'x');
  const std::string article = "Ends with a colon:\n" + long_line +
                              "\n"
                              "Two candidates in a row\n"
                              "The second is the heading\n"
                              "Body.\n";
  EXPECT_THAT(ImportOutline(article, ArticleFormat::kPlainText),
              ElementsAre("# ", "Ends with a colon:", long_line, "Two candidates in a row",
                          "# The second is the heading", "Body."));
}

TEST(PlainTextImportTest, OmittedLinePrefixesAreLeftOut) {
  DocumentImportOptions options = Options(ArticleFormat::kPlainText);
  options.omitted_line_prefixes = {"Also Read:", "Disclaimer:"};
  const auto document =
      ImportDocument("Kept.\nAlso Read: Elsewhere\nKept too.\nDisclaimer: none.\n", options);
  ASSERT_TRUE(document.ok()) << document.status();
  EXPECT_THAT(Outline(*document), ElementsAre("# ", "Kept.", "Kept too."));
}

std::string ReadSeed() {
  const char* source_dir = std::getenv("ADVISOR_SOURCE_DIR");
  const std::string root = source_dir != nullptr ? source_dir : ADVISOR_TEST_SOURCE_DIR;
  std::ifstream in(
      root + "/tests/unit/knowledge_base/testdata/seed_deep_learning_frameworks_2024.txt",
      std::ios::binary);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// The seed, copied from a web page, has one paragraph per line.
TEST(PlainTextImportTest, SeedArticleGivesItsSevenSectionsWordForWord) {
  const std::string seed = ReadSeed();
  ASSERT_FALSE(seed.empty());
  DocumentImportOptions options = Options(ArticleFormat::kPlainText);
  options.title = "Deep Learning Frameworks: A Guide to PyTorch, TensorFlow, and Keras in 2024";
  options.omitted_line_prefixes = {"Also Read:", "Follow Us:", "Disclaimer:"};
  const auto document = ImportDocument(seed, options);
  ASSERT_TRUE(document.ok()) << document.status();

  std::vector<std::string> headings;
  for (const auto& section : document->sections()) headings.push_back(section.heading());
  EXPECT_THAT(
      headings,
      ElementsAre("", "The Evolving AI Job Market",
                  "Key Deep Learning Frameworks: A Comparative Overview",
                  "Shifting Hiring Patterns: Beyond Single Framework Expertise",
                  "PyTorch vs. TensorFlow: A Dynamic Duo", "Building a Well-Rounded Skill Set",
                  "The Bottom Line: Practical Application is Key", "Frequently Asked Questions"));
  ASSERT_EQ(document->sections(0).paragraphs_size(), 1);
  EXPECT_THAT(document->sections(0).paragraphs(0),
              ::testing::StartsWith("The selection of deep learning frameworks"));
  ASSERT_EQ(document->sections(2).paragraphs_size(), 4);
  EXPECT_THAT(document->sections(2).paragraphs(1), ::testing::StartsWith("PyTorch: Primarily"));
  EXPECT_EQ(document->sections(7).paragraphs_size(), 5);
  // Every paragraph is a whole line of the seed, typographic characters kept.
  for (const auto& section : document->sections()) {
    for (const std::string& paragraph : section.paragraphs()) {
      EXPECT_THAT(seed, HasSubstr(paragraph + "\n"));
      EXPECT_THAT(paragraph, ::testing::Not(HasSubstr("Follow Us")));
    }
  }
  EXPECT_THAT(document->sections(1).paragraphs(0), HasSubstr("professionals – including"));
}

TEST(ImportDocumentTest, EmptyOrWhitespaceArticleIsRefused) {
  for (const std::string article : {"", " \n\t\n"}) {
    const auto document = ImportDocument(article, Options(ArticleFormat::kPlainText));
    EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(document.status().message(), "the article is empty");
  }
}

TEST(ImportDocumentTest, ArticleWithOnlyItsTitleHasNoParagraphs) {
  const auto document = ImportDocument("# The Title\n", Options(ArticleFormat::kMarkdown));
  EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(document.status().message(), "the article has no paragraphs");
}

TEST(ImportDocumentTest, InvalidUtf8IsRefusedWithItsOffsetAndLine) {
  // "caf\xe9" is Latin-1; \xed\xa0\x80 encodes a surrogate; \xc0\xaf is overlong.
  struct Case {
    std::string article;
    const char* where;
  };
  for (const Case& bad : {Case{"ok\nline caf\xe9\n", "byte offset 11 (line 2)"},
                          Case{"\xed\xa0\x80", "byte offset 0 (line 1)"},
                          Case{"a\n\nb \xc0\xaf", "byte offset 5 (line 3)"},
                          Case{"cut \xe2\x80", "byte offset 4 (line 1)"}}) {
    const auto document = ImportDocument(bad.article, Options(ArticleFormat::kPlainText));
    EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(document.status().message(),
                HasSubstr("not valid UTF-8: " + std::string(bad.where)));
  }
}

TEST(ImportDocumentTest, KnowledgeBaseRulesAreApplied) {
  DocumentImportOptions options = Options(ArticleFormat::kPlainText);
  options.id = "Bad Id";
  options.title = " ";
  options.source_url = "example.com";
  const auto document = ImportDocument("Text.\n", options);
  EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(document.status().message(),
            "document id \"Bad Id\" must match [a-z][a-z0-9_-]*\n"
            "document \"Bad Id\": title is required\n"
            "document \"Bad Id\": source url \"example.com\" must start with http:// or https://");

  DocumentImportOptions long_paragraph = Options(ArticleFormat::kPlainText);
  EXPECT_THAT(ImportDocument(std::string(8193, 'a'), long_paragraph).status().message(),
              HasSubstr("is 8193 bytes long; the limit is 8192"));
}

// The printed block, appended to a knowledge base, loads with the same
// document, UTF-8 kept readable and quotes escaped.
TEST(DocumentBlockTest, AppendedToAKnowledgeBaseLoadsBack) {
  DocumentImportOptions options = Options(ArticleFormat::kMarkdown);
  options.source_name = "Analytics Insight";
  options.source_url = "https://example.com/a";
  const auto document =
      ImportDocument("Today’s \"quoted\" – text.\n\n# Part\nBack\\slash.\n", options);
  ASSERT_TRUE(document.ok()) << document.status();
  const std::string block = DocumentBlock(*document);
  EXPECT_THAT(block, ::testing::StartsWith("documents {\n  id: \"article\"\n"));
  EXPECT_THAT(block, HasSubstr("paragraphs: \"Today’s \\\"quoted\\\" – text.\"\n"));

  const auto knowledge_base = knowledge_base::ParseKnowledgeBase(
      std::string(knowledge_base::DefaultKnowledgeBaseText()) + block, "appended");
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  ASSERT_GE(knowledge_base->documents_size(), 1);
  EXPECT_EQ(knowledge_base->documents().rbegin()->SerializeAsString(),
            document->SerializeAsString());
}

}  // namespace
}  // namespace advisor::tools
