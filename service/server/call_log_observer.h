#ifndef ADVISOR_SERVICE_SERVER_CALL_LOG_OBSERVER_H_
#define ADVISOR_SERVICE_SERVER_CALL_LOG_OBSERVER_H_

#include "service/observer/server_observer.h"
#include "service/server/json_logger.h"

namespace advisor::server {

// The severity a finished call is logged at: OK at DEBUG (so the default
// level, INFO, keeps the hot path free of log writes and --log_level=debug
// gives a full access log); INTERNAL, UNKNOWN and DATA_LOSS, which mean a
// server bug, at WARNING; every other code (the client's mistakes,
// cancellations, deadlines, overload, refused tokens) at INFO.
Severity CallSeverity(int status_code);

// Writes one JSON line per finished call (message "call" with method, code,
// latency_ms, peer, request_id) and one per knowledge base load (INFO when
// it serves, ERROR with the FILE:LINE:COL problem when rejected), through
// LogEvent, so --log_level filters them. Logs only what api::FinishedCall holds:
// never metadata, so tokens and certificates cannot reach the log.
// Stateless and thread-safe.
class CallLogObserver final : public api::ServerObserver {
 public:
  void OnCallFinished(const api::FinishedCall& call) override;
  // Only for calls it will log.
  bool WantsCallDetails(int status_code) const override;
  void OnKnowledgeBaseLoad(const api::KnowledgeBaseLoad& load) override;
};

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_CALL_LOG_OBSERVER_H_
