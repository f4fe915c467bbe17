#include "service/server/call_interceptor.h"

#include <chrono>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "google/protobuf/descriptor.h"

#include "service/server/request_id.h"
#include <grpcpp/server_context.h>

namespace advisor::server {
namespace {

using grpc::experimental::InterceptionHookPoints;

constexpr absl::string_view kUnparsableRequestMessage =
    "the request is not a valid message for this method: a string field holds invalid UTF-8, "
    "or the bytes are not the method's protobuf request";

// One per call; gRPC deletes it when the call is destroyed. Kept small: it
// runs on every call, so no locks and only the allocations the metadata
// itself needs.
class CallInterceptor final : public grpc::experimental::Interceptor {
 public:
  CallInterceptor(grpc::experimental::ServerRpcInfo* info,
                  const std::vector<std::shared_ptr<ServerObserver>>& observers,
                  const std::string& server_version, std::atomic<int>* in_flight)
      : info_(info),
        observers_(observers),
        server_version_(server_version),
        in_flight_(in_flight),
        method_(info->method() != nullptr ? info->method() : ""),
        started_(std::chrono::steady_clock::now()) {
    in_flight_->fetch_add(1, std::memory_order_relaxed);
    for (const auto& observer : observers_) observer->OnCallStarted(method_);
  }

  ~CallInterceptor() override {
    // No status was sent (e.g. the server shut down before the handler
    // finished): the client saw the call cancelled.
    // The context is being torn down, so its peer is no longer asked for.
    if (!reported_) Report(grpc::StatusCode::CANCELLED, /*context_alive=*/false);
    in_flight_->fetch_sub(1, std::memory_order_relaxed);
  }

  CallInterceptor(const CallInterceptor&) = delete;
  CallInterceptor& operator=(const CallInterceptor&) = delete;

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      TakeRequestId(*methods->GetRecvInitialMetadata());
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      std::multimap<std::string, std::string>& metadata = *methods->GetSendInitialMetadata();
      metadata.emplace(kRequestIdKey, RequestId());
      metadata.emplace(kServerVersionKey, server_version_);
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      if (IsUnparsableRequest(methods->GetSendStatus())) {
        methods->ModifySendStatus(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                               std::string(kUnparsableRequestMessage)));
      }
      grpc::StatusCode code = methods->GetSendStatus().error_code();
      // Sent too late: the client has already given up with this code.
      if (info_->server_context()->deadline() < std::chrono::system_clock::now()) {
        code = grpc::StatusCode::DEADLINE_EXCEEDED;
      }
      Report(code, /*context_alive=*/true);
    }
    methods->Proceed();
  }

 private:
  void TakeRequestId(const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) {
    const auto found = metadata.find(kRequestIdKey);
    if (found == metadata.end()) return;
    const absl::string_view id(found->second.data(), found->second.size());
    if (IsAcceptableRequestId(id)) request_id_.assign(id.data(), id.size());
  }

  // gRPC 1.51's callback API answers a request that does not parse as its
  // message (invalid UTF-8 in a string field, truncated bytes) with
  // UNIMPLEMENTED and no message before any handler runs, which reads as
  // "no such method". For a method the server does have, that status can
  // only mean a malformed request: the client's mistake, INVALID_ARGUMENT.
  bool IsUnparsableRequest(const grpc::Status& status) const {
    if (status.error_code() != grpc::StatusCode::UNIMPLEMENTED || !status.error_message().empty()) {
      return false;
    }
    // "/advisor.v1.FaqService/AnswerQuestion" -> service and method names.
    const absl::string_view path = absl::StripPrefix(method_, "/");
    const size_t slash = path.find('/');
    if (slash == absl::string_view::npos) return false;
    const google::protobuf::ServiceDescriptor* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            std::string(path.substr(0, slash)));
    return service != nullptr &&
           service->FindMethodByName(std::string(path.substr(slash + 1))) != nullptr;
  }

  // The client's id, or one generated on first use.
  const std::string& RequestId() {
    if (request_id_.empty()) request_id_ = GenerateRequestId();
    return request_id_;
  }

  void Report(grpc::StatusCode code, bool context_alive) {
    reported_ = true;
    if (observers_.empty()) return;
    bool wants_peer = false;
    for (const auto& observer : observers_)
      wants_peer |= observer->WantsPeer(static_cast<int>(code));
    const std::string peer =
        context_alive && wants_peer ? info_->server_context()->peer() : std::string();
    FinishedCall call;
    call.method = method_;
    call.status_code = static_cast<int>(code);
    call.latency = absl::FromChrono(std::chrono::steady_clock::now() - started_);
    call.peer = peer;
    call.request_id = RequestId();
    for (const auto& observer : observers_) observer->OnCallFinished(call);
  }

  grpc::experimental::ServerRpcInfo* const info_;
  const std::vector<std::shared_ptr<ServerObserver>>& observers_;
  const std::string& server_version_;
  std::atomic<int>* const in_flight_;
  const absl::string_view method_;
  const std::chrono::steady_clock::time_point started_;
  std::string request_id_;
  bool reported_ = false;
};

}  // namespace

CallInterceptorFactory::CallInterceptorFactory(
    const std::vector<std::shared_ptr<ServerObserver>>* observers, std::string server_version,
    std::atomic<int>* in_flight)
    : observers_(observers), server_version_(std::move(server_version)), in_flight_(in_flight) {}

grpc::experimental::Interceptor* CallInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new CallInterceptor(info, *observers_, server_version_, in_flight_);
}

}  // namespace advisor::server
