#include "service/server/json_logger.h"

#include <atomic>
#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace advisor::server {
namespace {

std::atomic<int> minimum_severity{static_cast<int>(Severity::kInfo)};

absl::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kDebug:
      return "DEBUG";
    case Severity::kInfo:
      return "INFO";
    case Severity::kWarning:
      return "WARNING";
    case Severity::kError:
      return "ERROR";
  }
  return "INFO";
}

// Appends `value` as a JSON string literal. Bytes >= 0x80 pass through, so
// UTF-8 stays readable; control characters are escaped.
void AppendJsonString(absl::string_view value, std::string& out) {
  out.push_back('"');
  for (const char c : value) {
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(&out, "\\u%04x", static_cast<unsigned char>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void AppendField(absl::string_view key, absl::string_view value, std::string& out) {
  out.push_back(',');
  AppendJsonString(key, out);
  out.push_back(':');
  AppendJsonString(value, out);
}

}  // namespace

void SetMinimumSeverity(Severity minimum) {
  minimum_severity.store(static_cast<int>(minimum), std::memory_order_relaxed);
}

bool ShouldLog(Severity severity) {
  return static_cast<int>(severity) >= minimum_severity.load(std::memory_order_relaxed);
}

absl::StatusOr<Severity> ParseSeverity(absl::string_view name) {
  for (const Severity severity :
       {Severity::kDebug, Severity::kInfo, Severity::kWarning, Severity::kError}) {
    if (absl::EqualsIgnoreCase(name, SeverityName(severity))) return severity;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown log level '", name, "'; use debug, info, warning or error"));
}

void LogEvent(Severity severity, absl::string_view message,
              std::initializer_list<LogField> fields) {
  if (!ShouldLog(severity)) return;
  std::string line = "{";
  AppendJsonString("time", line);
  line.push_back(':');
  AppendJsonString(absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone()),
                   line);
  AppendField("severity", SeverityName(severity), line);
  AppendField("message", message, line);
  for (const auto& [key, value] : fields) AppendField(key, value, line);
  line.append("}\n");
  // One write per line: stdio locks the stream for each call, so lines
  // from different threads never interleave.
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace advisor::server
