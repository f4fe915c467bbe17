#ifndef ADVISOR_SERVICE_SERVER_ENVIRONMENT_FLAGS_H_
#define ADVISOR_SERVICE_SERVER_ENVIRONMENT_FLAGS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

#include "common/flags_usage.h"

namespace advisor::server {

// Prefix of the environment variables that set flags: ADVISOR_PORT sets
// --port, ADVISOR_KNOWLEDGE_BASE sets --knowledge_base.
inline constexpr char kFlagEnvironmentPrefix[] = "ADVISOR_";

// The environment variable for a flag: "port" -> "ADVISOR_PORT".
std::string FlagEnvironmentVariable(absl::string_view flag_name);

// The files that define the server's flags, and the topic --help lists
// each file's flags under. Only these flags are settable from the
// environment and listed by --help (Abseil's own are not): a new flags file
// goes here.
inline constexpr flags_usage::FlagFile kServerFlagFiles[] = {
    {"service/server/main.cc", "basics"},
    {"service/server/connection_flags.cc", "connections"},
    {"service/server/operations_flags.cc", "security, limits and reloading"},
};

// Whether a flag belongs to the server: `filename` is one of
// kServerFlagFiles, by its path or its topic (see flags_usage::TopicOf).
bool IsServerFlagFile(absl::string_view filename);

// Sets every server flag whose environment variable is set, parsing the
// value as the command line would. Call it before absl::ParseCommandLine,
// so a flag given on the command line still wins. Flags added later to a
// file of kServerFlagFiles get this for free. INVALID_ARGUMENT naming the
// variable and the parse error when a value does not parse; variables that
// name no flag are ignored (other tools share the prefix).
absl::Status ApplyFlagsFromEnvironment();

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_ENVIRONMENT_FLAGS_H_
