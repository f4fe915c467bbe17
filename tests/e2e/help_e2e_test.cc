// --help of advisor_server, the advisor CLI and advisor_kb, run as binaries:
// the usage, then each program's own flags under its topics, and nothing of
// the build machine (the source or build tree's paths, a source file's
// name); --helpshort the same; --helpfull every flag, still without our
// source paths.
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

#include "tests/support/child_process.h"
#include "tests/support/server_process.h"
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace advisor::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

struct Program {
  std::string path;
  std::string usage;                // A line of its usage message.
  std::vector<std::string> topics;  // The "Flags from TOPIC:" headings, in order.
  std::vector<std::string> flags;   // Some of its own flags.
};

std::vector<Program> Programs() {
  return {
      {AdvisorServerPath(),
       "Usage: advisor_server [--flag=value ...]",
       {"basics", "connections", "security, limits and reloading"},
       {"--host", "--port", "--knowledge_base", "--keepalive_time", "--tls_cert_file",
        "--max_calls_in_flight"}},
      {ADVISOR_CLI_PATH,
       "Usage: advisor [flags] SUBCOMMAND [ARGS...]",
       {"commands", "connection"},
       {"--json", "--file", "--target", "--timeout", "--tls_ca", "--stream_timeout"}},
      {ADVISOR_KB_PATH,
       "advisor_kb validate FILE",
       {"import-document and add-examples"},
       {"--id", "--title", "--knowledge_base", "--omit"}},
  };
}

// What `program flag` printed, stdout and stderr.
std::string Help(const Program& program, const std::string& flag) {
  absl::StatusOr<CommandResult> result = RunCommand({program.path, flag});
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? absl::StrCat(result->out, result->err) : "";
}

// The build machine's trees, as CTest passes them (advisor_add_test).
std::vector<std::string> BuildMachinePaths() {
  std::vector<std::string> paths;
  for (const char* variable : {"ADVISOR_SOURCE_DIR", "ADVISOR_BINARY_DIR"}) {
    const char* value = std::getenv(variable);
    EXPECT_NE(value, nullptr) << variable << " is not set (run through CTest)";
    if (value != nullptr) paths.emplace_back(value);
  }
  return paths;
}

TEST(HelpTest, ShowsTheUsageAndTheProgramsFlagsByTopicWithoutPaths) {
  const std::vector<std::string> build_paths = BuildMachinePaths();
  for (const Program& program : Programs()) {
    for (const std::string flag : {"--help", "--helpshort"}) {
      SCOPED_TRACE(absl::StrCat(program.path, " ", flag));
      const std::string help = Help(program, flag);
      EXPECT_THAT(help, HasSubstr(program.usage));
      size_t previous = 0;
      for (const std::string& topic : program.topics) {
        const size_t at = help.find(absl::StrCat("  Flags from ", topic, ":\n"));
        ASSERT_NE(at, std::string::npos) << "no heading for " << topic << " in\n" << help;
        EXPECT_GT(at, previous) << topic << " out of order in\n" << help;
        previous = at;
      }
      for (const std::string& name : program.flags) {
        EXPECT_THAT(help, HasSubstr(absl::StrCat(name, " (")));
      }
      for (const std::string& path : build_paths) EXPECT_THAT(help, Not(HasSubstr(path)));
      // No source file and no flag of a library (Abseil's --flagfile).
      EXPECT_THAT(help, AllOf(Not(HasSubstr(".cc")), Not(HasSubstr(".h:")),
                              Not(HasSubstr("service/")), Not(HasSubstr("client/")),
                              Not(HasSubstr("common/")), Not(HasSubstr("--flagfile"))));
    }
  }
}

TEST(HelpTest, HelpfullListsEveryFlagAndOursUnderTheirTopics) {
  const std::vector<std::string> build_paths = BuildMachinePaths();
  for (const Program& program : Programs()) {
    SCOPED_TRACE(program.path);
    const std::string help = Help(program, "--helpfull");
    // Every file of ours that defines a flag has a topic: a new flags file
    // missing from its program's table would show here under its path.
    for (const std::string& path : build_paths) EXPECT_THAT(help, Not(HasSubstr(path)));
    for (const std::string& topic : program.topics) {
      EXPECT_THAT(help, HasSubstr(absl::StrCat("  Flags from ", topic, ":\n")));
    }
    EXPECT_THAT(help, HasSubstr("--flagfile ("));
    for (const std::string& name : program.flags) {
      EXPECT_THAT(help, HasSubstr(absl::StrCat(name, " (")));
    }
  }
}

}  // namespace
}  // namespace advisor::testing
