#ifndef ADVISOR_TESTS_HOSTILE_WIRE_BYTES_H_
#define ADVISOR_TESTS_HOSTILE_WIRE_BYTES_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace advisor::testing {

// Hand-made protobuf wire encoding, for request bytes no generated class
// would produce: invalid UTF-8 in strings, wrong wire types, truncation.

// A base-128 varint.
std::string Varint(uint64_t value);

// Field `number` as a length-delimited value (wire type 2) holding `bytes`.
std::string LengthDelimitedField(int number, absl::string_view bytes);

// Field `number` as a varint (wire type 0).
std::string VarintField(int number, uint64_t value);

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_HOSTILE_WIRE_BYTES_H_
