#include "service/api/calls/request_id.h"

#include <cstdint>

#include "absl/random/random.h"

namespace advisor::api {

std::string GenerateRequestId() {
  // One generator per thread: no lock on the per-call path.
  thread_local absl::InsecureBitGen generator;
  // Formatted by hand: StrFormat cost more than the rest of the hook.
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  for (int half = 0; half < 2; ++half) {
    uint64_t bits = absl::Uniform<uint64_t>(generator);
    for (int i = 15; i >= 0; --i) {
      id[half * 16 + i] = kHex[bits & 0xF];
      bits >>= 4;
    }
  }
  return id;
}

bool IsAcceptableRequestId(absl::string_view id) {
  return !id.empty() && id.size() <= kMaxRequestIdLength;
}

}  // namespace advisor::api
