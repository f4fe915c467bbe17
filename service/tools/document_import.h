#ifndef ADVISOR_SERVICE_TOOLS_DOCUMENT_IMPORT_H_
#define ADVISOR_SERVICE_TOOLS_DOCUMENT_IMPORT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "advisor/v1/knowledge_base.pb.h"

namespace advisor::tools {

// How an article's text is laid out.
enum class ArticleFormat {
  kPlainText,
  kMarkdown,
};

// Markdown for names ending in .md or .markdown (any case), plain text
// otherwise.
ArticleFormat ArticleFormatForPath(absl::string_view path);

// What to call the imported document and how to read the article.
struct DocumentImportOptions {
  std::string id;
  std::string title;
  std::string source_name;
  std::string source_url;
  ArticleFormat format = ArticleFormat::kPlainText;
  // Lines starting with one of these (after leading spaces) are left out, as
  // if blank: the navigation and boilerplate a page copied from a web site
  // carries, e.g. "Also Read:".
  std::vector<std::string> omitted_line_prefixes;
};

// Turns an article into a Document of headed sections of paragraphs, word
// for word. Both formats: the text must be UTF-8 (a byte order mark is
// dropped); text before the first heading goes to a section with an empty
// heading; the first heading is dropped when it equals the title (it is
// the title), its text joining that first section.
//
// Markdown: `#` to `######` lines are headings (the text without the #s);
// blank lines and `---` / `***` / `___` rules split paragraphs; the lines
// of a paragraph are joined with one space; each list item (`- `, `* `,
// `+ `, `1. `, `1) `) is a paragraph of its own, without its marker. A
// leading `---` front matter block and `<!-- -->` comments are left out;
// other markup (emphasis, links, code) is kept as written.
//
// Plain text comes in two shapes, told apart by the whole file:
// - wrapped: blank lines split paragraphs and the lines of a paragraph are
//   joined with one space. The file is wrapped when it has a blank line
//   between two lines of text and no line longer than 100 characters.
// - one line per paragraph (text copied from a web page, say): every other
//   file; each line is a paragraph of its own.
// In both, list items are paragraphs of their own, without their marker,
// and a paragraph of one line is a heading when it has at most 80
// characters, does not end in `.`, `!`, `?`, `:`, `;` or `,`, is not a list
// item, and the paragraph after it exists and is not itself such a line.
//
// INVALID_ARGUMENT naming the problem when the article is empty, is not
// UTF-8 (with the byte offset and line), has a heading with no text under
// it, or when the document breaks a knowledge base rule (id, title, url,
// sizes: see ValidateDocument), so a returned document is always one the
// server accepts.
absl::StatusOr<advisor::v1::Document> ImportDocument(absl::string_view article,
                                                     const DocumentImportOptions& options);

// `document` as a `documents { ... }` block of a knowledge base in text
// format, with UTF-8 kept readable, ready to append to a knowledge base file.
std::string DocumentBlock(const advisor::v1::Document& document);

}  // namespace advisor::tools

#endif  // ADVISOR_SERVICE_TOOLS_DOCUMENT_IMPORT_H_
