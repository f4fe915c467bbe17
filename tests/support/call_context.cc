#include "tests/support/call_context.h"

#include "absl/time/clock.h"

namespace advisor::testing {

std::unique_ptr<grpc::ClientContext> CallContext(absl::Duration timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  return context;
}

}  // namespace advisor::testing
