#include "service/metrics/metrics_http_server.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

#include "civetweb.h"
#include "service/metrics/text_exposition.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace advisor::metrics {
namespace {

// civetweb's URI pattern: "$" makes it /metrics only, not /metrics/...
constexpr char kMetricsPattern[] = "/metrics$";
// Enough for one scrape at a time plus a stray connection; Prometheus
// scrapes each target over a single connection.
constexpr char kThreads[] = "2";
// A client that stalls mid-request cannot hold a thread longer than this.
constexpr char kRequestTimeoutMs[] = "10000";

void InitCivetwebOnce() {
  static std::once_flag once;
  // No optional features (TLS, files, ...) are needed.
  std::call_once(once, [] { mg_init_library(0); });
}

// civetweb's accept loop sees a stop request only when its poll() returns,
// which an idle server's does every 2 s. Connecting to the listening port
// wakes it at once, so stopping (the server's shutdown, every test) does not
// wait those seconds. Connects every few milliseconds until `stopped`, since
// a connection that arrives before the stop request only restarts the wait.
void WakeAcceptLoopUntil(const in_addr& address, int port, const std::atomic<bool>& stopped) {
  sockaddr_in target{};
  target.sin_family = AF_INET;
  target.sin_port = htons(static_cast<uint16_t>(port));
  target.sin_addr = address;
  while (!stopped.load()) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd >= 0) {
      // Refused once civetweb has closed the port: that is fine too.
      const int connected = connect(fd, reinterpret_cast<const sockaddr*>(&target), sizeof(target));
      static_cast<void>(connected);
      close(fd);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<MetricsHttpServer>> MetricsHttpServer::Start(const std::string& host,
                                                                            int port,
                                                                            Render render) {
  in_addr parsed{};
  if (inet_pton(AF_INET, host.c_str(), &parsed) != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("metrics host '", host, "' is not an IPv4 address such as 0.0.0.0"));
  }
  if (port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("metrics port ", port, " is outside [0, 65535]"));
  }
  InitCivetwebOnce();
  std::unique_ptr<MetricsHttpServer> server(new MetricsHttpServer(std::move(render)));
  const std::string listening = absl::StrCat(host, ":", port);
  const char* options[] = {
      "listening_ports", listening.c_str(),   "num_threads", kThreads, "request_timeout_ms",
      kRequestTimeoutMs, "enable_keep_alive", "yes",         nullptr};
  mg_callbacks callbacks{};
  mg_init_data init{&callbacks, server.get(), options};
  char error_text[256] = {};
  unsigned error_code = 0;
  mg_error_data error{&error_code, error_text, sizeof(error_text)};
  server->context_ = mg_start2(&init, &error);
  if (server->context_ == nullptr) {
    return absl::UnavailableError(
        absl::StrCat("cannot serve metrics on ", listening, ": ", error_text));
  }
  mg_set_request_handler(server->context_, kMetricsPattern, &MetricsHttpServer::HandleMetrics,
                         server.get());
  mg_server_port bound{};
  if (mg_get_server_ports(server->context_, 1, &bound) != 1) {
    return absl::InternalError("civetweb reports no listening port");
  }
  server->port_ = bound.port;
  // 0.0.0.0 is not an address to connect to; loopback reaches that socket.
  server->wake_address_.s_addr =
      parsed.s_addr == htonl(INADDR_ANY) ? htonl(INADDR_LOOPBACK) : parsed.s_addr;
  server->address_ = absl::StrCat(host, ":", bound.port);
  return server;
}

MetricsHttpServer::~MetricsHttpServer() {
  if (context_ == nullptr) return;
  std::atomic<bool> stopped{false};
  std::thread waker([this, &stopped] { WakeAcceptLoopUntil(wake_address_, port_, stopped); });
  mg_stop(context_);
  stopped.store(true);
  waker.join();
}

int MetricsHttpServer::HandleMetrics(mg_connection* connection, void* server) {
  const mg_request_info* request = mg_get_request_info(connection);
  const bool head = std::strcmp(request->request_method, "HEAD") == 0;
  if (!head && std::strcmp(request->request_method, "GET") != 0) {
    mg_send_http_error(connection, 405, "Only GET and HEAD are allowed on /metrics\n");
    return 405;
  }
  const std::string body = static_cast<const MetricsHttpServer*>(server)->render_();
  mg_send_http_ok(connection, kTextExpositionContentType, static_cast<int64_t>(body.size()));
  if (!head) mg_write(connection, body.data(), body.size());
  return 200;
}

}  // namespace advisor::metrics
