#ifndef ADVISOR_TESTS_HOSTILE_SOCKET_CLIENT_H_
#define ADVISOR_TESTS_HOSTILE_SOCKET_CLIENT_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace advisor::testing {

// A plain TCP connection to 127.0.0.1, for bytes no gRPC client would send
// (garbage, HTTP/1.1, malformed HTTP/2). Closes the socket when destroyed.
// Not thread-safe.
class SocketClient {
 public:
  // Connects to 127.0.0.1:`port`. UNAVAILABLE when refused.
  static absl::StatusOr<SocketClient> Connect(int port);

  SocketClient(SocketClient&& other) noexcept;
  SocketClient& operator=(SocketClient&& other) = delete;
  SocketClient(const SocketClient&) = delete;
  ~SocketClient();

  // Writes all of `bytes`. UNAVAILABLE when the peer has closed.
  absl::Status Send(absl::string_view bytes);

  // Reads and discards whatever the server sends until it closes the
  // connection (end of file or reset): OK then, with the bytes received in
  // `received` (may be null). DEADLINE_EXCEEDED when it is still open after
  // `timeout`.
  absl::Status WaitUntilClosed(absl::Duration timeout, std::string* received);

 private:
  explicit SocketClient(int fd) : fd_(fd) {}
  int fd_;
};

// The HTTP/2 client connection preface (RFC 9113, section 3.4).
inline constexpr absl::string_view kHttp2Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

// One HTTP/2 frame: 9-byte header (24-bit length of `payload`, type, flags,
// 31-bit stream id) and the payload. `declared_length` overrides the length
// field when not negative, to lie about the payload size.
std::string Http2Frame(int type, int flags, uint32_t stream_id, absl::string_view payload,
                       int declared_length = -1);

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_HOSTILE_SOCKET_CLIENT_H_
