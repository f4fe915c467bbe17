#ifndef ADVISOR_TESTS_FUZZ_FUZZ_INPUT_H_
#define ADVISOR_TESTS_FUZZ_FUZZ_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/string_view.h"

namespace advisor::fuzz {

// Reads a fuzz input as a one-byte selector (which function to call)
// followed by the payload, so one target covers several entry points and
// libFuzzer learns which byte picks which.
struct SelectedInput {
  uint8_t selector = 0;
  absl::string_view payload;
};

// Splits `data`; an empty input selects 0 with an empty payload.
inline SelectedInput SplitSelector(const uint8_t* data, size_t size) {
  if (size == 0) return {};
  return {data[0], absl::string_view(reinterpret_cast<const char*>(data) + 1, size - 1)};
}

// Stops the run with the input saved when a documented property fails: a
// crash is what libFuzzer reports, and an assert may be compiled out.
inline void FuzzCheck(bool holds, const char* property, const char* file, int line) {
  if (holds) return;
  std::fprintf(stderr, "%s:%d: property failed: %s\n", file, line, property);
  std::abort();
}

#define ADVISOR_FUZZ_CHECK(condition) \
  ::advisor::fuzz::FuzzCheck(static_cast<bool>(condition), #condition, __FILE__, __LINE__)

}  // namespace advisor::fuzz

#endif  // ADVISOR_TESTS_FUZZ_FUZZ_INPUT_H_
