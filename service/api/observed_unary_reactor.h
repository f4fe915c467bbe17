#ifndef ADVISOR_SERVICE_API_OBSERVED_UNARY_REACTOR_H_
#define ADVISOR_SERVICE_API_OBSERVED_UNARY_REACTOR_H_

#include <utility>

#include "absl/strings/string_view.h"

#include "service/api/observed_call.h"
#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

namespace advisor::api {

// The reactor of every advisor unary call: an ObservedCall that ends with
// the status the call finishes with. Deletes itself in OnDone, after gRPC
// has sent the status (or given up on the call).
class ObservedUnaryReactor final : public grpc::ServerUnaryReactor {
 public:
  ObservedUnaryReactor(grpc::CallbackServerContext& context, const CallHooks& hooks,
                       absl::string_view method)
      : call_(context, hooks, method) {}

  // OK, or the status the call must be refused with (ObservedCall).
  const grpc::Status& admission() const { return call_.admission(); }

  // Reports the status to the observers, then sends it.
  void FinishObserved(grpc::Status status) {
    call_.End(status.error_code());
    Finish(std::move(status));
  }

  void OnDone() override { delete this; }

  // Lets gRPC run OnDone on the thread that completes the call. Without
  // it gRPC 1.51 hands every OnDone of a user reactor to its executor: one
  // more thread wake-up per call, which cost more CPU (system time) than
  // all of our per-call code. gRPC marks its own DefaultReactor the same
  // way; "not API" there means reserved for reactors whose reactions are
  // trivial and never block, as these are (a delete and the observers,
  // which must not block either).
  bool InternalInlineable() override { return true; }

 private:
  ObservedCall call_;
};

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_OBSERVED_UNARY_REACTOR_H_
