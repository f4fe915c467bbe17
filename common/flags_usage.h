#ifndef ADVISOR_COMMON_FLAGS_USAGE_H_
#define ADVISOR_COMMON_FLAGS_USAGE_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

// What --help shows of a program's flags. Abseil's default lists the flags
// of the files named after the program, each file's under "Flags from
// PATH:", PATH being the source path the compiler saw (this build machine's
// checkout). A program names instead the files that define its own flags
// and a topic for each.
namespace advisor::flags_usage {

// A source file that defines flags of the program, by its path from the
// repository root ("service/server/connection_flags.cc"), and the topic
// --help lists its flags under ("connections"; no '/'). Both are string
// literals, so tables of them can be constexpr.
struct FlagFile {
  absl::string_view path;
  absl::string_view topic;
};

// The topic of the flags defined in `filename`, which is either the file's
// path as the compiler saw it (absolute, or relative to the build
// directory) or already the topic: absl::CommandLineFlag::Filename()
// returns the topic once SetFlagsUsage has run. Empty when it is none of
// `files`.
absl::string_view TopicOf(absl::Span<const FlagFile> files, absl::string_view filename);

// Sets Abseil's usage configuration: --help, --helpshort and --helppackage
// list the flags of `files` only, each file's under "Flags from TOPIC:"
// (in the order of the topics' names); --helpfull lists every flag, ours
// under their topics, Abseil's own under their paths. `version`, unless
// empty, is what --version prints. Call it before absl::ParseCommandLine.
void SetFlagsUsage(absl::Span<const FlagFile> files, std::string version = "");

}  // namespace advisor::flags_usage

#endif  // ADVISOR_COMMON_FLAGS_USAGE_H_
