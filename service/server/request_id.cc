#include "service/server/request_id.h"

#include <cstdint>

#include "absl/random/random.h"
#include "absl/strings/str_format.h"

namespace advisor::server {

std::string GenerateRequestId() {
  // One generator per thread: no lock on the per-call path.
  thread_local absl::InsecureBitGen generator;
  const uint64_t high = absl::Uniform<uint64_t>(generator);
  const uint64_t low = absl::Uniform<uint64_t>(generator);
  return absl::StrFormat("%016x%016x", high, low);
}

bool IsAcceptableRequestId(absl::string_view id) {
  return !id.empty() && id.size() <= kMaxRequestIdLength;
}

}  // namespace advisor::server
