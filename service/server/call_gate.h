#ifndef ADVISOR_SERVICE_SERVER_CALL_GATE_H_
#define ADVISOR_SERVICE_SERVER_CALL_GATE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

#include "service/api/calls/observed_call.h"
#include "service/observer/server_observer.h"
#include "service/server/bearer_tokens.h"

namespace advisor::server {

// Admission control for every call before any handler (ours or gRPC's
// health and reflection services) sees it: the bearer-token check, and
// refusing new calls while the server drains. It runs inside gRPC's server
// auth filter (see server_credentials.h), so a refused call costs no
// handler, no request parsing and no response. Refused calls never reach a
// handler (where api::ObservedCall reports calls), so the gate itself tells
// the observers about them (peer is empty: the filter does not know it).
//
// The auth filter's hook costs gRPC 1.51 a thread wake-up on most calls
// (docs/adr/0005-the-auth-gate.md), so the gate is on the path only when
// needed: from the start when the server authenticates, otherwise from the
// moment it starts draining (see GatedServerCredentials::EnableGate). The
// in-flight cap is checked by the handlers (api::CallPolicy), which also
// refuse calls that reach them while draining.
//
// Thread-safe: Admit() runs concurrently on gRPC's threads; SetTokens() may
// run at any time (token reload).
class CallGate {
 public:
  struct Options {
    // Tokens to require; null means no authentication.
    std::shared_ptr<const BearerTokens> tokens;
    // Whether reflection needs a token too (health never does).
    bool auth_reflection = true;
  };

  // What to answer a call: its grpc_status_code number (0 admits it) and a
  // message for the client.
  struct Decision {
    int status_code = 0;
    const char* message = nullptr;
  };

  // `policy` (draining, the observers) must outlive it.
  CallGate(Options options, const api::CallPolicy* policy);

  // Decides on a call to `method` (full name) carrying `authorization`
  // ("" when absent) and `request_id` ("" when absent), and reports a
  // refusal to the observers. Health calls are always admitted.
  Decision Admit(absl::string_view method, absl::string_view authorization,
                 absl::string_view request_id);

  // Serves later calls with `tokens` (non-null: authentication stays on).
  void SetTokens(std::shared_ptr<const BearerTokens> tokens);

  bool authenticates() const { return authenticates_; }

 private:
  Decision Refuse(absl::string_view method, absl::string_view request_id, int status_code,
                  const char* message);

  // Read and written with the C++17 shared_ptr atomics (see SnapshotSource).
  std::shared_ptr<const BearerTokens> tokens_;
  const bool authenticates_;
  const bool auth_reflection_;
  const api::CallPolicy* const policy_;
};

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_CALL_GATE_H_
