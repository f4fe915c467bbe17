#ifndef ADVISOR_TESTS_SUPPORT_SERVER_PROCESS_H_
#define ADVISOR_TESTS_SUPPORT_SERVER_PROCESS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

#include "tests/support/child_process.h"

namespace advisor::testing {

// The first line advisor_server prints on stdout once it serves, followed by
// the address (host:port) it listens on. tests/support/start_server.py
// (the shell and Python tests' launcher) reads the same line.
inline constexpr absl::string_view kListeningPrefix = "advisor_server listening on ";

// How long a server may take to print its address. Generous: a sanitizer
// build on a loaded 2-core machine is slow to start; only a hang hits it.
inline constexpr absl::Duration kStartTimeout = absl::Seconds(60);
// How long a process may take to print a line or to exit once asked to.
inline constexpr absl::Duration kProcessTimeout = absl::Seconds(30);

// The advisor_server binary of this build.
const char* AdvisorServerPath();

// Reads the next stdout line of `process` and returns the address after
// kListeningPrefix. INTERNAL for any other line; the read's error otherwise.
// Either error carries the process's stderr.
absl::StatusOr<std::string> ReadListeningAddress(ChildProcess& process,
                                                 absl::Duration timeout = kStartTimeout);

// The advisor_server binary started with `flags`, on 127.0.0.1 and a port
// the OS picks (--host=127.0.0.1 --port=0) unless `flags` name --host or
// --port themselves, without waiting for anything: for a server expected to
// fail before it listens, or whose output the test reads itself.
absl::StatusOr<std::unique_ptr<ChildProcess>> StartServerBinary(
    const std::vector<std::string>& flags = {});

// How a server expected to fail before it listens ended.
struct ServerExit {
  ProcessExit exit;
  // Everything it wrote on stderr.
  std::string stderr_output;
};

// StartServerBinary(flags), then waits (kProcessTimeout) for it to exit: for
// flags that must be refused. The error of starting or waiting otherwise.
absl::StatusOr<ServerExit> RunServerBinaryToExit(const std::vector<std::string>& flags);

// The advisor_server binary as a child process that serves: started as
// StartServerBinary(flags) does and waited for until it prints the address
// it listens on. Killed (SIGKILL) when destroyed unless it has
// exited already, so a failing test leaves no server behind.
class ServerProcess {
 public:
  // INTERNAL / DEADLINE_EXCEEDED (with the server's stderr) when it cannot
  // be started or does not report its address in time.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(
      const std::vector<std::string>& flags = {});

  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // host:port, e.g. "127.0.0.1:40123".
  const std::string& address() const { return address_; }
  int port() const { return port_; }

  // The process, e.g. to read further stdout lines.
  ChildProcess& process() const { return *process_; }

  absl::Status Signal(int signal) const { return process_->Signal(signal); }
  absl::StatusOr<ProcessExit> WaitForExit(absl::Duration timeout = kProcessTimeout) const {
    return process_->WaitForExit(timeout);
  }
  // Its stderr so far (the JSON log), e.g. for failure messages.
  std::string Stderr() const { return process_->Stderr(); }
  bool IsRunning() const { return process_->IsRunning(); }

 private:
  ServerProcess(std::unique_ptr<ChildProcess> process, std::string address, int port);

  std::unique_ptr<ChildProcess> process_;
  std::string address_;
  int port_;
};

// ServerProcess::Start for a test body: a non-fatal failure (with the
// reason) and null when the server does not start, so
//   auto server = StartServerProcess({...}); ASSERT_NE(server, nullptr);
std::unique_ptr<ServerProcess> StartServerProcess(const std::vector<std::string>& flags = {});

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_SUPPORT_SERVER_PROCESS_H_
