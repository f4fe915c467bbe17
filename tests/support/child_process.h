#ifndef ADVISOR_TESTS_SUPPORT_CHILD_PROCESS_H_
#define ADVISOR_TESTS_SUPPORT_CHILD_PROCESS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
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

// A long-running child process (typically the advisor_server binary) whose
// stdout the test reads line by line and whose stderr is kept for later
// inspection in an anonymous temporary file (unlinked at once, so it never
// outlives the test). The destructor kills the process with SIGKILL if it
// still runs, so a failing test never leaves a process behind. Not thread-safe, except that
// Stderr(), IsRunning() and ResidentKib() may be called from any thread.
class ChildProcess {
 public:
  // Starts `argv` (argv[0] is the program's path) with the test's
  // environment and an empty signal mask (advisor_server blocks the
  // signals it handles itself and must not inherit blocked ones).
  // INTERNAL if it cannot be started.
  static absl::StatusOr<std::unique_ptr<ChildProcess>> Start(const std::vector<std::string>& argv);
  ~ChildProcess();

  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

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

  // True while the process runs: it has neither exited nor been killed (a
  // zombie does not count).
  bool IsRunning() const;

  // Its resident set size (VmRSS) in KiB; NOT_FOUND once it is gone.
  absl::StatusOr<long> ResidentKib() const;

  pid_t pid() const { return pid_; }

 private:
  ChildProcess(pid_t pid, int stdout_fd, int stderr_fd);

  pid_t pid_;
  int stdout_fd_;
  int stderr_fd_;  // The anonymous file the process writes its stderr to.
  std::string stdout_buffer_;
  bool exited_ = false;
};

// What a finished command printed and how it ended.
struct CommandResult {
  int exit_code = -1;  // Exit status, or -1 if a signal ended it.
  std::string out;     // Everything it wrote to stdout.
  std::string err;     // Everything it wrote to stderr.
};

// Runs `argv` (argv[0] is the program's path) to completion, as
// ChildProcess starts it, with stdout and stderr captured in anonymous
// temporary files. INTERNAL if it cannot be started;
// DEADLINE_EXCEEDED (after killing it) if it runs longer than `timeout`.
absl::StatusOr<CommandResult> RunCommand(const std::vector<std::string>& argv,
                                         absl::Duration timeout = absl::Seconds(120));

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_SUPPORT_CHILD_PROCESS_H_
