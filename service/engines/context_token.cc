#include "service/engines/context_token.h"

#include <cstdint>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

#include "service/text/text_normalizer.h"
#include <zlib.h>

namespace advisor::engines {
namespace {

using advisor::v1::ConversationContext;

constexpr uint32_t kVersion = 1;
constexpr size_t kChecksumBytes = 4;
// An id or item longer than this was not issued by this service.
constexpr size_t kMaxNameBytes = 128;

uint32_t Checksum(absl::string_view bytes) {
  return static_cast<uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

std::string Encode(const ConversationContext& context) {
  const std::string message = context.SerializeAsString();
  const uint32_t checksum = Checksum(message);
  std::string payload;
  payload.reserve(kChecksumBytes + message.size());
  for (int shift = 24; shift >= 0; shift -= 8) {
    payload.push_back(static_cast<char>((checksum >> shift) & 0xff));
  }
  payload.append(message);
  return absl::StrCat(kVersion, ".", absl::WebSafeBase64Escape(payload));
}

// `text` cut to at most `limit` bytes at the last space before it (or at
// the limit, backed off to a UTF-8 boundary, when there is none).
std::string CutAtWord(const std::string& text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t end = text.rfind(' ', limit);
  if (end == std::string::npos || end == 0) {
    end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) --end;
  }
  return text.substr(0, end);
}

absl::Status Damaged() {
  return absl::InvalidArgumentError(
      "context token is damaged or was not issued by this service: send the `context` of the "
      "previous response unchanged, or none to start a new conversation");
}

}  // namespace

std::string EncodeContextToken(ConversationContext context) {
  while (context.framework_ids_size() > kMaxContextFrameworks) {
    context.mutable_framework_ids()->RemoveLast();
  }
  context.set_question(CutAtWord(context.question(), kMaxContextQuestionBytes));
  std::string token = Encode(context);
  // Only knowledge bases with very long ids get here.
  while (token.size() > kMaxContextTokenBytes && !context.question().empty()) {
    context.set_question(CutAtWord(context.question(), context.question().size() / 2));
    token = Encode(context);
  }
  if (token.size() > kMaxContextTokenBytes) {
    context.clear_item();
    while (context.framework_ids_size() > 1) context.mutable_framework_ids()->RemoveLast();
    token = Encode(context);
  }
  if (token.size() > kMaxContextTokenBytes) token = Encode(ConversationContext());
  return token;
}

absl::StatusOr<ConversationContext> DecodeContextToken(absl::string_view token) {
  ConversationContext context;
  if (token.empty()) return context;
  if (token.size() > kMaxContextTokenBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("context token is ", token.size(),
                     " bytes; tokens this service issues are at most ", kMaxContextTokenBytes));
  }
  const size_t dot = token.find('.');
  uint32_t version = 0;
  if (dot == absl::string_view::npos || !absl::SimpleAtoi(token.substr(0, dot), &version)) {
    return Damaged();
  }
  if (version != kVersion) {
    return absl::InvalidArgumentError(absl::StrCat(
        "context token version ", version, " is not supported; this server reads version ",
        kVersion, ": start a new conversation (send no context)"));
  }
  std::string payload;
  if (!absl::WebSafeBase64Unescape(token.substr(dot + 1), &payload) ||
      payload.size() < kChecksumBytes) {
    return Damaged();
  }
  uint32_t checksum = 0;
  for (size_t i = 0; i < kChecksumBytes; ++i) {
    checksum = (checksum << 8) | static_cast<unsigned char>(payload[i]);
  }
  const absl::string_view message = absl::string_view(payload).substr(kChecksumBytes);
  if (Checksum(message) != checksum ||
      !context.ParseFromArray(message.data(), static_cast<int>(message.size()))) {
    return Damaged();
  }
  // What this service never issues: too much, too long, or not UTF-8.
  bool well_formed = context.framework_ids_size() <= kMaxContextFrameworks &&
                     context.question().size() <= kMaxContextQuestionBytes &&
                     context.hiring_pattern_id().size() <= kMaxNameBytes &&
                     context.item().size() <= kMaxNameBytes &&
                     text::IsValidUtf8(context.question());
  for (const std::string& id : context.framework_ids()) {
    well_formed = well_formed && !id.empty() && id.size() <= kMaxNameBytes;
  }
  if (!well_formed) return Damaged();
  return context;
}

}  // namespace advisor::engines
