#ifndef ADVISOR_SERVICE_API_CALLS_OBSERVED_CALL_H_
#define ADVISOR_SERVICE_API_CALLS_OBSERVED_CALL_H_

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

#include "service/observer/server_observer.h"
#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

namespace advisor::api {

// The UNAVAILABLE message of a call refused because the server is draining,
// whether a handler (CallPolicy) or the auth-filter gate refuses it.
inline constexpr char kShuttingDownMessage[] =
    "server shutting down; retry the call (another replica will take it)";

// What every advisor call does besides its own work, shared by all calls of
// one server: the observers that hear of each call, and admission: the
// count of calls in flight with its cap, and refusing new calls while the
// server drains. Thread-safe; must outlive every call of the server.
class CallPolicy {
 public:
  // Calls over `max_calls_in_flight` in flight get RESOURCE_EXHAUSTED; 0
  // means no cap.
  explicit CallPolicy(std::vector<std::shared_ptr<ServerObserver>> observers,
                      int max_calls_in_flight = 0);

  CallPolicy(const CallPolicy&) = delete;
  CallPolicy& operator=(const CallPolicy&) = delete;

  const std::vector<std::shared_ptr<ServerObserver>>& observers() const { return observers_; }

  // Calls whose handler has started and whose reactor is not yet done.
  int in_flight() const { return in_flight_.load(std::memory_order_relaxed); }

  // From now on every new call is refused with UNAVAILABLE "server shutting
  // down" (clients retry another replica). Called first thing in a graceful
  // shutdown: gRPC 1.51 cancels calls that have arrived but not yet started
  // when its Shutdown starts, so new calls are answered at once instead
  // (here, and before the handlers by server::CallGate), and the ones
  // already admitted get a moment to start (AdvisorServer::Shutdown).
  void StartDraining() { draining_.store(true, std::memory_order_relaxed); }
  bool draining() const { return draining_.load(std::memory_order_relaxed); }

 private:
  friend class ObservedCall;

  // OK, or why a call arriving with `already_in_flight` others is refused.
  grpc::Status Admit(int already_in_flight) const;

  const std::vector<std::shared_ptr<ServerObserver>> observers_;
  const int max_calls_in_flight_;
  mutable std::atomic<int> in_flight_{0};
  std::atomic<bool> draining_{false};
};

// The life of one advisor call as the observers see it, owned by the
// call's reactor. Construction (when the handler starts):
// - counts the call in flight, decides on its admission (see admission())
//   and tells every observer OnCallStarted;
// - adopts the client's `x-request-id`.
// The request id goes back in the initial metadata (ReturnRequestId) when
// the client sent one, or, generated, when an observer will quote it
// (WantsCallDetails: the log line of a call the log records), so a client
// can find the line of its call. An OK call nobody logs gets no id and so
// no metadata entry at all (see failed_call_versions.h for what one costs).
// End(status), just before the status is sent, returns the request id as
// above and tells every observer OnCallFinished once (code, latency, request id, the peer when an
// observer wants it). A status sent after the client's deadline is
// reported as DEADLINE_EXCEEDED, which is what that client saw. A call
// destroyed without End (cancelled before it finished) is reported
// CANCELLED. Not thread-safe: one reactor drives it.
//
// This does what a gRPC server interceptor would, at a fraction of its
// cost (docs/adr/0003-observability-in-the-reactors.md). gRPC's own health
// and reflection services are therefore not observed: they are probes and
// tooling, not traffic.
class ObservedCall {
 public:
  // `method` is the full name, e.g. "/advisor.v1.FaqService/AnswerQuestion",
  // and must outlive the call (a string literal).
  ObservedCall(grpc::CallbackServerContext& context, const CallPolicy& policy,
               absl::string_view method);
  ~ObservedCall();

  ObservedCall(const ObservedCall&) = delete;
  ObservedCall& operator=(const ObservedCall&) = delete;

  // OK when the call may be served; otherwise the status to finish it with
  // at once: UNAVAILABLE while the server drains, RESOURCE_EXHAUSTED over
  // the in-flight cap.
  const grpc::Status& admission() const { return admission_; }

  // Reports the call finished with `code`; later calls do nothing.
  void End(grpc::StatusCode code);

  // Sends the request id (the client's, or a new one) in the initial
  // metadata now, whatever the call's outcome: for a stream, whose initial
  // metadata goes out with its first message. Later calls do nothing.
  void ReturnRequestId();

 private:
  // Whether some observer reads the peer and request id of a call ending
  // with `code`.
  bool WantsCallDetails(grpc::StatusCode code) const;
  // Tells the observers; asks gRPC for the peer only `with_peer` (some
  // observer wants it, and the context is still alive).
  void Report(grpc::StatusCode code, bool with_peer);

  grpc::CallbackServerContext& context_;
  const CallPolicy& policy_;
  const absl::string_view method_;
  const std::chrono::steady_clock::time_point started_;
  std::string request_id_;
  grpc::Status admission_;
  bool request_id_returned_ = false;
  bool ended_ = false;
};

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_CALLS_OBSERVED_CALL_H_
