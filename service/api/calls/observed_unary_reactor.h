#ifndef ADVISOR_SERVICE_API_CALLS_OBSERVED_UNARY_REACTOR_H_
#define ADVISOR_SERVICE_API_CALLS_OBSERVED_UNARY_REACTOR_H_

#include <utility>

#include "absl/strings/string_view.h"

#include "service/api/calls/observed_call.h"
#include "service/api/wire/grpc_internals.h"
#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

namespace advisor::api {

// The reactor of every advisor unary call: an ObservedCall that ends with
// the status the call finishes with. Deletes itself in OnDone, after gRPC
// has sent the status (or given up on the call), inline where gRPC allows
// it (InlineUnaryReactor): a delete and the observers, which never block.
class ObservedUnaryReactor final : public InlineUnaryReactor {
 public:
  ObservedUnaryReactor(grpc::CallbackServerContext& context, const CallPolicy& policy,
                       absl::string_view method)
      : call_(context, policy, method) {}

  // OK, or the status the call must be refused with (ObservedCall).
  const grpc::Status& admission() const { return call_.admission(); }

  // Reports the status to the observers, then sends it.
  void FinishObserved(grpc::Status status) {
    call_.End(status.error_code());
    Finish(std::move(status));
  }

  void OnDone() override { delete this; }

 private:
  ObservedCall call_;
};

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_CALLS_OBSERVED_UNARY_REACTOR_H_
