#include "service/text/sentences.h"

#include <cstddef>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace advisor::text {
namespace {

// Words after which a full stop does not end a sentence.
constexpr absl::string_view kAbbreviations[] = {"e.g", "i.e", "etc",  "vs",  "cf",  "dr", "mr",
                                                "mrs", "ms",  "prof", "inc", "ltd", "no", "approx"};

bool IsSpace(char c) { return absl::ascii_isspace(static_cast<unsigned char>(c)); }

// True when the word ending just before `dot` is an abbreviation or a
// single letter (an initial).
bool EndsWithAbbreviation(absl::string_view text, size_t dot) {
  size_t start = dot;
  while (start > 0 && !IsSpace(text[start - 1]) && text[start - 1] != '(') --start;
  const absl::string_view word = text.substr(start, dot - start);
  if (word.size() == 1 && absl::ascii_isalpha(static_cast<unsigned char>(word[0]))) return true;
  for (const absl::string_view abbreviation : kAbbreviations) {
    if (absl::EqualsIgnoreCase(word, abbreviation)) return true;
  }
  return false;
}

// True when a sentence may start at `pos`: a capital, a digit, an opening
// quote or bracket, or any non-ASCII byte (e.g. a typographic quote).
bool StartsSentence(absl::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  const auto c = static_cast<unsigned char>(text[pos]);
  return absl::ascii_isupper(c) || absl::ascii_isdigit(c) || c == '"' || c == '\'' || c == '(' ||
         c >= 0x80;
}

bool IsCloser(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }

// Sentences by the rules above; `typed` also ends them at ';' and starts
// them at any character.
std::vector<absl::string_view> Split(absl::string_view text, bool typed) {
  std::vector<absl::string_view> sentences;
  auto add = [&](size_t begin, size_t end) {
    while (begin < end && IsSpace(text[begin])) ++begin;
    while (end > begin && IsSpace(text[end - 1])) --end;
    if (end > begin) sentences.push_back(text.substr(begin, end - begin));
  };
  size_t begin = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '.' && c != '!' && c != '?' && !(typed && c == ';')) continue;
    size_t end = i + 1;
    while (end < text.size() && (IsCloser(text[end]) || text[end] == '.')) ++end;
    if (end >= text.size() || !IsSpace(text[end])) continue;
    size_t next = end;
    while (next < text.size() && IsSpace(text[next])) ++next;
    if (next >= text.size() || (!typed && !StartsSentence(text, next))) continue;
    if (c == '.' && EndsWithAbbreviation(text, i)) continue;
    add(begin, end);
    begin = next;
    i = next - 1;
  }
  add(begin, text.size());
  return sentences;
}

}  // namespace

std::vector<absl::string_view> SplitSentences(absl::string_view text) {
  return Split(text, /*typed=*/false);
}

std::vector<absl::string_view> SplitTypedSentences(absl::string_view text) {
  return Split(text, /*typed=*/true);
}

}  // namespace advisor::text
