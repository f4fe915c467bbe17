#include "tests/hostile/socket_client.h"

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace advisor::testing {

absl::StatusOr<SocketClient> SocketClient::Connect(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return absl::InternalError(absl::StrCat("socket: ", std::strerror(errno)));
  SocketClient client(fd);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    return absl::UnavailableError(absl::StrCat("connect: ", std::strerror(errno)));
  }
  return client;
}

SocketClient::SocketClient(SocketClient&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

SocketClient::~SocketClient() {
  if (fd_ >= 0) close(fd_);
}

absl::Status SocketClient::Send(absl::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EINTR) continue;
      return absl::UnavailableError(absl::StrCat("send: ", std::strerror(errno)));
    }
    bytes.remove_prefix(static_cast<size_t>(sent));
  }
  return absl::OkStatus();
}

absl::Status SocketClient::WaitUntilClosed(absl::Duration timeout, std::string* received) {
  const absl::Time deadline = absl::Now() + timeout;
  char buffer[4096];
  while (true) {
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) return absl::DeadlineExceededError("connection still open");
    pollfd poll_fd{fd_, POLLIN, 0};
    const int ready = poll(&poll_fd, 1, static_cast<int>(absl::ToInt64Milliseconds(left)) + 1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    const ssize_t count = recv(fd_, buffer, sizeof(buffer), 0);
    if (count == 0) return absl::OkStatus();
    if (count < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      if (errno == ECONNRESET) return absl::OkStatus();
      return absl::InternalError(absl::StrCat("recv: ", std::strerror(errno)));
    }
    if (received != nullptr) received->append(buffer, static_cast<size_t>(count));
  }
}

std::string Http2Frame(int type, int flags, uint32_t stream_id, absl::string_view payload,
                       int declared_length) {
  const uint32_t length =
      declared_length >= 0 ? static_cast<uint32_t>(declared_length) : payload.size();
  std::string frame;
  frame.push_back(static_cast<char>((length >> 16) & 0xff));
  frame.push_back(static_cast<char>((length >> 8) & 0xff));
  frame.push_back(static_cast<char>(length & 0xff));
  frame.push_back(static_cast<char>(type));
  frame.push_back(static_cast<char>(flags));
  frame.push_back(static_cast<char>((stream_id >> 24) & 0x7f));
  frame.push_back(static_cast<char>((stream_id >> 16) & 0xff));
  frame.push_back(static_cast<char>((stream_id >> 8) & 0xff));
  frame.push_back(static_cast<char>(stream_id & 0xff));
  frame.append(payload.data(), payload.size());
  return frame;
}

}  // namespace advisor::testing
