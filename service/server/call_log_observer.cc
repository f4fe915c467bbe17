#include "service/server/call_log_observer.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace advisor::server {
namespace {

constexpr int kUnknown = 2;
constexpr int kInternal = 13;
constexpr int kDataLoss = 15;

std::string CodeName(int code) {
  // absl::StatusCode numbers the codes as gRPC does and spells them the
  // canonical way ("NOT_FOUND"); it has no name for other numbers.
  std::string name = absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
  return name.empty() ? absl::StrCat("CODE_", code) : name;
}

}  // namespace

Severity CallSeverity(int status_code) {
  if (status_code == 0) return Severity::kDebug;
  if (status_code == kUnknown || status_code == kInternal || status_code == kDataLoss) {
    return Severity::kWarning;
  }
  return Severity::kInfo;
}

bool CallLogObserver::WantsCallDetails(int status_code) const {
  return ShouldLog(CallSeverity(status_code));
}

void CallLogObserver::OnCallFinished(const api::FinishedCall& call) {
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

void CallLogObserver::OnKnowledgeBaseLoad(const api::KnowledgeBaseLoad& load) {
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
