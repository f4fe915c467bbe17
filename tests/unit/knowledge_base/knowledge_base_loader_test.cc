#include "service/knowledge_base/knowledge_base_loader.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "service/knowledge_base/knowledge_base_validator.h"

namespace advisor::knowledge_base {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string SourceDir() {
  const char* from_environment = std::getenv("ADVISOR_SOURCE_DIR");
  if (from_environment != nullptr && *from_environment != '\0') return from_environment;
  return ADVISOR_TEST_SOURCE_DIR;
}

std::string TestdataPath(const std::string& name) {
  return SourceDir() + "/tests/unit/knowledge_base/testdata/" + name;
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

TEST(LoadDefaultKnowledgeBaseTest, LoadsAndFillsResourceNames) {
  const auto knowledge_base = LoadDefaultKnowledgeBase();
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  EXPECT_FALSE(knowledge_base->version().empty());
  // The seed's three first, then the frameworks beyond it.
  ASSERT_GE(knowledge_base->frameworks_size(), 21);
  EXPECT_EQ(knowledge_base->frameworks(0).name(), "frameworks/pytorch");
  EXPECT_EQ(knowledge_base->frameworks(1).name(), "frameworks/tensorflow");
  EXPECT_EQ(knowledge_base->frameworks(2).name(), "frameworks/keras");
  EXPECT_GE(knowledge_base->hiring_patterns_size(), 4);
}

TEST(LoadDefaultKnowledgeBaseTest, MatchesTheCheckedInFile) {
  const std::string on_disk =
      ReadWholeFile(SourceDir() + "/service/knowledge_base/default_knowledge_base.txtpb");
  ASSERT_FALSE(on_disk.empty());
  EXPECT_EQ(DefaultKnowledgeBaseText(), on_disk);
}

// The five FAQ entries are the seed document's, in its order, with its
// answers word for word.
TEST(LoadDefaultKnowledgeBaseTest, FaqEntriesAreTheSeedsWordForWord) {
  const auto knowledge_base = LoadDefaultKnowledgeBase();
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  const std::string seed = ReadWholeFile(TestdataPath("seed_deep_learning_frameworks_2024.txt"));
  ASSERT_FALSE(seed.empty());

  const char* const kExpectedIds[] = {"faq-popular-2024", "faq-one-framework-enough",
                                      "faq-startups-pytorch", "faq-tensorflow-enterprise",
                                      "faq-keras-foundations"};
  ASSERT_EQ(knowledge_base->faqs_size(), 5);
  size_t previous_position = 0;
  for (int i = 0; i < 5; ++i) {
    const auto& faq = knowledge_base->faqs(i);
    EXPECT_EQ(faq.id(), kExpectedIds[i]);
    // Question and answer appear together, in order, as "- <question> <answer>".
    const std::string entry = "- " + faq.question() + " " + faq.answer();
    const size_t position = seed.find(entry);
    EXPECT_NE(position, std::string::npos) << "not word for word in the seed: " << entry;
    if (position != std::string::npos) {
      EXPECT_GT(position, previous_position) << faq.id() << " is out of the seed's order";
      previous_position = position;
    }
  }
}

TEST(LoadKnowledgeBaseFileTest, MissingFileIsNotFound) {
  const std::string path = TestdataPath("does_not_exist.txtpb");
  const auto knowledge_base = LoadKnowledgeBaseFile(path);
  EXPECT_EQ(knowledge_base.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(knowledge_base.status().message(), HasSubstr(path));
}

TEST(LoadKnowledgeBaseFileTest, DirectoryIsFailedPrecondition) {
  const auto knowledge_base = LoadKnowledgeBaseFile(TestdataPath(""));
  EXPECT_EQ(knowledge_base.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(LoadKnowledgeBaseFileTest, LoadsTheDefaultFileFromDisk) {
  const auto knowledge_base =
      LoadKnowledgeBaseFile(SourceDir() + "/service/knowledge_base/default_knowledge_base.txtpb");
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  EXPECT_EQ(knowledge_base->frameworks(0).name(), "frameworks/pytorch");
}

// Each broken file gives INVALID_ARGUMENT naming the file, the line (and
// column) of the offending field and the problem.
struct BrokenFile {
  const char* file;
  const char* location;  // "<line>:<column>" right after the path
  const char* problem;
};

class BrokenFileTest : public ::testing::TestWithParam<BrokenFile> {};

TEST_P(BrokenFileTest, IsInvalidArgumentNamingFileLineAndProblem) {
  const BrokenFile& broken = GetParam();
  const std::string path = TestdataPath(broken.file);
  const auto knowledge_base = LoadKnowledgeBaseFile(path);
  ASSERT_EQ(knowledge_base.status().code(), absl::StatusCode::kInvalidArgument)
      << knowledge_base.status();
  EXPECT_THAT(std::string(knowledge_base.status().message()),
              AllOf(HasSubstr(path + ":" + broken.location + ": "), HasSubstr(broken.problem)));
}

INSTANTIATE_TEST_SUITE_P(
    Testdata, BrokenFileTest,
    ::testing::Values(
        BrokenFile{"syntax_error.txtpb", "7:12", "has no field named \"frameworks\""},
        BrokenFile{"duplicate_framework_id.txtpb", "9:3",
                   "duplicate framework id \"pytorch\" (first defined on line 4)"},
        BrokenFile{"unknown_hiring_framework.txtpb", "11:3", "unknown framework_id \"jax\""},
        BrokenFile{"missing_display_name.txtpb", "8:1",
                   "framework \"keras\": display_name is required"},
        BrokenFile{"duplicate_alias.txtpb", "12:3",
                   "alias \"TF\" of framework \"keras\" clashes with alias \"tf\" of framework "
                   "\"tensorflow\""},
        BrokenFile{"unresolved_learning_step.txtpb", "9:25", "unknown framework_id \"theano\""}),
    [](const ::testing::TestParamInfo<BrokenFile>& info) {
      const std::string file = info.param.file;
      return file.substr(0, file.find('.'));
    });

TEST(ParseKnowledgeBaseTest, ReportsEveryProblemOnItsOwnLine) {
  const std::string path = TestdataPath("many_problems.txtpb");
  const auto knowledge_base = LoadKnowledgeBaseFile(path);
  ASSERT_EQ(knowledge_base.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(knowledge_base.status().message());
  EXPECT_THAT(message, HasSubstr(path + ":2:1: version is required"));
  EXPECT_THAT(message, HasSubstr(path + ":4:3: framework \"PyTorch\": name is output only"));
  EXPECT_THAT(message, HasSubstr(path + ":5:3: framework id \"PyTorch\" must match"));
  // The id is invalid, so the hiring pattern's reference does not resolve.
  EXPECT_THAT(message,
              HasSubstr(path + ":12:3: hiring pattern \"research\": unknown framework_id"));
  EXPECT_THAT(message, HasSubstr(path + ":14:32: hiring pattern \"research\": signal \"research\" "
                                        "has weight 2.5; weights must be in (0, 2]"));
  EXPECT_THAT(message, HasSubstr(path + ":15:13: hiring pattern \"research\": signal phrase is "
                                        "required"));
  EXPECT_THAT(message, HasSubstr(path + ":17:12: insights[0]: an insight must name at least two"));
  EXPECT_THAT(message, HasSubstr(path + ":19:8: duplicate faq id \"faq-a\""));
  EXPECT_THAT(message, HasSubstr(path + ":19:20: faq \"faq-a\": question is required"));
  EXPECT_THAT(message, HasSubstr(path + ":20:1: synonyms[0]: at least one term is required"));
  // Problems come in file order, one per line.
  EXPECT_LT(message.find(":2:1:"), message.find(":4:3:"));
  EXPECT_LT(message.find(":19:8:"), message.find(":20:1:"));
}

// One valid framework followed by `extra`, which breaks exactly one rule;
// the problem is reported on the line where `marker` first occurs.
struct RuleCase {
  const char* extra;
  const char* marker;
  const char* problem;
};

class ValidationRuleTest : public ::testing::TestWithParam<RuleCase> {};

TEST_P(ValidationRuleTest, ReportsTheBrokenRuleOnItsLine) {
  const std::string text =
      std::string("version: \"1\"\n") +
      "frameworks { id: \"keras\" display_name: \"Keras\" summary: \"s\" field_sources { field: "
      "\"summary\" url: \"https://example.org/\" } }\n" +
      GetParam().extra + "\n";
  const size_t marker = text.find(GetParam().marker, text.find('\n', text.find("frameworks")));
  ASSERT_NE(marker, std::string::npos);
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + marker, '\n'));

  const auto knowledge_base = ParseKnowledgeBase(text, "rules.txtpb");
  ASSERT_EQ(knowledge_base.status().code(), absl::StatusCode::kInvalidArgument) << text;
  EXPECT_THAT(knowledge_base.status().message(),
              HasSubstr("rules.txtpb:" + std::to_string(line) + ":"));
  EXPECT_THAT(knowledge_base.status().message(), HasSubstr(GetParam().problem));
}

INSTANTIATE_TEST_SUITE_P(
    Rules, ValidationRuleTest,
    ::testing::Values(
        RuleCase{R"pb(frameworks {
                        id: "9lives"
                        display_name: "Nine"
                        summary: "s"
                        field_sources { field: "summary" url: "https://example.org/" }
                      })pb",
                 "id: \"9lives\"", "must match [a-z][a-z0-9_-]*"},
        RuleCase{R"pb(frameworks {
                        id: "other"
                        display_name: "KERAS"
                        summary: "s"
                        field_sources { field: "summary" url: "https://example.org/" }
                      })pb",
                 "display_name: \"KERAS\"",
                 "display name \"KERAS\" of framework \"other\" clashes with id \"keras\""},
        RuleCase{
            R"pb(frameworks {
                   id: "other"
                   display_name: "Other"
                   summary: " "
                   field_sources { field: "summary" url: "https://example.org/" }
                 })pb",
            "summary: \" \"", "summary is required"},
        RuleCase{R"pb(frameworks {
                        id: "other"
                        display_name: "Other"
                        aliases: ""
                        summary: "s"
                        field_sources { field: "summary" url: "https://example.org/" }
                      })pb",
                 "aliases: \"\"", "aliases must not be empty"},
        // A Latin-1 byte (octal escape): text format accepts it, clients could not.
        RuleCase{R"pb(frameworks {
                        id: "other"
                        display_name: "Other"
                        summary: "caf\351"
                        field_sources { field: "summary" url: "https://example.org/" }
                      })pb",
                 "summary: \"caf", "frameworks[1].summary is not valid UTF-8"},
        RuleCase{R"pb(faqs { id: "q" question: "Why?" answer: "ok" context: "a\377" })pb",
                 "context: \"a", "faqs[0].context[0] is not valid UTF-8"},
        RuleCase{R"pb(hiring_patterns {
                        id: "p"
                        framework_id: "keras"
                        reason: "r"
                        signals { phrase: "x" weight: 1 }
                      })pb",
                 "hiring_patterns", "hiring pattern \"p\": title is required"},
        RuleCase{R"pb(hiring_patterns {
                        id: "p"
                        title: "t"
                        framework_id: "keras"
                        signals { phrase: "x" weight: 1 }
                      })pb",
                 "hiring_patterns", "hiring pattern \"p\": reason is required"},
        RuleCase{R"pb(hiring_patterns { id: "p" title: "t" framework_id: "keras" reason: "r" })pb",
                 "hiring_patterns", "at least one signal is required"},
        RuleCase{R"pb(hiring_patterns {
                        id: "p"
                        title: "t"
                        framework_id: "keras"
                        reason: "r"
                        signals { phrase: "x" weight: 0 }
                      })pb",
                 "weight: 0", "weights must be in (0, 2]"},
        RuleCase{R"pb(hiring_patterns {
                        id: "p"
                        title: "t"
                        framework_id: "keras"
                        reason: "r"
                        signals { phrase: "x" weight: -1 }
                      })pb",
                 "weight: -1", "weights must be in (0, 2]"},
        RuleCase{R"pb(hiring_patterns {
                        id: "p"
                        title: "t"
                        framework_id: "keras"
                        reason: "r"
                        signals { phrase: "x" weight: 1 }
                        learning_path { framework_id: "jax" }
                      })pb",
                 "framework_id: \"jax\"",
                 "hiring pattern \"p\" learning_path step 1: unknown framework_id \"jax\""},
        RuleCase{R"pb(insights { framework_ids: "keras" framework_ids: "jax" text: "t" })pb",
                 "framework_ids: \"jax\"", "unknown framework_id \"jax\""},
        RuleCase{R"pb(insights { framework_ids: "keras" framework_ids: "keras" text: "t" })pb",
                 "framework_ids: \"keras\"", "at least two distinct frameworks"},
        RuleCase{R"pb(faqs { id: "f" question: "q?" })pb", "faqs", "faq \"f\": answer is required"},
        RuleCase{R"pb(faqs { question: "q?" answer: "a" })pb", "faqs", "faqs[0]: id is required"},
        RuleCase{R"pb(synonyms { terms: "dl" })pb", "synonyms",
                 "synonyms[0]: canonical is required"},
        RuleCase{R"pb(frameworks {
                        id: "keras"
                        display_name: "Other"
                        summary: "s"
                        field_sources { field: "summary" url: "https://example.org/" }
                      })pb",
                 "id: \"keras\"", "duplicate framework id \"keras\" (first defined on line 2)"},
        RuleCase{R"pb(examples { item: "faqs/nowhere" questions: "q" })pb",
                 "item:", "examples[0]: item \"faqs/nowhere\": no FAQ entry \"nowhere\""},
        RuleCase{R"pb(examples { item: "frameworks/keras/website" questions: "q" })pb",
                 "item:", "no website in framework \"keras\""},
        RuleCase{R"pb(examples { item: "frameworks/keras" questions: "q" })pb",
                 "item:", "is not one of faqs/{id}"},
        RuleCase{R"pb(examples { item: "frameworks/keras/summary" })pb", "examples",
                 "examples[0]: at least one question is required"},
        RuleCase{R"pb(examples { item: "outOfScope" questions: " " })pb",
                 "questions:", "questions must not be empty"},
        RuleCase{
            R"pb(examples { item: "outOfScope" questions: "Hi  there" questions: "hi there" })pb",
            "questions: \"hi there\"", "\"hi there\" is repeated"},
        RuleCase{R"pb(examples { item: "frameworks/keras/summary" questions: "what is keras" }
                      examples { item: "outOfScope" questions: "What is Keras" })pb",
                 "questions: \"What is Keras\"",
                 "\"What is Keras\" is also an example of frameworks/keras/summary"},
        RuleCase{R"pb(undescribed_frameworks { display_name: "JAX" aliases: "keras" })pb",
                 "aliases: \"keras\"", "\"keras\" is already id \"keras\""},
        RuleCase{R"pb(undescribed_frameworks { aliases: "jax" })pb", "undescribed_frameworks",
                 "undescribed_frameworks[0]: display_name is required"},
        // Every fact beyond the seed names the page it was read at.
        RuleCase{R"pb(frameworks {
                        id: "jax"
                        display_name: "JAX"
                        summary: "s"
                        field_sources { field: "summary" url: "https://example.org/" }
                        licence: "Apache-2.0"
                      })pb",
                 "licence:", "framework \"jax\": licence has no source"},
        RuleCase{R"pb(frameworks {
                        id: "jax"
                        display_name: "JAX"
                        summary: "s"
                        field_sources { field: "summary" url: "https://example.org/" }
                        field_sources { field: "price" url: "https://example.org/" }
                      })pb",
                 "field: \"price\"", "names \"price\", which is not a fact field"},
        RuleCase{R"pb(frameworks {
                        id: "jax"
                        display_name: "JAX"
                        summary: "s"
                        field_sources { field: "summary" url: "the README" }
                      })pb",
                 "field: \"summary\" url: \"the", "must be an http(s) URL"},
        RuleCase{R"pb(frameworks {
                        id: "jax"
                        display_name: "JAX"
                        summary: "s"
                        described_by: "nowhere"
                      })pb",
                 "described_by:", "described_by \"nowhere\" is not a document"}));

