#include "service/tools/document_import.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/text_format.h"

#include "service/knowledge_base/knowledge_base_validator.h"

namespace advisor::tools {
namespace {

using advisor::v1::Document;

// Plain-text heuristics (see the header): headings are short, and hard-wrapped
// text never has lines much longer than the usual 72-80 columns.
constexpr size_t kMaxHeadingChars = 80;
constexpr size_t kMaxWrappedLineChars = 100;

// One line of the article, without surrounding whitespace.
struct Line {
  std::string text;
  int number = 0;  // 1-based
};

// A heading or paragraph, before they are grouped into sections.
struct Block {
  bool is_heading = false;
  bool is_list_item = false;
  std::string text;
  int line = 0;  // where it starts
  int line_count = 1;
};

// Offset of the first byte that does not belong to a well-formed UTF-8
// sequence (overlong forms and surrogates included), or npos.
size_t FirstInvalidUtf8Byte(absl::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    uint32_t code_point = 0;
    uint32_t smallest = 0;
    if ((lead & 0xE0) == 0xC0) {
      length = 2, code_point = lead & 0x1F, smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, code_point = lead & 0x0F, smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, code_point = lead & 0x07, smallest = 0x10000;
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return i;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    if (code_point < smallest || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return i;
    }
    i += length;
  }
  return absl::string_view::npos;
}

// Characters, not bytes, of valid UTF-8.
size_t CharacterCount(absl::string_view text) {
  size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

// The article's lines, stripped; omitted lines become blank.
std::vector<Line> SplitLines(absl::string_view article,
                             const std::vector<std::string>& omitted_prefixes) {
  absl::ConsumePrefix(&article, "\xEF\xBB\xBF");  // byte order mark
  std::vector<Line> lines;
  int number = 0;
  for (absl::string_view raw : absl::StrSplit(article, '\n')) {
    Line line{std::string(absl::StripAsciiWhitespace(raw)), ++number};
    for (const std::string& prefix : omitted_prefixes) {
      if (!prefix.empty() && absl::StartsWith(line.text, prefix)) line.text.clear();
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

// The text of a list item without its marker (`- `, `* `, `+ `, `1. `,
// `1) `); nullopt for other lines.
std::optional<absl::string_view> ListItemText(absl::string_view line) {
  size_t marker = 0;
  if (!line.empty() && (line[0] == '-' || line[0] == '*' || line[0] == '+')) {
    marker = 1;
  } else {
    while (marker < line.size() && marker < 9 && absl::ascii_isdigit(line[marker])) ++marker;
    if (marker == 0 || marker >= line.size() || (line[marker] != '.' && line[marker] != ')')) {
      return std::nullopt;
    }
    ++marker;
  }
  if (marker >= line.size() || (line[marker] != ' ' && line[marker] != '\t')) return std::nullopt;
  return absl::StripLeadingAsciiWhitespace(line.substr(marker));
}

// Appends `line` to the paragraph being read, or starts a new one.
void AddTextLine(std::vector<Block>& blocks, bool continues_last, absl::string_view text,
                 int number) {
  if (continues_last) {
    absl::StrAppend(&blocks.back().text, " ", text);
    ++blocks.back().line_count;
  } else {
    blocks.push_back(Block{false, false, std::string(text), number});
  }
}

// The heading text of a `#`..`######` line, without the closing #s; nullopt
// for other lines.
std::optional<std::string> AtxHeading(absl::string_view line) {
  size_t level = 0;
  while (level < line.size() && line[level] == '#') ++level;
  if (level == 0 || level > 6) return std::nullopt;
  if (level < line.size() && line[level] != ' ' && line[level] != '\t') return std::nullopt;
  absl::string_view text = absl::StripAsciiWhitespace(line.substr(level));
  const size_t closing = text.find_last_not_of('#');
  if (closing == absl::string_view::npos) return std::string();
  if (closing + 1 < text.size() && (text[closing] == ' ' || text[closing] == '\t')) {
    text = absl::StripTrailingAsciiWhitespace(text.substr(0, closing + 1));
  }
  return std::string(text);
}

// `---`, `***`, `___` (three or more, spaces allowed between).
bool IsThematicBreak(absl::string_view line) {
  if (line.empty() || (line[0] != '-' && line[0] != '*' && line[0] != '_')) return false;
  size_t marks = 0;
  for (const char c : line) {
    if (c == line[0]) {
      ++marks;
    } else if (c != ' ' && c != '\t') {
      return false;
    }
  }
  return marks >= 3;
}

// Blanks a leading `---` front matter block and the parts of lines inside
// `<!-- -->` comments.
void BlankMarkdownMetadata(std::vector<Line>& lines) {
  if (!lines.empty() && lines[0].text == "---") {
    for (size_t end = 1; end < lines.size(); ++end) {
      if (lines[end].text == "---" || lines[end].text == "...") {
        for (size_t i = 0; i <= end; ++i) lines[i].text.clear();
        break;
      }
    }
  }
  bool in_comment = false;
  for (Line& line : lines) {
    std::string kept;
    absl::string_view rest = line.text;
    while (!rest.empty()) {
      const absl::string_view delimiter = in_comment ? "-->" : "<!--";
      const size_t found = rest.find(delimiter);
      if (!in_comment) kept.append(rest.substr(0, found).data(), rest.substr(0, found).size());
      if (found == absl::string_view::npos) break;
      rest.remove_prefix(found + delimiter.size());
      in_comment = !in_comment;
    }
    line.text = std::string(absl::StripAsciiWhitespace(kept));
  }
}

std::vector<Block> ReadMarkdown(std::vector<Line> lines) {
  BlankMarkdownMetadata(lines);
  std::vector<Block> blocks;
  bool paragraph_open = false;
  for (const Line& line : lines) {
    if (line.text.empty() || IsThematicBreak(line.text)) {
      paragraph_open = false;
    } else if (std::optional<std::string> heading = AtxHeading(line.text)) {
      blocks.push_back(Block{true, false, *std::move(heading), line.number});
      paragraph_open = false;
    } else if (std::optional<absl::string_view> item = ListItemText(line.text)) {
      blocks.push_back(Block{false, true, std::string(*item), line.number});
      paragraph_open = true;
    } else {
      AddTextLine(blocks, paragraph_open, line.text, line.number);
      paragraph_open = true;
    }
  }
  return blocks;
}

// Hard-wrapped text has paragraphs split by blank lines and only short lines.
bool IsWrapped(const std::vector<Line>& lines) {
  bool seen_text = false;
  bool blank_after_text = false;
  bool blank_between_text = false;
  for (const Line& line : lines) {
    if (CharacterCount(line.text) > kMaxWrappedLineChars) return false;
    if (line.text.empty()) {
      blank_after_text = seen_text;
    } else {
      blank_between_text = blank_between_text || blank_after_text;
      seen_text = true;
    }
  }
  return blank_between_text;
}

bool CouldBeHeading(const Block& block) {
  if (block.is_list_item || block.line_count != 1) return false;
  if (CharacterCount(block.text) > kMaxHeadingChars) return false;
  return !absl::EndsWith(block.text, ".") && !absl::EndsWith(block.text, "!") &&
         !absl::EndsWith(block.text, "?") && !absl::EndsWith(block.text, ":") &&
         !absl::EndsWith(block.text, ";") && !absl::EndsWith(block.text, ",");
}

std::vector<Block> ReadPlainText(const std::vector<Line>& lines) {
  const bool wrapped = IsWrapped(lines);
  std::vector<Block> blocks;
  bool paragraph_open = false;
  for (const Line& line : lines) {
    if (line.text.empty()) {
      paragraph_open = false;
    } else if (std::optional<absl::string_view> item = ListItemText(line.text)) {
      blocks.push_back(Block{false, true, std::string(*item), line.number});
      paragraph_open = wrapped;
    } else {
      AddTextLine(blocks, paragraph_open, line.text, line.number);
      paragraph_open = wrapped;
    }
  }
  // A heading introduces text, so it is followed by a paragraph that could
  // not be a heading itself.
  for (size_t i = 0; i + 1 < blocks.size(); ++i) {
    blocks[i].is_heading = CouldBeHeading(blocks[i]) && !CouldBeHeading(blocks[i + 1]);
  }
  return blocks;
}

// Groups blocks into sections, leaving out the heading that repeats the
// title and an empty leading section.
absl::Status AddSections(const std::vector<Block>& blocks, absl::string_view title,
                         Document& document) {
  std::vector<int> heading_lines = {0};
  document.add_sections();  // the text before the first heading
  bool first_heading = true;
  for (const Block& block : blocks) {
    if (block.is_heading) {
      const bool repeats_title = first_heading && absl::StripAsciiWhitespace(block.text) ==
                                                      absl::StripAsciiWhitespace(title);
      first_heading = false;
      if (repeats_title) continue;
      document.add_sections()->set_heading(block.text);
      heading_lines.push_back(block.line);
    } else {
      document.mutable_sections()->rbegin()->add_paragraphs(block.text);
    }
  }
  for (int s = 1; s < document.sections_size(); ++s) {
    if (document.sections(s).paragraphs().empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", heading_lines[s], ": heading \"", document.sections(s).heading(),
                       "\" has no text under it; a section needs at least one paragraph"));
    }
  }
  if (document.sections(0).paragraphs().empty()) {
    document.mutable_sections()->erase(document.mutable_sections()->begin());
  }
  if (document.sections().empty()) {
    return absl::InvalidArgumentError("the article has no paragraphs");
  }
  return absl::OkStatus();
}

}  // namespace

ArticleFormat ArticleFormatForPath(absl::string_view path) {
  return absl::EndsWithIgnoreCase(path, ".md") || absl::EndsWithIgnoreCase(path, ".markdown")
             ? ArticleFormat::kMarkdown
             : ArticleFormat::kPlainText;
}

absl::StatusOr<Document> ImportDocument(absl::string_view article,
                                        const DocumentImportOptions& options) {
  if (const size_t bad = FirstInvalidUtf8Byte(article); bad != absl::string_view::npos) {
    const auto line = 1 + std::count(article.begin(), article.begin() + bad, '\n');
    return absl::InvalidArgumentError(absl::StrCat("the article is not valid UTF-8: byte offset ",
                                                   bad, " (line ", line,
                                                   ") starts no "
                                                   "UTF-8 character; save it as UTF-8"));
  }
  if (absl::StripAsciiWhitespace(article).empty()) {
    return absl::InvalidArgumentError("the article is empty");
  }
  const std::vector<Line> lines = SplitLines(article, options.omitted_line_prefixes);
  const std::vector<Block> blocks =
      options.format == ArticleFormat::kMarkdown ? ReadMarkdown(lines) : ReadPlainText(lines);

  Document document;
  document.set_id(options.id);
  document.set_title(options.title);
  if (!options.source_name.empty()) document.mutable_source()->set_name(options.source_name);
  if (!options.source_url.empty()) document.mutable_source()->set_url(options.source_url);
  if (absl::Status added = AddSections(blocks, options.title, document); !added.ok()) {
    return added;
  }
  const std::vector<knowledge_base::ValidationProblem> problems =
      knowledge_base::ValidateDocument(document);
  if (!problems.empty()) {
    return absl::InvalidArgumentError(absl::StrJoin(
        problems, "\n", [](std::string* out, const knowledge_base::ValidationProblem& problem) {
          out->append(problem.message);
        }));
  }
  return document;
}

std::string DocumentBlock(const Document& document) {
  advisor::v1::KnowledgeBase holder;
  *holder.add_documents() = document;
  google::protobuf::TextFormat::Printer printer;
  printer.SetUseUtf8StringEscaping(true);
  std::string block;
  printer.PrintToString(holder, &block);
  return block;
}

}  // namespace advisor::tools
