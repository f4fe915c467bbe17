#ifndef ADVISOR_SERVICE_TEXT_TEXT_NORMALIZER_H_
#define ADVISOR_SERVICE_TEXT_TEXT_NORMALIZER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace advisor::text {

// Most bytes a free-text request field (question, role description) may hold.
inline constexpr size_t kMaxFreeTextBytes = 4096;

// Checks a required free-text request field: INVALID_ARGUMENT when it is
// empty or only white space, longer than kMaxFreeTextBytes, or not valid
// UTF-8. `field` names the field in the message, e.g. "question".
absl::Status ValidateFreeText(absl::string_view value, absl::string_view field);

// True when every byte of `text` is ASCII (below 0x80): such text is valid
// UTF-8, and folding it is lower-casing. Checks eight bytes at a time.
bool IsAscii(absl::string_view text);

// True when `text` is well-formed UTF-8 (ASCII text is checked eight bytes
// at a time, the rest code point by code point with utf8proc).
bool IsValidUtf8(absl::string_view text);

// Unicode-aware folding for matching: NFKC, case folding, accents
// stripped ("Café" -> "cafe"), via utf8proc. INVALID_ARGUMENT on invalid
// UTF-8.
absl::StatusOr<std::string> FoldText(absl::string_view text);

}  // namespace advisor::text

#endif  // ADVISOR_SERVICE_TEXT_TEXT_NORMALIZER_H_