// Every document rule, each reported at the offending field's line and
// column, in file order.
TEST(DocumentValidationTest, ReportsEachBrokenRuleAtItsField) {
  const std::string path = TestdataPath("document_problems.txtpb");
  const auto knowledge_base = LoadKnowledgeBaseFile(path);
  ASSERT_EQ(knowledge_base.status().code(), absl::StatusCode::kInvalidArgument);
  const std::vector<std::string> expected = {
      ":9:1: document \"guide\": at least one section is required",
      ":10:3: duplicate document id \"guide\" (first defined on line 5)",
      ":11:3: document \"guide\": title is required",
      // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one message, two literals
      ":12:30: document \"guide\": source url \"ftp://example.com/guide\" must start with "
      "http:// or https://",
      ":15:3: document id \"Guide 2\" must match [a-z][a-z0-9_-]*",
      ":17:3: document \"Guide 2\" section 1: at least one paragraph is required",
      ":18:34: document \"Guide 2\" section 2 paragraph 2: paragraphs must not be empty",
      ":19:14: documents[2].sections[2].paragraphs[0] is not valid UTF-8",
      ":21:1: documents[3]: id is required",
  };
  std::vector<std::string> lines = absl::StrSplit(knowledge_base.status().message(), '\n');
  ASSERT_EQ(lines.size(), expected.size()) << knowledge_base.status();
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(lines[i], path + expected[i]);
}

