#include "service/metrics/metrics_http_server.h"

#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

#include "civetweb.h"
#include "service/metrics/text_exposition.h"
#include <arpa/inet.h>
#include <netinet/in.h>

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
  server->address_ = absl::StrCat(host, ":", bound.port);
  return server;
}

MetricsHttpServer::~MetricsHttpServer() {
  if (context_ != nullptr) mg_stop(context_);
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
