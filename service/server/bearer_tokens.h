#ifndef ADVISOR_SERVICE_SERVER_BEARER_TOKENS_H_
#define ADVISOR_SERVICE_SERVER_BEARER_TOKENS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace advisor::server {

// The bearer tokens a server accepts. Immutable; share it by pointer.
class BearerTokens {
 public:
  // Parses a tokens file: one token per line, surrounding whitespace
  // ignored, blank lines and lines starting with '#' skipped.
  // INVALID_ARGUMENT (naming `source` and the line, never the token) for a
  // token with inner whitespace, and when no token is left.
  static absl::StatusOr<BearerTokens> Parse(absl::string_view text, absl::string_view source);

  // Reads and parses `path`; NOT_FOUND / PERMISSION_DENIED when unreadable.
  static absl::StatusOr<BearerTokens> Load(const std::string& path);

  // Whether `authorization` (the metadata value) is "Bearer <token>" for
  // one of the tokens. Compares against every token in time that depends
  // only on the lengths, so timing reveals neither a token's content nor
  // which one matched.
  bool Accepts(absl::string_view authorization) const;

  size_t size() const { return tokens_.size(); }

 private:
  explicit BearerTokens(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {}

  std::vector<std::string> tokens_;
};

// Whether two strings are equal, in time independent of where they
// differ (only of their lengths).
bool ConstantTimeEquals(absl::string_view a, absl::string_view b);

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_BEARER_TOKENS_H_
