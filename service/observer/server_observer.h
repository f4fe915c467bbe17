#ifndef ADVISOR_SERVICE_OBSERVER_SERVER_OBSERVER_H_
#define ADVISOR_SERVICE_OBSERVER_SERVER_OBSERVER_H_

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

// The seam between the server and what watches it: advisor_api and the
// server call a ServerObserver, advisor_metrics and the call log implement
// one. Its own target (advisor_server_observer, no gRPC), so that metrics
// links neither the api nor gRPC. The namespace stays the api's: the
// interface is part of what the api layer offers.
namespace advisor::api {

// What the server knows about one finished call (unary or streaming).
struct FinishedCall {
  // Full method name, e.g. "/advisor.v1.FaqService/AnswerQuestion".
  absl::string_view method;
  // The grpc::StatusCode sent to the client, as its number (0 is OK).
  int status_code = 0;
  // From the call's arrival to its status being sent.
  absl::Duration latency;
  // The client's address as gRPC reports it, e.g. "ipv4:127.0.0.1:40522";
  // empty unless an observer asked for it (see
  // ServerObserver::WantsCallDetails) and for calls refused before a
  // handler (the auth filter cannot see it).
  absl::string_view peer;
  // The x-request-id the client sent, or the one the server generated and
  // returned because an observer asked for it (WantsCallDetails); empty
  // otherwise.
  absl::string_view request_id;
};

// The outcome of loading a knowledge base (at start-up or on reload).
struct KnowledgeBaseLoad {
  // True when the new version now serves; false when it was rejected and
  // the previous one keeps serving.
  bool ok = false;
  // Version of the knowledge base serving after this load.
  absl::string_view serving_version;
  // Why the load failed; empty when ok.
  absl::string_view error;
};

// Receives what happens in the server, for metrics and logs. The server
// calls these from its own threads, concurrently: implementations must be
// thread-safe and cheap (they run on every call), and must not block.
// Every method has an empty default, so an observer overrides only what it
// needs. No gRPC types here, so observers are plain C++.
class ServerObserver {
 public:
  virtual ~ServerObserver() = default;

  // A call arrived for `method` (full name, as in FinishedCall).
  virtual void OnCallStarted(absl::string_view /*method*/) {}

  // A call ended; every OnCallStarted gets exactly one OnCallFinished.
  virtual void OnCallFinished(const FinishedCall& /*call*/) {}

  // Whether this observer reads FinishedCall::peer and request_id of a call
  // that ends with `status_code` (a log line does). Asking gRPC for the
  // peer costs allocations, and returning a generated request id costs a
  // metadata entry (about 4k instructions, a tenth of a call), so the
  // server provides them only when some observer says yes.
  virtual bool WantsCallDetails(int /*status_code*/) const { return false; }

  // A knowledge base load or reload was attempted.
  virtual void OnKnowledgeBaseLoad(const KnowledgeBaseLoad& /*load*/) {}
};

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_OBSERVER_SERVER_OBSERVER_H_
