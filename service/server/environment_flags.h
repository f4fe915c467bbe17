#ifndef ADVISOR_SERVICE_SERVER_ENVIRONMENT_FLAGS_H_
#define ADVISOR_SERVICE_SERVER_ENVIRONMENT_FLAGS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace advisor::server {

// Prefix of the environment variables that set flags: ADVISOR_PORT sets
// --port, ADVISOR_KNOWLEDGE_BASE sets --knowledge_base.
inline constexpr char kFlagEnvironmentPrefix[] = "ADVISOR_";

// The environment variable for a flag: "port" -> "ADVISOR_PORT".
std::string FlagEnvironmentVariable(absl::string_view flag_name);

// Whether a flag belongs to the server, i.e. is defined in a source file
// under service/server/. Only those are settable from the environment and
// listed by --help (Abseil's and gRPC's own flags are not).
bool IsServerFlagFile(absl::string_view filename);

// Sets every server flag whose environment variable is set, parsing the
// value as the command line would. Call it before absl::ParseCommandLine,
// so a flag given on the command line still wins. Flags added later in any
// file under service/server/ get this for free. INVALID_ARGUMENT naming the
// variable and the parse error when a value does not parse; variables that
// name no flag are ignored (other tools share the prefix).
absl::Status ApplyFlagsFromEnvironment();

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_ENVIRONMENT_FLAGS_H_
