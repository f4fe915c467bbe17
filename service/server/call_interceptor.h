#ifndef ADVISOR_SERVICE_SERVER_CALL_INTERCEPTOR_H_
#define ADVISOR_SERVICE_SERVER_CALL_INTERCEPTOR_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "service/server/server_observer.h"
#include <grpcpp/support/server_interceptor.h>

namespace advisor::server {

// Initial metadata key carrying the server's build version on every call.
inline constexpr char kServerVersionKey[] = "advisor-server-version";

// The per-call hook of the server. For every call (unary and streaming,
// advisor services, health and reflection alike) it
// - takes `x-request-id` from the client or generates one, and returns it
//   in the initial metadata together with `advisor-server-version`;
// - counts the call in `in_flight` from arrival until gRPC destroys it, so
//   admission control (see CallGate) sees the load;
// - tells every observer OnCallStarted on arrival and OnCallFinished (method,
//   status code, latency, peer, request id) exactly once: when the status
//   is sent, or when the call ends without one (reported CANCELLED).
// A call whose status is sent after the client's deadline is reported as
// DEADLINE_EXCEEDED, which is what that client saw.
//
// Calls refused before they reach the C++ layer (bad token, overload) never
// get here; CallGate reports those. Thread-safe: gRPC creates one
// interceptor per call; the factory's state is read-only or atomic.
class CallInterceptorFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // `observers` and `in_flight` must outlive every call of the server.
  CallInterceptorFactory(const std::vector<std::shared_ptr<ServerObserver>>* observers,
                         std::string server_version, std::atomic<int>* in_flight);

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  const std::vector<std::shared_ptr<ServerObserver>>* const observers_;
  const std::string server_version_;
  std::atomic<int>* const in_flight_;
};

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_CALL_INTERCEPTOR_H_
