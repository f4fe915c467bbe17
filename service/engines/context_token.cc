#include "service/engines/context_token.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"

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

using google::protobuf::io::CodedOutputStream;

size_t StringFieldSize(absl::string_view value) {
  // Proto3: an empty string is not written. Every field number is below 16,
  // so its tag is one byte.
  if (value.empty()) return 0;
  return 1 + CodedOutputStream::VarintSize32(static_cast<uint32_t>(value.size())) + value.size();
}

uint8_t* WriteStringField(int number, absl::string_view value, uint8_t* out) {
  if (value.empty()) return out;
  // The tag of a length-delimited field (wire type 2), from the wire
  // format's published encoding.
  constexpr uint32_t kLengthDelimited = 2;
  out = CodedOutputStream::WriteTagToArray((static_cast<uint32_t>(number) << 3) | kLengthDelimited,
                                           out);
  out = CodedOutputStream::WriteVarint32ToArray(static_cast<uint32_t>(value.size()), out);
  std::memcpy(out, value.data(), value.size());
  return out + value.size();
}

// The token of `context` with its question as it is: the checksum and the
// ConversationContext's bytes, in field-number order as protobuf writes them.
std::string Encode(const ContextView& context, absl::string_view question) {
  size_t size = StringFieldSize(context.hiring_pattern_id) + StringFieldSize(question) +
                StringFieldSize(context.item);
  for (const absl::string_view id : context.framework_ids) size += StringFieldSize(id);
  thread_local std::string payload;
  payload.resize(kChecksumBytes + size);
  uint8_t* const message = reinterpret_cast<uint8_t*>(payload.data()) + kChecksumBytes;
  uint8_t* out = message;
  for (const absl::string_view id : context.framework_ids) {
    out = WriteStringField(ConversationContext::kFrameworkIdsFieldNumber, id, out);
  }
  out = WriteStringField(ConversationContext::kHiringPatternIdFieldNumber,
                         context.hiring_pattern_id, out);
  out = WriteStringField(ConversationContext::kQuestionFieldNumber, question, out);
  WriteStringField(ConversationContext::kItemFieldNumber, context.item, out);
  const uint32_t checksum =
      Checksum(absl::string_view(reinterpret_cast<const char*>(message), size));
  for (size_t i = 0; i < kChecksumBytes; ++i) {
    payload[i] = static_cast<char>((checksum >> (8 * (kChecksumBytes - 1 - i))) & 0xff);
  }
  std::string token = absl::StrCat(kVersion, ".");
  std::string encoded;
  absl::WebSafeBase64Escape(payload, &encoded);
  token.append(encoded);
  return token;
}

// `text` cut to at most `limit` bytes at the last space before it (or at
// the limit, backed off to a UTF-8 boundary, when there is none).
absl::string_view CutAtWord(absl::string_view text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t end = text.rfind(' ', limit);
  if (end == absl::string_view::npos || end == 0) {
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

std::string EncodeContextToken(const ContextView& context) {
  if (context.framework_ids.size() > static_cast<size_t>(kMaxContextFrameworks)) {
    ContextView fewer = context;
    fewer.framework_ids.resize(kMaxContextFrameworks);
    return EncodeContextToken(fewer);
  }
  absl::string_view question = CutAtWord(context.question, kMaxContextQuestionBytes);
  std::string token = Encode(context, question);
  // Only knowledge bases with very long ids get here.
  while (token.size() > kMaxContextTokenBytes && !question.empty()) {
    question = CutAtWord(question, question.size() / 2);
    token = Encode(context, question);
  }
  if (token.size() > kMaxContextTokenBytes) {
    ContextView least;
    if (!context.framework_ids.empty()) least.framework_ids.push_back(context.framework_ids[0]);
    least.hiring_pattern_id = context.hiring_pattern_id;
    token = Encode(least, "");
  }
  if (token.size() > kMaxContextTokenBytes) token = Encode(ContextView(), "");
  return token;
}

std::string EncodeContextToken(const ConversationContext& context) {
  ContextView view;
  for (const std::string& id : context.framework_ids()) {
    if (view.framework_ids.size() == static_cast<size_t>(kMaxContextFrameworks)) break;
    view.framework_ids.push_back(id);
  }
  view.hiring_pattern_id = context.hiring_pattern_id();
  view.question = context.question();
  view.item = context.item();
  return EncodeContextToken(view);
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
