#include "tests/support/in_process_server.h"

#include <utility>

#include "service/engines/snapshot.h"
#include "service/knowledge_base/knowledge_base_loader.h"
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

namespace advisor::testing {

absl::StatusOr<InProcessServer> StartInProcessServer(server::AdvisorServerOptions options) {
  InProcessServer started;
  if (options.snapshot == nullptr) {
    absl::StatusOr<advisor::v1::KnowledgeBase> loaded = knowledge_base::LoadDefaultKnowledgeBase();
    if (!loaded.ok()) return loaded.status();
    started.knowledge_base = *loaded;
    options.snapshot = engines::Snapshot::Build(*std::move(loaded));
  }
  options.host = "127.0.0.1";
  options.port = 0;
  absl::StatusOr<std::unique_ptr<server::AdvisorServer>> server =
      server::AdvisorServer::Start(std::move(options));
  if (!server.ok()) return server.status();
  started.server = *std::move(server);
  started.channel =
      grpc::CreateChannel(started.server->address(), grpc::InsecureChannelCredentials());
  return started;
}

}  // namespace advisor::testing
