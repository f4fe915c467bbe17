#include "service/api/calls/observed_call.h"

#include <algorithm>
#include <utility>

#include "absl/time/time.h"

#include "service/api/calls/request_id.h"
#include <grpc/support/time.h>

namespace advisor::api {

CallPolicy::CallPolicy(std::vector<std::shared_ptr<ServerObserver>> observers,
                       int max_calls_in_flight)
    : observers_(std::move(observers)), max_calls_in_flight_(max_calls_in_flight) {}

grpc::Status CallPolicy::Admit(int already_in_flight) const {
  if (draining_.load(std::memory_order_relaxed)) {
    return grpc::Status(grpc::StatusCode::UNAVAILABLE, kShuttingDownMessage);
  }
  if (max_calls_in_flight_ > 0 && already_in_flight >= max_calls_in_flight_) {
    return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                        "server overloaded: too many calls in flight; retry with backoff");
  }
  return grpc::Status::OK;
}

ObservedCall::ObservedCall(grpc::CallbackServerContext& context, const CallPolicy& policy,
                           absl::string_view method)
    : context_(context),
      policy_(policy),
      method_(method),
      started_(std::chrono::steady_clock::now()) {
  admission_ = policy_.Admit(policy_.in_flight_.fetch_add(1, std::memory_order_relaxed));
  for (const auto& observer : policy_.observers()) observer->OnCallStarted(method_);
  const auto& metadata = context_.client_metadata();
  const auto found = metadata.find(kRequestIdKey);
  if (found != metadata.end()) {
    const absl::string_view id(found->second.data(), found->second.size());
    if (IsAcceptableRequestId(id)) request_id_.assign(id.data(), id.size());
  }
}

void ObservedCall::ReturnRequestId() {
  if (request_id_returned_) return;
  request_id_returned_ = true;
  if (request_id_.empty()) request_id_ = GenerateRequestId();
  context_.AddInitialMetadata(kRequestIdKey, request_id_);
}

bool ObservedCall::WantsCallDetails(grpc::StatusCode code) const {
  const auto& observers = policy_.observers();
  return std::any_of(observers.begin(), observers.end(), [code](const auto& observer) {
    return observer->WantsCallDetails(static_cast<int>(code));
  });
}

ObservedCall::~ObservedCall() {
  // Never finished: the client saw the call cancelled. The context is being
  // torn down, so its peer is no longer asked for.
  if (!ended_) Report(grpc::StatusCode::CANCELLED, /*with_peer=*/false);
  policy_.in_flight_.fetch_sub(1, std::memory_order_relaxed);
}

void ObservedCall::End(grpc::StatusCode code) {
  if (ended_) return;
  // Sent too late: the client has already given up with this code. The
  // deadline is compared in its own clock: context_.deadline() converts it
  // to the system clock, which reads two clocks (each read is a slow vDSO
  // call on a VM, and this runs on every call).
  const gpr_timespec deadline = context_.raw_deadline();
  if (gpr_time_cmp(deadline, gpr_inf_future(deadline.clock_type)) != 0 &&
      gpr_time_cmp(deadline, gpr_now(deadline.clock_type)) < 0) {
    code = grpc::StatusCode::DEADLINE_EXCEEDED;
  }
  const bool wants_details = WantsCallDetails(code);
  if (!request_id_.empty() || wants_details) ReturnRequestId();
  Report(code, /*with_peer=*/wants_details);
}

void ObservedCall::Report(grpc::StatusCode code, bool with_peer) {
  ended_ = true;
  const std::vector<std::shared_ptr<ServerObserver>>& observers = policy_.observers();
  if (observers.empty()) return;
  const std::string peer = with_peer ? context_.peer() : std::string();
  FinishedCall call;
  call.method = method_;
  call.status_code = static_cast<int>(code);
  call.latency = absl::FromChrono(std::chrono::steady_clock::now() - started_);
  call.peer = peer;
  call.request_id = request_id_;
  for (const auto& observer : observers) observer->OnCallFinished(call);
}

}  // namespace advisor::api
