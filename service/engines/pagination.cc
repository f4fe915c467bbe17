#include "service/engines/pagination.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace advisor::engines {
namespace {

// Tokens read, before web-safe base64, "v1:<collection>:<offset>:<check>".
// The check is not a secret: it only makes hand-edited or truncated tokens
// fail loudly instead of silently paging from a wrong place.
constexpr absl::string_view kTokenVersion = "v1";

// FNV-1a, 32 bits: enough to catch edits, cheap and stable across builds.
uint32_t Checksum(absl::string_view text) {
  uint32_t hash = 2166136261U;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619U;
  }
  return hash;
}

std::string EncodeToken(absl::string_view collection, int offset) {
  const std::string payload = absl::StrCat(kTokenVersion, ":", collection, ":", offset);
  return absl::WebSafeBase64Escape(absl::StrCat(payload, ":", absl::Hex(Checksum(payload))));
}

absl::Status InvalidToken() {
  return absl::InvalidArgumentError(
      "page_token is not valid here; pass the next_page_token of the previous call to the same "
      "method, or leave it empty for the first page");
}

// The offset a token points at, or INVALID_ARGUMENT when this code did not
// issue it for `collection`.
absl::StatusOr<int> DecodeToken(absl::string_view token, absl::string_view collection) {
  std::string decoded;
  if (!absl::WebSafeBase64Unescape(token, &decoded)) return InvalidToken();
  const size_t last_colon = decoded.rfind(':');
  if (last_colon == std::string::npos) return InvalidToken();
  const absl::string_view payload = absl::string_view(decoded).substr(0, last_colon);
  const absl::string_view check = absl::string_view(decoded).substr(last_colon + 1);
  uint32_t expected_check = 0;
  if (!absl::SimpleHexAtoi(check, &expected_check) || expected_check != Checksum(payload)) {
    return InvalidToken();
  }
  const std::string expected_prefix = absl::StrCat(kTokenVersion, ":", collection, ":");
  int offset = 0;
  if (!absl::StartsWith(payload, expected_prefix) ||
      !absl::SimpleAtoi(payload.substr(expected_prefix.size()), &offset) || offset < 0) {
    return InvalidToken();
  }
  return offset;
}

}  // namespace

absl::StatusOr<Page> ResolvePage(int total, int page_size, absl::string_view page_token,
                                 absl::string_view collection) {
  if (page_size < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size must not be negative; got ", page_size));
  }
  if (page_size == 0) page_size = kDefaultPageSize;
  page_size = std::min(page_size, kMaxPageSize);
  total = std::max(total, 0);

  int begin = 0;
  if (!page_token.empty()) {
    absl::StatusOr<int> offset = DecodeToken(page_token, collection);
    if (!offset.ok()) return offset.status();
    begin = std::min(*offset, total);
  }

  Page page;
  page.begin = begin;
  // Written to avoid overflowing int near its maximum.
  page.end = total - begin > page_size ? begin + page_size : total;
  if (page.end < total) page.next_page_token = EncodeToken(collection, page.end);
  return page;
}

}  // namespace advisor::engines
