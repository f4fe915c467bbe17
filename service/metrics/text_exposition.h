#ifndef ADVISOR_SERVICE_METRICS_TEXT_EXPOSITION_H_
#define ADVISOR_SERVICE_METRICS_TEXT_EXPOSITION_H_

#include <memory>
#include <string>
#include <vector>

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace advisor::metrics {

// The HTTP Content-Type of WriteTextExposition's output.
inline constexpr char kTextExpositionContentType[] = "text/plain; version=0.0.4; charset=utf-8";

// Writes `families` in the Prometheus text exposition format 0.0.4: for each
// family with at least one sample a "# HELP" and a "# TYPE" line, then its
// samples; histograms as cumulative _bucket lines (always ending with
// le="+Inf"), _sum and _count; summaries as quantile lines, _sum and _count.
// HELP text escapes backslash and newline, label values also the double
// quote; values are the shortest decimal that reads back as the same double,
// or +Inf, -Inf, NaN. Within a family, series are sorted by their labels, so
// every scrape lists them in the same order.
//
// Our own writer rather than prometheus-cpp's TextSerializer: Debian 12's
// prometheus-cpp 1.0.1 writes HELP text unescaped (a backslash or newline in
// it breaks the scrape) and rounds values to 15 digits.
std::string WriteTextExposition(const std::vector<prometheus::MetricFamily>& families);

// Collects the families of every collectable (a prometheus::Registry, the
// ProcessCollector, ...), in order, and writes them as above: one scrape.
std::string CollectTextExposition(
    const std::vector<std::shared_ptr<prometheus::Collectable>>& collectables);

}  // namespace advisor::metrics

#endif  // ADVISOR_SERVICE_METRICS_TEXT_EXPOSITION_H_
