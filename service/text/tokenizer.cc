#include "service/text/tokenizer.h"

#include <array>

#include "absl/status/statusor.h"

#include "service/text/text_normalizer.h"
#include "utf8proc.h"

namespace advisor::text {
namespace {

bool IsWordCharacter(utf8proc_int32_t code_point) {
  switch (utf8proc_category(code_point)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// For each ASCII byte: its lower-case form when it is a letter or digit
// (a word character), else 0.
constexpr std::array<char, 256> MakeAsciiWordBytes() {
  std::array<char, 256> bytes{};
  for (int c = '0'; c <= '9'; ++c) bytes[c] = static_cast<char>(c);
  for (int c = 'a'; c <= 'z'; ++c) bytes[c] = static_cast<char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) bytes[c] = static_cast<char>(c - 'A' + 'a');
  return bytes;
}
constexpr std::array<char, 256> kAsciiWordBytes = MakeAsciiWordBytes();

}  // namespace

std::vector<std::string> Tokenize(absl::string_view folded_text) {
  std::vector<std::string> tokens;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(folded_text.data());
  const auto size = static_cast<utf8proc_ssize_t>(folded_text.size());
  utf8proc_ssize_t position = 0;
  utf8proc_ssize_t word_start = -1;
  while (position < size) {
    utf8proc_int32_t code_point = 0;
    utf8proc_ssize_t used = utf8proc_iterate(bytes + position, size - position, &code_point);
    // Invalid bytes separate words; callers validate UTF-8 before this.
    const bool is_word = used > 0 && IsWordCharacter(code_point);
    if (used <= 0) used = 1;
    if (is_word && word_start < 0) word_start = position;
    if (!is_word && word_start >= 0) {
      tokens.emplace_back(folded_text.substr(word_start, position - word_start));
      word_start = -1;
    }
    position += used;
  }
  if (word_start >= 0) tokens.emplace_back(folded_text.substr(word_start));
  return tokens;
}

void FoldWordsInto(absl::string_view text, FoldedWords* out) {
  out->words.clear();
  if (!IsAscii(text)) {
    out->tokens.clear();
    absl::StatusOr<std::string> folded = FoldText(text);
    if (folded.ok()) out->tokens = Tokenize(*folded);
    out->words.assign(out->tokens.begin(), out->tokens.end());
    return;
  }
  // One pass: each byte lower-cased (only the words' bytes matter) and
  // classified by one table lookup.
  out->lowered.resize(text.size());
  char* lowered = out->lowered.data();
  size_t word_start = 0;
  bool in_word = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char word_byte = kAsciiWordBytes[static_cast<unsigned char>(text[i])];
    lowered[i] = word_byte;
    if (word_byte != 0) {
      if (!in_word) word_start = i;
      in_word = true;
    } else if (in_word) {
      out->words.emplace_back(lowered + word_start, i - word_start);
      in_word = false;
    }
  }
  if (in_word) out->words.emplace_back(lowered + word_start, text.size() - word_start);
}

}  // namespace advisor::text