// One valid framework followed by `documents` (text format) from line 3 on.
std::string WithDocuments(const std::string& documents) {
  return "version: \"1\"\nframeworks { id: \"keras\" display_name: \"Keras\" summary: \"s\" "
         "field_sources { field: \"summary\" url: \"https://example.org/\" } }\n" +
         documents;
}

TEST(DocumentValidationTest, AcceptsAWellFormedDocument) {
  const auto knowledge_base =
      ParseKnowledgeBase(WithDocuments(R"pb(
                           documents {
                             id: "guide-2024_b"
                             title: "Guide"
                             source { name: "Analytics Insight" url: "https://example.com/guide" }
                             sections { paragraphs: "Before the first heading." }
                             sections { heading: "Heading" paragraphs: "Caf\u00e9 – it’s fine." }
                           }
                           documents {
                             id: "other"
                             title: "Other"
                             source { url: "http://example.com" }
                             sections { paragraphs: "p" }
                           })pb"),
                         "good.txtpb");
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  EXPECT_EQ(knowledge_base->documents_size(), 2);
}

TEST(DocumentValidationTest, ParagraphOfMoreThan8192BytesIsRefused) {
  const std::string at_limit(8192, 'a');
  EXPECT_TRUE(ParseKnowledgeBase(WithDocuments("documents { id: \"d\" title: \"t\" sections { "
                                               "paragraphs: \"" +
                                               at_limit + "\" } }"),
                                 "limit.txtpb")
                  .ok());
  const auto knowledge_base = ParseKnowledgeBase(
      WithDocuments("documents { id: \"d\" title: \"t\"\n sections { paragraphs: \"" + at_limit +
                    "b\" } }"),
      "long.txtpb");
  ASSERT_EQ(knowledge_base.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(knowledge_base.status().message(),
            "long.txtpb:4:13: document \"d\" section 1 paragraph 1 is 8193 bytes long; the limit "
            "is 8192");
}

TEST(DocumentValidationTest, MoreThan1000SectionsAreRefusedAtTheFirstOneTooMany) {
  std::string sections;
  for (int i = 0; i < 1001; ++i) sections += "sections { paragraphs: \"p\" }\n";
  const auto knowledge_base = ParseKnowledgeBase(
      WithDocuments("documents { id: \"d\" title: \"t\"\n" + sections + "}"), "sections.txtpb");
  ASSERT_EQ(knowledge_base.status().code(), absl::StatusCode::kInvalidArgument);
  // Line 3 opens the document; section 1001 is on line 4 + 1000.
  EXPECT_EQ(knowledge_base.status().message(),
            "sections.txtpb:1004:1: document \"d\" has 1001 sections; the limit is 1000");
}

TEST(DocumentValidationTest, MoreThan10000DocumentsAreRefusedAtTheFirstOneTooMany) {
  std::string documents;
  for (int i = 0; i < 10001; ++i) {
    documents += "documents { id: \"d" + std::to_string(i) +
                 "\" title: \"t\" sections { paragraphs: \"p\" } }\n";
  }
  const auto knowledge_base = ParseKnowledgeBase(WithDocuments(documents), "many.txtpb");
  ASSERT_EQ(knowledge_base.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(knowledge_base.status().message(),
            "many.txtpb:10003:1: 10001 documents; the limit is 10000");
}

TEST(ValidateDocumentTest, ChecksOneDocumentWithoutPositions) {
  advisor::v1::Document document;
  document.set_id("guide");
  document.set_title("Guide");
  document.add_sections()->add_paragraphs("Text.");
  EXPECT_TRUE(ValidateDocument(document).empty());

  document.mutable_source()->set_url("www.example.com");
  document.mutable_sections(0)->add_paragraphs("\xff");
  const std::vector<ValidationProblem> problems = ValidateDocument(document);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].line, 0);
  EXPECT_EQ(
      problems[0].message,
      "document \"guide\": source url \"www.example.com\" must start with http:// or https://");
  EXPECT_EQ(problems[1].message, "documents[0].sections[0].paragraphs[1] is not valid UTF-8");
}

