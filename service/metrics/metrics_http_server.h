#ifndef ADVISOR_SERVICE_METRICS_METRICS_HTTP_SERVER_H_
#define ADVISOR_SERVICE_METRICS_METRICS_HTTP_SERVER_H_

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"

#include <netinet/in.h>

struct mg_context;
struct mg_connection;

namespace advisor::metrics {

// A small HTTP/1.1 server (civetweb, on its own two threads, so scrapes
// never take a gRPC thread) answering GET /metrics with the text that
// `render` returns, as Content-Type kTextExpositionContentType. Every other
// path is 404, every other method on /metrics 405. No TLS: keep the port
// inside the cluster or behind a proxy.
//
// Thread safety: `render` runs on the server's threads, possibly two at once.
class MetricsHttpServer {
 public:
  // Produces the body of one scrape.
  using Render = std::function<std::string()>;

  // Starts listening on `host`:`port`. `host` is an IPv4 address (Debian's
  // civetweb is built without IPv6), e.g. 0.0.0.0 or 127.0.0.1; port 0 picks
  // a free one (see port()). INVALID_ARGUMENT for another host or a port
  // outside [0, 65535]; UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<MetricsHttpServer>> Start(const std::string& host, int port,
                                                                  Render render);

  // Stops listening and waits for scrapes in progress (milliseconds, not
  // civetweb's usual up to 2 s: see WakeAcceptLoopUntil).
  ~MetricsHttpServer();

  MetricsHttpServer(const MetricsHttpServer&) = delete;
  MetricsHttpServer& operator=(const MetricsHttpServer&) = delete;

  // The port actually bound.
  int port() const { return port_; }

  // "host:port" as bound, e.g. "127.0.0.1:9090".
  const std::string& address() const { return address_; }

 private:
  explicit MetricsHttpServer(Render render) : render_(std::move(render)) {}

  // civetweb's request handler for /metrics; `server` is the MetricsHttpServer.
  static int HandleMetrics(mg_connection* connection, void* server);

  const Render render_;
  mg_context* context_ = nullptr;
  int port_ = 0;
  std::string address_;
  // Where the destructor connects to wake civetweb's accept loop.
  in_addr wake_address_{};
};

}  // namespace advisor::metrics

#endif  // ADVISOR_SERVICE_METRICS_METRICS_HTTP_SERVER_H_
