// advisor_kb: the operators' knowledge base tool. Checks a knowledge base
// file the way the server loads it, and turns an article into a
// `documents { ... }` block, or a list of questions into an
// `examples { ... }` block, to append to one.
//
// Exit codes: 0 on success; 2 for anything refused (an invalid file or
// article, a bad flag, an unknown command), with the problem on stderr and
// nothing on stdout.

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/text_format.h"

#include "common/flags_usage.h"
#include "service/knowledge_base/knowledge_base_loader.h"
#include "service/knowledge_base/knowledge_base_validator.h"
#include "service/tools/document_import.h"
#include <sys/stat.h>

ABSL_FLAG(std::string, id, "",
          "import-document: id of the document, matching [a-z][a-z0-9_-]*, e.g. "
          "deep-learning-frameworks-2024.");
ABSL_FLAG(std::string, title, "", "import-document: the document's title.");
ABSL_FLAG(std::string, source, "",
          "import-document: who publishes the article, e.g. \"Analytics Insight\".");
ABSL_FLAG(std::string, url, "",
          "import-document: where the article can be read (http:// or https://).");
ABSL_FLAG(std::string, knowledge_base, "",
          "import-document, add-examples: knowledge base file the block is meant for (required "
          "by add-examples); the document id must be free in it, the examples' item must be in "
          "it, and the file itself must be valid.");
ABSL_FLAG(std::string, item, "",
          "add-examples: the item the questions are examples of, e.g. faqs/faq-popular-2024, "
          "frameworks/keras/developer, documents/ID/paragraphs/3 or outOfScope.");
ABSL_FLAG(std::string, author, "", "add-examples: who wrote the questions, e.g. writer-4.");
ABSL_FLAG(std::vector<std::string>, omit, {},
          "import-document: comma-separated line prefixes; lines starting with one are left out "
          "(site navigation and boilerplate), e.g. --omit='Also Read:,Disclaimer:'.");

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRefused = 2;

constexpr char kUsage[] =
    "Checks knowledge base files and imports articles into them.\n"
    "\n"
    "Usage:\n"
    "  advisor_kb validate FILE\n"
    "      Loads FILE as advisor_server does. Prints a summary and exits 0 when it is valid;\n"
    "      otherwise prints every problem as FILE:LINE:COLUMN: message on stderr, exits 2.\n"
    "  advisor_kb import-document --id=ID --title=TITLE [--source=NAME] [--url=URL]\n"
    "                             [--knowledge_base=FILE] [--omit=PREFIX,...] ARTICLE\n"
    "      Prints ARTICLE as a `documents { ... }` block on stdout, to append to a knowledge\n"
    "      base: advisor_kb import-document ... article.md >> kb.txtpb\n"
    "  advisor_kb add-examples --item=ITEM [--author=NAME] --knowledge_base=FILE QUESTIONS\n"
    "      Prints the questions of QUESTIONS (one a line; blank and # lines skipped) as an\n"
    "      `examples { ... }` block for ITEM of FILE, checked with the server's rules (no\n"
    "      question already an example): advisor_kb add-examples ... q.txt >> kb.txtpb\n"
    "      The question model learns from examples when the file is loaded.\n"
    "\n"
    "How an article becomes headed sections of paragraphs, word for word:\n"
    "  Both formats: text before the first heading is a section with an empty heading; a\n"
    "  first heading equal to --title is dropped (it is the title); list items (- * + 1. 1))\n"
    "  are paragraphs of their own, without their marker.\n"
    "  ARTICLE.md (Markdown): # to ###### lines are headings; blank lines and --- rules split\n"
    "  paragraphs; the lines of a paragraph are joined with one space; front matter and\n"
    "  <!-- --> comments are left out.\n"
    "  Any other name (plain text): when the file has blank lines between paragraphs and no\n"
    "  line over 100 characters, it is hard-wrapped: blank lines split paragraphs, lines are\n"
    "  joined. Otherwise every line is a paragraph. A one-line paragraph is a heading when it\n"
    "  has at most 80 characters, does not end in . ! ? : ; or , and the paragraph after it\n"
    "  is not such a line too.\n"
    "  The article must be UTF-8. The block is checked with the server's own rules, so what\n"
    "  is printed is always accepted.\n"
    "\n"
    "Exit status: 0 success; 2 anything refused (the problem goes to stderr, nothing to\n"
    "stdout); 1 after --help (Abseil's convention; `advisor_kb help` exits 0).";

