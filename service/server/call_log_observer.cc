#include "service/server/call_log_observer.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace advisor::server {
namespace {

// Canonical gRPC code names, indexed by code number.
constexpr absl::string_view kCodeNames[] = {
    "OK",        "CANCELLED",      "UNKNOWN",           "INVALID_ARGUMENT",   "DEADLINE_EXCEEDED",
    "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
    "ABORTED",   "OUT_OF_RANGE",   "UNIMPLEMENTED",     "INTERNAL",           "UNAVAILABLE",
    "DATA_LOSS", "UNAUTHENTICATED"};

constexpr int kUnknown = 2;
constexpr int kInternal = 13;
constexpr int kDataLoss = 15;

std::string CodeName(int code) {
  if (code >= 0 && code < static_cast<int>(std::size(kCodeNames))) {
    return std::string(kCodeNames[code]);
  }
  return absl::StrCat("CODE_", code);
}

}  // namespace

Severity CallSeverity(int status_code) {
  if (status_code == 0) return Severity::kDebug;
  if (status_code == kUnknown || status_code == kInternal || status_code == kDataLoss) {
    return Severity::kWarning;
  }
  return Severity::kInfo;
}

bool CallLogObserver::WantsPeer(int status_code) const {
  return ShouldLog(CallSeverity(status_code));
}

void CallLogObserver::OnCallFinished(const FinishedCall& call) {
  const Severity severity = CallSeverity(call.status_code);
  // Checked first: formatting the line costs more than the call itself.
  if (!ShouldLog(severity)) return;
  const std::string latency_ms = absl::StrFormat("%.3f", absl::ToDoubleMilliseconds(call.latency));
  LogEvent(severity, "call",
           {{"method", call.method},
            {"code", CodeName(call.status_code)},
            {"latency_ms", latency_ms},
            {"peer", call.peer},
            {"request_id", call.request_id}});
}

void CallLogObserver::OnKnowledgeBaseLoad(const KnowledgeBaseLoad& load) {
  if (load.ok) {
    LogEvent(Severity::kInfo,
             absl::StrCat("knowledge base version ", load.serving_version, " serving"),
             {{"knowledge_base_version", load.serving_version}});
    return;
  }
  LogEvent(
      Severity::kError,
      absl::StrCat("knowledge base rejected; version ", load.serving_version, " keeps serving"),
      {{"knowledge_base_version", load.serving_version}, {"error", load.error}});
}

}  // namespace advisor::server
