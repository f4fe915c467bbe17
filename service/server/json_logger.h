#ifndef ADVISOR_SERVICE_SERVER_JSON_LOGGER_H_
#define ADVISOR_SERVICE_SERVER_JSON_LOGGER_H_

#include <initializer_list>
#include <utility>

#include "absl/strings/string_view.h"

namespace advisor::server {

// How serious a logged event is.
enum class Severity { kInfo, kWarning, kError };

// One extra field of a log line, e.g. {"address", "0.0.0.0:50051"}.
using LogField = std::pair<absl::string_view, absl::string_view>;

// Writes one event to stderr as a single JSON object on one line, e.g.
// {"time":"2024-05-01T12:00:00.123Z","severity":"INFO","message":"...",
// "address":"0.0.0.0:50051"}, which log collectors parse without a custom
// format. Values are strings, JSON-escaped. Thread-safe: lines from
// concurrent calls never interleave.
void LogEvent(Severity severity, absl::string_view message,
              std::initializer_list<LogField> fields = {});

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_JSON_LOGGER_H_
