#include "service/text/text_normalizer.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

#include "utf8proc.h"

namespace advisor::text {
namespace {

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

}  // namespace

bool IsValidUtf8(absl::string_view text) {
  // Most text is ASCII, which is valid UTF-8; decoding it code point by
  // code point costs about 25 times as much as this check.
  if (IsAscii(text)) return true;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto remaining = static_cast<utf8proc_ssize_t>(text.size());
  while (remaining > 0) {
    utf8proc_int32_t code_point = 0;
    const utf8proc_ssize_t used = utf8proc_iterate(bytes, remaining, &code_point);
    if (used <= 0) return false;
    bytes += used;
    remaining -= used;
  }
  return true;
}

bool IsAscii(absl::string_view text) {
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  uint64_t any = 0;
  size_t i = 0;
  for (; i + sizeof(uint64_t) <= text.size(); i += sizeof(uint64_t)) {
    uint64_t chunk;
    std::memcpy(&chunk, text.data() + i, sizeof(chunk));
    any |= chunk;
  }
  for (; i < text.size(); ++i) any |= static_cast<unsigned char>(text[i]);
  return (any & kHighBits) == 0;
}

absl::Status ValidateFreeText(absl::string_view value, absl::string_view field) {
  if (absl::StripAsciiWhitespace(value).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is required and must not be blank"));
  }
  if (value.size() > kMaxFreeTextBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " is ", value.size(), " bytes long; the limit is ", kMaxFreeTextBytes));
  }
  if (!IsValidUtf8(value)) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is not valid UTF-8"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> FoldText(absl::string_view text) {
  if (text.empty()) return std::string();
  utf8proc_uint8_t* folded = nullptr;
  const utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
      static_cast<utf8proc_ssize_t>(text.size()), &folded,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                     UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE));
  if (length < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("text is not valid UTF-8: ", utf8proc_errmsg(length)));
  }
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owner(folded);
  return std::string(reinterpret_cast<const char*>(folded), static_cast<size_t>(length));
}

}  // namespace advisor::text