// A value quoted in a problem may hold a line break or another control
// character (a string escape makes any byte); the status still has one
// problem per line, each starting with the source (found by fuzzing).
TEST(ParseKnowledgeBaseTest, EscapesControlCharactersOfQuotedValues) {
  const auto knowledge_base = ParseKnowledgeBase(
      R"pb(version: "1"
           frameworks {
             id: "t\nsor\001flow"
             display_name: "TF"
             summary: "s"
             field_sources { field: "summary" url: "https://example.org/" }
           })pb",
      "inline.txtpb");
  ASSERT_EQ(knowledge_base.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(knowledge_base.status().message());
  EXPECT_THAT(message, HasSubstr(R"(framework id "t\nsor\x01flow" must match)"));
  for (absl::string_view line : absl::StrSplit(message, '\n')) {
    EXPECT_THAT(std::string(line), StartsWith("inline.txtpb:"));
  }
}

TEST(ParseKnowledgeBaseTest, NamesTheSourceOfInlineText) {
  const auto knowledge_base = ParseKnowledgeBase("version: \"1\"\n", "inline.txtpb");
  ASSERT_EQ(knowledge_base.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(knowledge_base.status().message(),
              HasSubstr("inline.txtpb:1:1: at least one framework is required"));
}

TEST(ParseKnowledgeBaseTest, AcceptsAMinimalKnowledgeBase) {
  const auto knowledge_base = ParseKnowledgeBase(
      R"pb(version: "1"
           frameworks {
             id: "jax"
             display_name: "JAX"
             summary: "Composable transforms."
             field_sources { field: "summary" url: "https://example.org/" }
           })pb",
      "minimal");
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  EXPECT_EQ(knowledge_base->frameworks(0).name(), "frameworks/jax");
}

