#ifndef ADVISOR_TESTS_API_SERVER_PROCESS_H_
#define ADVISOR_TESTS_API_SERVER_PROCESS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

#include <sys/types.h>

namespace advisor::testing {

// How a child process ended.
struct ProcessExit {
  // The exit status, or -1 when a signal ended the process.
  int exit_code = -1;
  // The signal that ended it, or 0.
  int signal = 0;
};

// A child process (the advisor_server binary) whose stdout the test reads
// line by line and whose stderr is kept in a file for later inspection.
// The destructor kills it with SIGKILL if it still runs, so a failing test
// never leaves a server behind. Not thread-safe.
class ServerProcess {
 public:
  // Starts `binary` with `arguments` and an empty signal mask. INTERNAL if
  // it cannot be started.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(
      const std::string& binary, const std::vector<std::string>& arguments);
  ~ServerProcess();

  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // The next line of stdout without its newline. DEADLINE_EXCEEDED if none
  // arrives within `timeout`; OUT_OF_RANGE once stdout is closed.
  absl::StatusOr<std::string> ReadStdoutLine(absl::Duration timeout);

  // Sends `signal` to the process. FAILED_PRECONDITION once it has exited.
  absl::Status Signal(int signal);

  // Waits until the process ends. DEADLINE_EXCEEDED if it still runs after
  // `timeout` (the destructor then kills it).
  absl::StatusOr<ProcessExit> WaitForExit(absl::Duration timeout);

  // Everything the process has written to stderr so far.
  std::string Stderr() const;

  // The process id, e.g. to read /proc/<pid>/status.
  pid_t pid() const { return pid_; }

 private:
  ServerProcess(pid_t pid, int stdout_fd, std::string stderr_path)
      : pid_(pid), stdout_fd_(stdout_fd), stderr_path_(std::move(stderr_path)) {}

  pid_t pid_;
  int stdout_fd_;
  std::string stderr_path_;
  std::string stdout_buffer_;
  bool exited_ = false;
};

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_API_SERVER_PROCESS_H_
