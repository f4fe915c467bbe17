#include "tests/support/server_process.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "gtest/gtest.h"

namespace advisor::testing {
namespace {

bool HasFlag(const std::vector<std::string>& flags, absl::string_view name) {
  for (const std::string& flag : flags) {
    if (flag == absl::StrCat("--", name) || absl::StartsWith(flag, absl::StrCat("--", name, "="))) {
      return true;
    }
  }
  return false;
}

}  // namespace

const char* AdvisorServerPath() { return ADVISOR_SERVER_PATH; }

absl::StatusOr<std::string> ReadListeningAddress(ChildProcess& process, absl::Duration timeout) {
  absl::StatusOr<std::string> line = process.ReadStdoutLine(timeout);
  if (!line.ok()) {
    return absl::Status(line.status().code(),
                        absl::StrCat("advisor_server did not report its address: ",
                                     line.status().message(), "; stderr:\n", process.Stderr()));
  }
  absl::string_view address = *line;
  if (!absl::ConsumePrefix(&address, kListeningPrefix)) {
    return absl::InternalError(absl::StrCat("unexpected first line from advisor_server: ", *line,
                                            "; stderr:\n", process.Stderr()));
  }
  return std::string(address);
}

absl::StatusOr<std::unique_ptr<ChildProcess>> StartServerBinary(
    const std::vector<std::string>& flags) {
  std::vector<std::string> argv = {AdvisorServerPath()};
  if (!HasFlag(flags, "host")) argv.push_back("--host=127.0.0.1");
  if (!HasFlag(flags, "port")) argv.push_back("--port=0");
  argv.insert(argv.end(), flags.begin(), flags.end());
  return ChildProcess::Start(argv);
}

absl::StatusOr<ServerExit> RunServerBinaryToExit(const std::vector<std::string>& flags) {
  absl::StatusOr<std::unique_ptr<ChildProcess>> process = StartServerBinary(flags);
  if (!process.ok()) return process.status();
  absl::StatusOr<ProcessExit> exit = (*process)->WaitForExit(kProcessTimeout);
  if (!exit.ok()) return exit.status();
  return ServerExit{*exit, (*process)->Stderr()};
}

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(
    const std::vector<std::string>& flags) {
  absl::StatusOr<std::unique_ptr<ChildProcess>> process = StartServerBinary(flags);
  if (!process.ok()) return process.status();
  absl::StatusOr<std::string> address = ReadListeningAddress(**process);
  if (!address.ok()) return address.status();
  int port = 0;
  if (!absl::SimpleAtoi(absl::string_view(*address).substr(address->rfind(':') + 1), &port)) {
    return absl::InternalError(absl::StrCat("no port in the address ", *address));
  }
  return std::unique_ptr<ServerProcess>(
      new ServerProcess(*std::move(process), *std::move(address), port));
}

ServerProcess::ServerProcess(std::unique_ptr<ChildProcess> process, std::string address, int port)
    : process_(std::move(process)), address_(std::move(address)), port_(port) {}

std::unique_ptr<ServerProcess> StartServerProcess(const std::vector<std::string>& flags) {
  absl::StatusOr<std::unique_ptr<ServerProcess>> server = ServerProcess::Start(flags);
  if (!server.ok()) {
    ADD_FAILURE() << "advisor_server " << absl::StrJoin(flags, " ")
                  << " did not start: " << server.status();
    return nullptr;
  }
  return *std::move(server);
}

}  // namespace advisor::testing
