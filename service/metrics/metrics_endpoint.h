#ifndef ADVISOR_SERVICE_METRICS_METRICS_ENDPOINT_H_
#define ADVISOR_SERVICE_METRICS_METRICS_ENDPOINT_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

#include "prometheus/registry.h"
#include "service/metrics/metrics_http_server.h"
#include "service/metrics/metrics_observer.h"
#include "service/metrics/process_metrics.h"
#include "service/observer/server_observer.h"

namespace advisor::metrics {

// How to run a MetricsEndpoint.
struct MetricsEndpointOptions {
  // IPv4 address to listen on (see MetricsHttpServer::Start).
  std::string host = "0.0.0.0";
  // TCP port; 0 picks a free one.
  int port = 0;
  // Full gRPC method names the server serves (see MetricsObserver).
  std::vector<std::string> methods;
  // advisor_build_info's version label.
  std::string build_version;
};

// Everything advisor_server needs for --metrics_port in one object: a
// registry with a MetricsObserver (hand observer() to the AdvisorServer),
// the process metrics, and the HTTP server answering GET /metrics with all
// of them. Thread-safe; destroying it stops the HTTP server.
class MetricsEndpoint {
 public:
  // Registers the metrics and starts serving. INVALID_ARGUMENT for a bad
  // host or port, UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Start(
      const MetricsEndpointOptions& options);

  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  // The observer to add to AdvisorServerOptions::observers.
  std::shared_ptr<api::ServerObserver> observer() const { return observer_; }

  // "host:port" as bound, e.g. "0.0.0.0:9090".
  const std::string& address() const { return http_server_->address(); }

  // The port actually bound.
  int port() const { return http_server_->port(); }

 private:
  MetricsEndpoint() = default;

  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<MetricsObserver> observer_;
  std::shared_ptr<ProcessCollector> process_;
  // Declared last so it stops first: its threads read the members above.
  std::unique_ptr<MetricsHttpServer> http_server_;
};

}  // namespace advisor::metrics

#endif  // ADVISOR_SERVICE_METRICS_METRICS_ENDPOINT_H_
