#ifndef ADVISOR_SERVICE_SERVER_JSON_LOGGER_H_
#define ADVISOR_SERVICE_SERVER_JSON_LOGGER_H_

#include <initializer_list>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace advisor::server {

// How serious a logged event is, least serious first.
enum class Severity { kDebug, kInfo, kWarning, kError };

// Events below `minimum` are dropped from now on (default: kInfo).
// Thread-safe; meant to be set once at start-up from --log_level.
void SetMinimumSeverity(Severity minimum);

// Whether an event of `severity` would be written: lets callers skip
// building an expensive message. One relaxed atomic load.
bool ShouldLog(Severity severity);

// "debug", "info", "warning" or "error" (any case) -> the Severity;
// INVALID_ARGUMENT naming the accepted values otherwise.
absl::StatusOr<Severity> ParseSeverity(absl::string_view name);

// One extra field of a log line, e.g. {"address", "0.0.0.0:50051"}.
using LogField = std::pair<absl::string_view, absl::string_view>;

// Writes one event to stderr as a single JSON object on one line, e.g.
// {"time":"2024-05-01T12:00:00.123Z","severity":"INFO","message":"...",
// "address":"0.0.0.0:50051"}, which log collectors parse without a custom
// format. Values are strings, JSON-escaped. Events below the minimum
// severity are dropped. Thread-safe: lines from concurrent calls never
// interleave.
void LogEvent(Severity severity, absl::string_view message,
              std::initializer_list<LogField> fields = {});

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_JSON_LOGGER_H_
