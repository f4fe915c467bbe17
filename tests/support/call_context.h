#ifndef ADVISOR_TESTS_SUPPORT_CALL_CONTEXT_H_
#define ADVISOR_TESTS_SUPPORT_CALL_CONTEXT_H_

#include <memory>

#include "absl/time/time.h"

#include <grpcpp/client_context.h>

namespace advisor::testing {

// Generous: a loaded 2-core machine (or a sanitizer build) is slow; only a
// hung server should ever hit it.
inline constexpr absl::Duration kDefaultCallTimeout = absl::Seconds(30);

// A client context whose call fails with DEADLINE_EXCEEDED after `timeout`
// rather than hanging on a stuck server. Tests that check deadlines
// themselves (expired, short) set their own.
std::unique_ptr<grpc::ClientContext> CallContext(absl::Duration timeout = kDefaultCallTimeout);

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_SUPPORT_CALL_CONTEXT_H_
