#include "service/metrics/text_exposition.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

#include "prometheus/client_metric.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_type.h"

namespace advisor::metrics {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

absl::string_view TypeName(MetricType type) {
  switch (type) {
    case MetricType::Counter:
      return "counter";
    case MetricType::Gauge:
      return "gauge";
    case MetricType::Histogram:
      return "histogram";
    case MetricType::Summary:
      return "summary";
    case MetricType::Untyped:
      return "untyped";
  }
  return "untyped";
}

// HELP text escapes only backslash and newline (a quote is literal there).
void AppendEscapedHelp(std::string& out, absl::string_view help) {
  for (const char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

void AppendEscapedLabelValue(std::string& out, absl::string_view value) {
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

// Formats like Go's strconv.FormatFloat(value, 'g', -1, 64), which
// Prometheus' own Go clients use: the shortest digits that read back as the
// same double, in exponent form when the exponent is below -4 or at least 6
// (0.0001, 100, 1e-05, 1.7e+09), so bucket bounds (le) are spelt as every
// other client spells them.
void AppendValue(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
    return;
  }
  char buffer[64];
  const std::to_chars_result scientific =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  const absl::string_view text(buffer, static_cast<size_t>(scientific.ptr - buffer));
  // The exponent after "e": from_chars takes a '-' but no '+'.
  const char* exponent_begin = text.data() + text.find('e') + 1;
  if (*exponent_begin == '+') ++exponent_begin;
  int exponent = 0;
  std::from_chars(exponent_begin, text.data() + text.size(), exponent);
  if (exponent < -4 || exponent >= 6) {
    out.append(text.data(), text.size());
    return;
  }
  const std::to_chars_result fixed =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::fixed);
  out.append(buffer, fixed.ptr);
}

// One sample line: name{labels[,extra_name="extra_value"]} value [timestamp].
void AppendSample(std::string& out, absl::string_view name, absl::string_view suffix,
                  const ClientMetric& metric, absl::string_view extra_name,
                  absl::string_view extra_value, double value) {
  absl::StrAppend(&out, name, suffix);
  if (!metric.label.empty() || !extra_name.empty()) {
    out += '{';
    bool first = true;
    for (const ClientMetric::Label& label : metric.label) {
      if (!first) out += ',';
      first = false;
      absl::StrAppend(&out, label.name, "=\"");
      AppendEscapedLabelValue(out, label.value);
      out += '"';
    }
    if (!extra_name.empty()) {
      if (!first) out += ',';
      absl::StrAppend(&out, extra_name, "=\"");
      AppendEscapedLabelValue(out, extra_value);
      out += '"';
    }
    out += '}';
  }
  out += ' ';
  AppendValue(out, value);
  if (metric.timestamp_ms != 0) absl::StrAppend(&out, " ", metric.timestamp_ms);
  out += '\n';
}

void AppendSample(std::string& out, absl::string_view name, absl::string_view suffix,
                  const ClientMetric& metric, double value) {
  AppendSample(out, name, suffix, metric, "", "", value);
}

std::string FormatValue(double value) {
  std::string text;
  AppendValue(text, value);
  return text;
}

void AppendHistogram(std::string& out, absl::string_view name, const ClientMetric& metric) {
  const ClientMetric::Histogram& histogram = metric.histogram;
  bool has_infinite_bucket = false;
  for (const ClientMetric::Bucket& bucket : histogram.bucket) {
    AppendSample(out, name, "_bucket", metric, "le", FormatValue(bucket.upper_bound),
                 static_cast<double>(bucket.cumulative_count));
    has_infinite_bucket = std::isinf(bucket.upper_bound) && bucket.upper_bound > 0;
  }
  // The format requires the +Inf bucket; it always holds every sample.
  if (!has_infinite_bucket) {
    AppendSample(out, name, "_bucket", metric, "le", "+Inf",
                 static_cast<double>(histogram.sample_count));
  }
  AppendSample(out, name, "_sum", metric, histogram.sample_sum);
  AppendSample(out, name, "_count", metric, static_cast<double>(histogram.sample_count));
}

void AppendSummary(std::string& out, absl::string_view name, const ClientMetric& metric) {
  for (const ClientMetric::Quantile& quantile : metric.summary.quantile) {
    AppendSample(out, name, "", metric, "quantile", FormatValue(quantile.quantile), quantile.value);
  }
  AppendSample(out, name, "_sum", metric, metric.summary.sample_sum);
  AppendSample(out, name, "_count", metric, static_cast<double>(metric.summary.sample_count));
}

// prometheus-cpp keeps a family's series in a hash map; sorting them makes
// every scrape list them in the same order (and tests exact).
std::vector<const ClientMetric*> SortedByLabels(const std::vector<ClientMetric>& metrics) {
  std::vector<const ClientMetric*> sorted;
  sorted.reserve(metrics.size());
  for (const ClientMetric& metric : metrics) sorted.push_back(&metric);
  std::stable_sort(sorted.begin(), sorted.end(), [](const ClientMetric* a, const ClientMetric* b) {
    return a->label < b->label;
  });
  return sorted;
}

}  // namespace

std::string WriteTextExposition(const std::vector<MetricFamily>& families) {
  std::string out;
  for (const MetricFamily& family : families) {
    // A HELP/TYPE header without samples says nothing; Prometheus' own
    // clients leave such families out too.
    if (family.metric.empty()) continue;
    absl::StrAppend(&out, "# HELP ", family.name, " ");
    AppendEscapedHelp(out, family.help);
    absl::StrAppend(&out, "\n# TYPE ", family.name, " ", TypeName(family.type), "\n");
    for (const ClientMetric* metric_pointer : SortedByLabels(family.metric)) {
      const ClientMetric& metric = *metric_pointer;
      switch (family.type) {
        case MetricType::Counter:
          AppendSample(out, family.name, "", metric, metric.counter.value);
          break;
        case MetricType::Gauge:
          AppendSample(out, family.name, "", metric, metric.gauge.value);
          break;
        case MetricType::Untyped:
          AppendSample(out, family.name, "", metric, metric.untyped.value);
          break;
        case MetricType::Histogram:
          AppendHistogram(out, family.name, metric);
          break;
        case MetricType::Summary:
          AppendSummary(out, family.name, metric);
          break;
      }
    }
  }
  return out;
}

std::string CollectTextExposition(
    const std::vector<std::shared_ptr<prometheus::Collectable>>& collectables) {
  std::vector<MetricFamily> families;
  for (const std::shared_ptr<prometheus::Collectable>& collectable : collectables) {
    std::vector<MetricFamily> collected = collectable->Collect();
    families.insert(families.end(), std::make_move_iterator(collected.begin()),
                    std::make_move_iterator(collected.end()));
  }
  return WriteTextExposition(families);
}

}  // namespace advisor::metrics
