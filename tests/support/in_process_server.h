#ifndef ADVISOR_TESTS_SUPPORT_IN_PROCESS_SERVER_H_
#define ADVISOR_TESTS_SUPPORT_IN_PROCESS_SERVER_H_

#include <memory>

#include "absl/status/statusor.h"

#include "advisor/v1/knowledge_base.pb.h"
#include "service/server/advisor_server.h"
#include <grpcpp/channel.h>

namespace advisor::testing {

// An AdvisorServer running in the test's own process, and a plaintext
// channel to it. Stops (at once) when destroyed.
struct InProcessServer {
  // What it serves: the embedded knowledge base unless the options brought
  // their own snapshot (then empty).
  advisor::v1::KnowledgeBase knowledge_base;
  std::unique_ptr<server::AdvisorServer> server;
  std::shared_ptr<grpc::Channel> channel;
};

// Starts AdvisorServer with `options` on 127.0.0.1 and a port the OS picks
// (their host and port are replaced), serving the embedded knowledge base
// unless they carry a snapshot. The error of AdvisorServer::Start (or of
// loading the knowledge base) when it cannot.
absl::StatusOr<InProcessServer> StartInProcessServer(server::AdvisorServerOptions options = {});

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_SUPPORT_IN_PROCESS_SERVER_H_