int Refuse(absl::string_view message) {
  std::cerr << "advisor_kb: " << message << "\n";
  return kExitRefused;
}

int UsageError(absl::string_view message) {
  std::cerr << "advisor_kb: " << message << "\n\n" << kUsage << "\n";
  return kExitRefused;
}

absl::StatusOr<std::string> ReadArticle(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) {
    return absl::NotFoundError(absl::StrCat("cannot read ", path, ": ", std::strerror(errno)));
  }
  if (!S_ISREG(info.st_mode)) {
    return absl::FailedPreconditionError(absl::StrCat(path, " is not a regular file"));
  }
  std::ifstream in(path, std::ios::binary);
  std::string contents;
  if (in) contents.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in.is_open() || in.bad()) {
    return absl::PermissionDeniedError(
        absl::StrCat("cannot read ", path, ": ", std::strerror(errno)));
  }
  return contents;
}

int Validate(const std::string& path) {
  const auto knowledge_base = advisor::knowledge_base::LoadKnowledgeBaseFile(path);
  if (!knowledge_base.ok()) {
    // The loader's messages already read "FILE:LINE:COLUMN: problem".
    std::cerr << knowledge_base.status().message() << "\n";
    return kExitRefused;
  }
  const auto count = [](int number, absl::string_view one, absl::string_view many) {
    return absl::StrCat(number, " ", number == 1 ? one : many);
  };
  std::cout << path << ": valid (version " << knowledge_base->version() << ", "
            << count(knowledge_base->frameworks_size(), "framework", "frameworks") << ", "
            << count(knowledge_base->faqs_size(), "FAQ entry", "FAQ entries") << ", "
            << count(knowledge_base->documents_size(), "document", "documents") << ")\n";
  return kExitOk;
}

// A block must also fit the knowledge base it is meant for: `add` puts it
// into the loaded file (and may refuse, e.g. a document id already taken),
// and the result must pass the server's rules.
absl::Status CheckFitsKnowledgeBase(
    const std::string& path, absl::string_view what,
    const std::function<absl::Status(advisor::v1::KnowledgeBase*)>& add) {
  auto knowledge_base = advisor::knowledge_base::LoadKnowledgeBaseFile(path);
  if (!knowledge_base.ok()) {
    return absl::Status(
        knowledge_base.status().code(),
        absl::StrCat("--knowledge_base is not usable:\n", knowledge_base.status().message()));
  }
  if (absl::Status added = add(&*knowledge_base); !added.ok()) return added;
  // The loader filled the output-only framework names; the rules want them empty.
  for (advisor::v1::Framework& framework : *knowledge_base->mutable_frameworks()) {
    framework.clear_name();
  }
  const auto problems = advisor::knowledge_base::ValidateKnowledgeBase(*knowledge_base, nullptr);
  if (problems.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      what, " does not fit ", path, ": ",
      absl::StrJoin(problems, "; ",
                    [](std::string* out, const advisor::knowledge_base::ValidationProblem& p) {
                      out->append(p.message);
                    })));
}

absl::Status AddDocument(const advisor::v1::Document& document, const std::string& path,
                         advisor::v1::KnowledgeBase* knowledge_base) {
  for (const advisor::v1::Document& existing : knowledge_base->documents()) {
    if (existing.id() == document.id()) {
      return absl::AlreadyExistsError(absl::StrCat("document id \"", document.id(),
                                                   "\" is already taken in ", path, " (by \"",
                                                   existing.title(), "\")"));
    }
  }
  *knowledge_base->add_documents() = document;
  return absl::OkStatus();
}

// The questions of a file: one a line, trimmed; blank lines and lines
// starting with # are skipped.
std::vector<std::string> QuestionLines(absl::string_view text) {
  std::vector<std::string> questions;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || absl::StartsWith(line, "#")) continue;
    questions.emplace_back(line);
  }
  return questions;
}

