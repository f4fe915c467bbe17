#include "service/metrics/metrics_endpoint.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

#include "prometheus/collectable.h"
#include "prometheus/registry.h"
#include "service/metrics/metrics_http_server.h"
#include "service/metrics/metrics_observer.h"
#include "service/metrics/process_metrics.h"
#include "service/metrics/text_exposition.h"

namespace advisor::metrics {

absl::StatusOr<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::Start(
    const MetricsEndpointOptions& options) {
  std::unique_ptr<MetricsEndpoint> endpoint(new MetricsEndpoint());
  endpoint->registry_ = std::make_shared<prometheus::Registry>();
  endpoint->observer_ = std::make_shared<MetricsObserver>(*endpoint->registry_, options.methods,
                                                          options.build_version);
  endpoint->process_ = std::make_shared<ProcessCollector>();
  // The HTTP server's threads keep the collectables alive through this copy.
  const std::vector<std::shared_ptr<prometheus::Collectable>> collectables = {endpoint->registry_,
                                                                              endpoint->process_};
  absl::StatusOr<std::unique_ptr<MetricsHttpServer>> http_server = MetricsHttpServer::Start(
      options.host, options.port, [collectables] { return CollectTextExposition(collectables); });
  if (!http_server.ok()) return http_server.status();
  endpoint->http_server_ = *std::move(http_server);
  return endpoint;
}

}  // namespace advisor::metrics
