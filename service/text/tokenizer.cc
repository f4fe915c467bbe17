#include "service/text/tokenizer.h"

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

}  // namespace advisor::text
