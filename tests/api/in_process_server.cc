#include "tests/api/in_process_server.h"

#include <utility>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"

#include "service/engines/snapshot.h"
#include "service/knowledge_base/knowledge_base_loader.h"

namespace advisor::server {

void StartInProcessServer(InProcessServer* out) {
  absl::StatusOr<advisor::v1::KnowledgeBase> loaded = knowledge_base::LoadDefaultKnowledgeBase();
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  out->knowledge_base = *loaded;
  AdvisorServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.snapshot = engines::Snapshot::Build(*std::move(loaded));
  absl::StatusOr<std::unique_ptr<AdvisorServer>> server = AdvisorServer::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  out->server = *std::move(server);
  out->channel = grpc::CreateChannel(out->server->address(), grpc::InsecureChannelCredentials());
}

}  // namespace advisor::server
