#include "tests/support/replicas.h"

#include <cstdint>

#include "google/protobuf/text_format.h"

#include "advisor/v1/knowledge_base.pb.h"
#include "service/knowledge_base/knowledge_base_loader.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace advisor::testing {
namespace {

// Binds `type` on host:port (0: any port); the bound port, or 0.
int BindPort(const char* host, int type, int port) {
  const int fd = socket(AF_INET, type, 0);
  if (fd < 0) return 0;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  int bound = 0;
  socklen_t length = sizeof(address);
  if (inet_pton(AF_INET, host, &address.sin_addr) == 1 &&
      bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    bound = ntohs(address.sin_port);
  }
  close(fd);
  return bound;
}

}  // namespace

int PickFreePort(const char* host, bool also_udp) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    const int port = BindPort(host, SOCK_STREAM, 0);
    if (port == 0) return 0;
    if (!also_udp || BindPort(host, SOCK_DGRAM, port) == port) return port;
  }
  return 0;
}

std::string WriteMarkedKnowledgeBase(const TempDirectory& directory, absl::string_view framework_id,
                                     absl::string_view note, absl::string_view file_name) {
  v1::KnowledgeBase knowledge_base;
  if (!google::protobuf::TextFormat::ParseFromString(
          std::string(knowledge_base::DefaultKnowledgeBaseText()), &knowledge_base)) {
    return "";
  }
  bool found = false;
  for (v1::Framework& framework : *knowledge_base.mutable_frameworks()) {
    if (framework.id() != framework_id) continue;
    framework.add_notes(std::string(note));
    found = true;
  }
  std::string text;
  if (!found || !google::protobuf::TextFormat::PrintToString(knowledge_base, &text)) return "";
  return directory.Write(file_name, text);
}

}  // namespace advisor::testing
