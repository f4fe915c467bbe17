#include "tests/hostile/wire_bytes.h"

#include "absl/strings/str_cat.h"

namespace advisor::testing {

std::string Varint(uint64_t value) {
  std::string out;
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
  return out;
}

std::string LengthDelimitedField(int number, absl::string_view bytes) {
  return absl::StrCat(Varint((static_cast<uint64_t>(number) << 3) | 2), Varint(bytes.size()),
                      bytes);
}

std::string VarintField(int number, uint64_t value) {
  return absl::StrCat(Varint(static_cast<uint64_t>(number) << 3), Varint(value));
}

}  // namespace advisor::testing
