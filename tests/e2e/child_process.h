#ifndef ADVISOR_TESTS_E2E_CHILD_PROCESS_H_
#define ADVISOR_TESTS_E2E_CHILD_PROCESS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

#include <sys/types.h>

namespace advisor::testing {

/// What a finished command printed and how it ended.
struct CommandResult {
  int exit_code = -1;  ///< Exit status, or -1 if it died from a signal.
  std::string out;     ///< Everything it wrote to stdout.
  std::string err;     ///< Everything it wrote to stderr.
};

/// Runs `argv` (argv[0] is the program's path) to completion, capturing
/// stdout and stderr in files under the test's temporary directory.
/// INTERNAL if it cannot be started.
absl::StatusOr<CommandResult> RunCommand(std::vector<std::string> const& argv);

/// A long-running child (the server) whose stdout is read line by line.
/// The destructor kills it with SIGKILL if it still runs, so a failing test
/// never leaves it behind.
class ChildProcess {
 public:
  /// Starts `argv`; its stderr goes to the test's stderr.
  static absl::StatusOr<std::unique_ptr<ChildProcess>> Start(std::vector<std::string> const& argv);
  ~ChildProcess();

  ChildProcess(ChildProcess const&) = delete;
  ChildProcess& operator=(ChildProcess const&) = delete;

  /// The next line of stdout, without the newline. DEADLINE_EXCEEDED if
  /// none arrives within `timeout`, OUT_OF_RANGE at end of output.
  absl::StatusOr<std::string> ReadLine(absl::Duration timeout);

  /// Sends `signal` and waits for the child to end; returns its exit status
  /// (-1 if a signal ended it). DEADLINE_EXCEEDED if it outlives `timeout`.
  absl::StatusOr<int> SignalAndWait(int signal, absl::Duration timeout);

 private:
  ChildProcess(pid_t pid, int stdout_fd) : pid_(pid), stdout_fd_(stdout_fd) {}

  pid_t pid_;
  int stdout_fd_;
  std::string buffered_;
  bool exited_ = false;
};

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_E2E_CHILD_PROCESS_H_