int AddExamples(const std::string& questions_path) {
  advisor::v1::ExampleQuestions examples;
  examples.set_item(absl::GetFlag(FLAGS_item));
  examples.set_author(absl::GetFlag(FLAGS_author));
  const std::string knowledge_base_path = absl::GetFlag(FLAGS_knowledge_base);
  if (examples.item().empty()) return UsageError("add-examples needs --item");
  if (knowledge_base_path.empty()) return UsageError("add-examples needs --knowledge_base");
  const absl::StatusOr<std::string> text = ReadArticle(questions_path);
  if (!text.ok()) return Refuse(text.status().message());
  for (std::string& question : QuestionLines(*text)) examples.add_questions(std::move(question));
  if (examples.questions().empty()) {
    return Refuse(absl::StrCat(questions_path, ": no questions (one a line)"));
  }
  const absl::Status fits = CheckFitsKnowledgeBase(knowledge_base_path, "the examples",
                                                   [&](advisor::v1::KnowledgeBase* knowledge_base) {
                                                     *knowledge_base->add_examples() = examples;
                                                     return absl::OkStatus();
                                                   });
  if (!fits.ok()) return Refuse(fits.message());
  advisor::v1::KnowledgeBase holder;
  *holder.add_examples() = examples;
  google::protobuf::TextFormat::Printer printer;
  printer.SetUseUtf8StringEscaping(true);
  std::string block;
  printer.PrintToString(holder, &block);
  std::cout << "\n" << block << std::flush;
  return std::cout.good() ? kExitOk : Refuse("cannot write to stdout");
}

int ImportDocument(const std::string& article_path) {
  advisor::tools::DocumentImportOptions options;
  options.id = absl::GetFlag(FLAGS_id);
  options.title = absl::GetFlag(FLAGS_title);
  options.source_name = absl::GetFlag(FLAGS_source);
  options.source_url = absl::GetFlag(FLAGS_url);
  options.format = advisor::tools::ArticleFormatForPath(article_path);
  options.omitted_line_prefixes = absl::GetFlag(FLAGS_omit);
  if (options.id.empty()) return UsageError("import-document needs --id");
  if (options.title.empty()) return UsageError("import-document needs --title");

  const absl::StatusOr<std::string> article = ReadArticle(article_path);
  if (!article.ok()) return Refuse(article.status().message());
  const auto document = advisor::tools::ImportDocument(*article, options);
  if (!document.ok()) return Refuse(absl::StrCat(article_path, ": ", document.status().message()));
  const std::string knowledge_base_path = absl::GetFlag(FLAGS_knowledge_base);
  if (!knowledge_base_path.empty()) {
    const absl::Status fits = CheckFitsKnowledgeBase(
        knowledge_base_path, "the document", [&](advisor::v1::KnowledgeBase* knowledge_base) {
          return AddDocument(*document, knowledge_base_path, knowledge_base);
        });
    if (!fits.ok()) return Refuse(fits.message());
  }
  // A blank line first, so the block never joins a last line (a comment,
  // say) that lacks its newline.
  std::cout << "\n" << advisor::tools::DocumentBlock(*document) << std::flush;
  return std::cout.good() ? kExitOk : Refuse("cannot write to stdout");
}

}  // namespace

int main(int argc, char** argv) {
  // --help lists the tool's own flags (all import-document's), not those of
  // every linked library.
  advisor::flags_usage::SetFlagsUsage(
      {{"service/tools/advisor_kb_main.cc", "import-document and add-examples"}});
  absl::SetProgramUsageMessage(kUsage);

  const std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  const std::vector<std::string> args(positional.begin() + 1, positional.end());
  if (args.empty()) return UsageError("a command is required");
  const std::string& command = args[0];
  if (command == "help") {
    std::cout << kUsage << "\n";
    return kExitOk;
  }
  if (command == "validate" || command == "import-document" || command == "add-examples") {
    if (args.size() != 2) {
      return UsageError(absl::StrCat(command, " takes exactly one file, got ", args.size() - 1));
    }
    if (command == "validate") return Validate(args[1]);
    return command == "import-document" ? ImportDocument(args[1]) : AddExamples(args[1]);
  }
  return UsageError(absl::StrCat("unknown command \"", command, "\""));
}
