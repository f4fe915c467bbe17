#include "service/server/bearer_tokens.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace advisor::server {
namespace {

constexpr absl::string_view kBearerPrefix = "Bearer ";

}  // namespace

bool ConstantTimeEquals(absl::string_view a, absl::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  // volatile keeps the compiler from stopping at the first difference.
  volatile unsigned char result = difference;
  return result == 0;
}

absl::StatusOr<BearerTokens> BearerTokens::Parse(absl::string_view text, absl::string_view source) {
  std::vector<std::string> tokens;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || absl::StartsWith(line, "#")) continue;
    if (std::any_of(line.begin(), line.end(),
                    [](char c) { return absl::ascii_isspace(static_cast<unsigned char>(c)); })) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ":", line_number, ": a token must not contain whitespace"));
    }
    tokens.emplace_back(line);
  }
  if (tokens.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": no token (every call would fail)"));
  }
  return BearerTokens(std::move(tokens));
}

absl::StatusOr<BearerTokens> BearerTokens::Load(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    const int error = errno;
    const std::string message = absl::StrCat("cannot read ", path, ": ", std::strerror(error));
    return error == EACCES ? absl::PermissionDeniedError(message) : absl::NotFoundError(message);
  }
  std::ostringstream text;
  text << file.rdbuf();
  return Parse(text.str(), path);
}

bool BearerTokens::Accepts(absl::string_view authorization) const {
  if (!absl::StartsWith(authorization, kBearerPrefix)) return false;
  const absl::string_view presented = authorization.substr(kBearerPrefix.size());
  bool accepted = false;
  // Every token is compared, no early exit.
  for (const std::string& token : tokens_) accepted |= ConstantTimeEquals(token, presented);
  return accepted;
}

}  // namespace advisor::server