TEST(ParseKnowledgeBaseTest, AcceptsNonAsciiUtf8Text) {
  const auto knowledge_base = ParseKnowledgeBase(
      R"pb(version: "1"
           frameworks {
             id: "jax"
             display_name: "JAX"
             summary: "Café, naïve, 日本語 ✓"
             field_sources { field: "summary" url: "https://example.org/" }
           })pb",
      "utf8");
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
}

TEST(ParseKnowledgeBaseTest, DisplayNameMayRepeatItsOwnIdButNotAnothers) {
  const auto own = ParseKnowledgeBase(
      R"pb(version: "1"
           frameworks {
             id: "jax"
             display_name: "Jax"
             aliases: "JAX"
             summary: "s"
             field_sources { field: "summary" url: "https://example.org/" }
           })pb",
      "own");
  EXPECT_TRUE(own.ok()) << own.status();

  const auto other = ParseKnowledgeBase(
      R"pb(version: "1"
           frameworks {
             id: "jax"
             display_name: "JAX"
             summary: "s"
             field_sources { field: "summary" url: "https://example.org/" }
           }
           frameworks {
             id: "flax"
             display_name: "Flax"
             aliases: "jax"
             summary: "s"
             field_sources { field: "summary" url: "https://example.org/" }
           })pb",
      "other");
  EXPECT_EQ(other.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(other.status().message(), HasSubstr("alias \"jax\" of framework \"flax\" clashes"));
  EXPECT_THAT(other.status().message(), Not(HasSubstr("duplicate framework id")));
}

}  // namespace
}  // namespace advisor::knowledge_base
