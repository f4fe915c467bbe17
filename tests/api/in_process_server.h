#ifndef ADVISOR_TESTS_API_IN_PROCESS_SERVER_H_
#define ADVISOR_TESTS_API_IN_PROCESS_SERVER_H_

#include <memory>

#include "advisor/v1/knowledge_base.pb.h"
#include "service/server/advisor_server.h"
#include <grpcpp/grpcpp.h>

namespace advisor::server {

// An AdvisorServer running in the test's own process on 127.0.0.1 (a free
// port), serving the embedded knowledge base, and a plaintext channel to it.
struct InProcessServer {
  advisor::v1::KnowledgeBase knowledge_base;
  std::unique_ptr<AdvisorServer> server;
  std::shared_ptr<grpc::Channel> channel;
};

// Starts one into `out`; a fatal test failure when it cannot (wrap the call
// in ASSERT_NO_FATAL_FAILURE).
void StartInProcessServer(InProcessServer* out);

}  // namespace advisor::server

#endif  // ADVISOR_TESTS_API_IN_PROCESS_SERVER_H_
