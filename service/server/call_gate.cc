#include "service/server/call_gate.h"

#include <utility>

#include "absl/strings/match.h"

#include "service/api/calls/request_id.h"

namespace advisor::server {
namespace {

constexpr int kUnavailable = 14;
constexpr int kUnauthenticated = 16;

constexpr absl::string_view kHealthPrefix = "/grpc.health.v1.Health/";
constexpr absl::string_view kReflectionPrefix = "/grpc.reflection.";

}  // namespace

CallGate::CallGate(Options options, const api::CallPolicy* policy)
    : tokens_(std::move(options.tokens)),
      authenticates_(tokens_ != nullptr),
      auth_reflection_(options.auth_reflection),
      policy_(policy) {}

CallGate::Decision CallGate::Admit(absl::string_view method, absl::string_view authorization,
                                   absl::string_view request_id) {
  // Probes must always get an answer, whatever the load or credentials.
  if (absl::StartsWith(method, kHealthPrefix)) return {};
  if (policy_->draining()) {
    return Refuse(method, request_id, kUnavailable, api::kShuttingDownMessage);
  }
  const bool needs_token =
      authenticates_ && (auth_reflection_ || !absl::StartsWith(method, kReflectionPrefix));
  if (needs_token && !std::atomic_load(&tokens_)->Accepts(authorization)) {
    return Refuse(method, request_id, kUnauthenticated,
                  authorization.empty() ? "missing bearer token (authorization: Bearer <token>)"
                                        : "invalid bearer token");
  }
  return {};
}

void CallGate::SetTokens(std::shared_ptr<const BearerTokens> tokens) {
  if (tokens != nullptr && authenticates_) std::atomic_store(&tokens_, std::move(tokens));
}

CallGate::Decision CallGate::Refuse(absl::string_view method, absl::string_view request_id,
                                    int status_code, const char* message) {
  if (!policy_->observers().empty()) {
    const std::string id =
        api::IsAcceptableRequestId(request_id) ? std::string(request_id) : api::GenerateRequestId();
    api::FinishedCall call;
    call.method = method;
    call.status_code = status_code;
    call.latency = absl::ZeroDuration();
    call.request_id = id;
    for (const auto& observer : policy_->observers()) {
      observer->OnCallStarted(method);
      observer->OnCallFinished(call);
    }
  }
  return {status_code, message};
}

}  // namespace advisor::server
