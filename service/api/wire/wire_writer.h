#ifndef ADVISOR_SERVICE_API_WIRE_WIRE_WRITER_H_
#define ADVISOR_SERVICE_API_WIRE_WIRE_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "absl/strings/string_view.h"
#include "google/protobuf/io/coded_stream.h"

// Sizes and writers for the few protobuf field kinds the hand-written
// response encoder uses, over protobuf's public io::CodedOutputStream. They
// follow proto3: a field holding its default value (empty string, 0,
// false) is not written. Writers take the output position and return the
// position after what they wrote; the caller sized the buffer with the
// matching *Size functions.
namespace advisor::api::wire {

using google::protobuf::io::CodedOutputStream;

// The wire types of the protobuf encoding
// (https://protobuf.dev/programming-guides/encoding/).
inline constexpr uint32_t kWireTypeVarint = 0;
inline constexpr uint32_t kWireTypeFixed64 = 1;
inline constexpr uint32_t kWireTypeLengthDelimited = 2;

inline constexpr uint32_t Tag(int field, uint32_t wire_type) {
  return (static_cast<uint32_t>(field) << 3) | wire_type;
}

inline size_t TagSize(int field) { return CodedOutputStream::VarintSize32(Tag(field, 0)); }

// A length-delimited field (string or message) of `length` bytes,
// written even when empty (repeated strings and messages always are).
inline size_t LengthDelimitedSize(int field, size_t length) {
  return TagSize(field) + CodedOutputStream::VarintSize32(static_cast<uint32_t>(length)) + length;
}

inline uint8_t* WriteLengthDelimitedHeader(int field, size_t length, uint8_t* out) {
  out = CodedOutputStream::WriteTagToArray(Tag(field, kWireTypeLengthDelimited), out);
  return CodedOutputStream::WriteVarint32ToArray(static_cast<uint32_t>(length), out);
}

inline uint8_t* WriteBytes(absl::string_view value, uint8_t* out) {
  if (!value.empty()) std::memcpy(out, value.data(), value.size());
  return out + value.size();
}

// A singular string field.
inline size_t StringSize(int field, absl::string_view value) {
  return value.empty() ? 0 : LengthDelimitedSize(field, value.size());
}

inline uint8_t* WriteString(int field, absl::string_view value, uint8_t* out) {
  if (value.empty()) return out;
  return WriteBytes(value, WriteLengthDelimitedHeader(field, value.size(), out));
}

// One element of a repeated string field.
inline size_t RepeatedStringSize(int field, absl::string_view value) {
  return LengthDelimitedSize(field, value.size());
}

inline uint8_t* WriteRepeatedString(int field, absl::string_view value, uint8_t* out) {
  return WriteBytes(value, WriteLengthDelimitedHeader(field, value.size(), out));
}

// A message field given as its encoding, written even when the encoding is
// empty (as a set message field always is).
inline size_t EncodedMessageSize(int field, absl::string_view encoded) {
  return LengthDelimitedSize(field, encoded.size());
}
inline uint8_t* WriteEncodedMessage(int field, absl::string_view encoded, uint8_t* out) {
  return WriteBytes(encoded, WriteLengthDelimitedHeader(field, encoded.size(), out));
}

// A singular enum field (an enum's value as generated code writes it: a
// negative one sign-extended to ten bytes).
inline size_t EnumSize(int field, int value) {
  return value == 0 ? 0 : TagSize(field) + CodedOutputStream::VarintSize32SignExtended(value);
}

inline uint8_t* WriteEnum(int field, int value, uint8_t* out) {
  if (value == 0) return out;
  out = CodedOutputStream::WriteTagToArray(Tag(field, kWireTypeVarint), out);
  return CodedOutputStream::WriteVarint32SignExtendedToArray(value, out);
}

// A singular bool field.
inline size_t BoolSize(int field, bool value) { return value ? TagSize(field) + 1 : 0; }

inline uint8_t* WriteBool(int field, bool value, uint8_t* out) {
  if (!value) return out;
  out = CodedOutputStream::WriteTagToArray(Tag(field, kWireTypeVarint), out);
  *out = 1;
  return out + 1;
}

// A singular double field; like generated code, only +0.0 counts as the
// default (-0.0 is written).
inline bool IsDefaultDouble(double value) {
  uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof(bits));
  return bits == 0;
}

inline size_t DoubleSize(int field, double value) {
  return IsDefaultDouble(value) ? 0 : TagSize(field) + sizeof(uint64_t);
}

inline uint8_t* WriteDouble(int field, double value, uint8_t* out) {
  if (IsDefaultDouble(value)) return out;
  uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof(bits));
  out = CodedOutputStream::WriteTagToArray(Tag(field, kWireTypeFixed64), out);
  return CodedOutputStream::WriteLittleEndian64ToArray(bits, out);
}

}  // namespace advisor::api::wire

#endif  // ADVISOR_SERVICE_API_WIRE_WIRE_WRITER_H_
