#include "tests/support/child_process.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;  // NOLINT: POSIX declares it in no header.

namespace advisor::testing {
namespace {

constexpr char kStderrFile[] = "stderr";

absl::Status ErrnoError(absl::string_view what) {
  return absl::InternalError(absl::StrCat(what, ": ", std::strerror(errno)));
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

// Starts `argv` with stdout on `stdout_fd` (dup'ed) when it is not -1,
// else into the file `stdout_path`, and stderr into the file `stderr_path`.
absl::StatusOr<pid_t> Spawn(const std::vector<std::string>& argv, int stdout_fd,
                            const std::string& stdout_path, const std::string& stderr_path) {
  if (argv.empty()) return absl::InvalidArgumentError("no program to start");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (stdout_fd != -1) {
    posix_spawn_file_actions_adddup2(&actions, stdout_fd, STDOUT_FILENO);
  } else {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
  }
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t no_signals;
  sigemptyset(&no_signals);
  posix_spawnattr_setsigmask(&attributes, &no_signals);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);

  std::vector<std::string> storage = argv;
  std::vector<char*> arguments;
  arguments.reserve(storage.size() + 1);
  for (std::string& argument : storage) arguments.push_back(argument.data());
  arguments.push_back(nullptr);

  pid_t pid = 0;
  const int error =
      posix_spawn(&pid, storage[0].c_str(), &actions, &attributes, arguments.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (error != 0) {
    return absl::InternalError(absl::StrCat("cannot start ", argv[0], ": ", std::strerror(error)));
  }
  return pid;
}

// Reaps `pid` once it ends, polling until `deadline`.
absl::StatusOr<ProcessExit> WaitUntil(pid_t pid, absl::Time deadline) {
  while (true) {
    int status = 0;
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done < 0 && errno != EINTR) return ErrnoError("waitpid");
    if (done == pid) {
      ProcessExit result;
      if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
      if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
      return result;
    }
    if (absl::Now() >= deadline) return absl::DeadlineExceededError("the process did not exit");
    absl::SleepFor(absl::Milliseconds(10));
  }
}

// The value of `field` (e.g. "State:") in /proc/<pid>/status, or "".
std::string ProcStatusField(pid_t pid, absl::string_view field) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    absl::string_view rest = line;
    if (absl::ConsumePrefix(&rest, field)) return std::string(absl::StripAsciiWhitespace(rest));
  }
  return "";
}

}  // namespace

absl::StatusOr<std::unique_ptr<ChildProcess>> ChildProcess::Start(
    const std::vector<std::string>& argv) {
  auto directory = std::make_unique<TempDirectory>("process");
  if (directory->path().empty()) return absl::InternalError("no directory for the stderr file");
  int stdout_pipe[2];
  if (pipe2(stdout_pipe, O_CLOEXEC) != 0) return ErrnoError("pipe2");
  absl::StatusOr<pid_t> pid = Spawn(argv, stdout_pipe[1], "", directory->Path(kStderrFile));
  close(stdout_pipe[1]);
  if (!pid.ok()) {
    close(stdout_pipe[0]);
    return pid.status();
  }
  return std::unique_ptr<ChildProcess>(
      new ChildProcess(*pid, stdout_pipe[0], std::move(directory)));
}

ChildProcess::ChildProcess(pid_t pid, int stdout_fd, std::unique_ptr<TempDirectory> directory)
    : pid_(pid), stdout_fd_(stdout_fd), directory_(std::move(directory)) {}

ChildProcess::~ChildProcess() {
  if (!exited_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  close(stdout_fd_);
}

absl::StatusOr<std::string> ChildProcess::ReadStdoutLine(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    if (const size_t newline = stdout_buffer_.find('\n'); newline != std::string::npos) {
      std::string line = stdout_buffer_.substr(0, newline);
      stdout_buffer_.erase(0, newline + 1);
      return line;
    }
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) {
      return absl::DeadlineExceededError("no line on the process's stdout in time");
    }
    pollfd readable = {stdout_fd_, POLLIN, 0};
    const int ready = poll(&readable, 1, static_cast<int>(absl::ToInt64Milliseconds(left)) + 1);
    if (ready < 0 && errno != EINTR) return ErrnoError("poll");
    if (ready <= 0) continue;
    char chunk[4096];
    const ssize_t got = read(stdout_fd_, chunk, sizeof chunk);
    if (got < 0 && errno != EINTR) return ErrnoError("read");
    if (got == 0) return absl::OutOfRangeError("the process closed its stdout");
    if (got > 0) stdout_buffer_.append(chunk, static_cast<size_t>(got));
  }
}

absl::Status ChildProcess::Signal(int signal) {
  if (exited_) return absl::FailedPreconditionError("the process has already exited");
  if (kill(pid_, signal) != 0) return ErrnoError("kill");
  return absl::OkStatus();
}

absl::StatusOr<ProcessExit> ChildProcess::WaitForExit(absl::Duration timeout) {
  if (exited_) return absl::FailedPreconditionError("the process has already been waited for");
  absl::StatusOr<ProcessExit> result = WaitUntil(pid_, absl::Now() + timeout);
  if (result.ok()) exited_ = true;
  return result;
}

std::string ChildProcess::Stderr() const { return ReadWholeFile(directory_->Path(kStderrFile)); }

bool ChildProcess::IsRunning() const {
  if (exited_) return false;
  // kill(pid, 0) also succeeds for a zombie, so read the state from /proc.
  const std::string state = ProcStatusField(pid_, "State:");
  return !state.empty() && state[0] != 'Z' && state[0] != 'X';
}

absl::StatusOr<long> ChildProcess::ResidentKib() const {
  long kib = 0;
  if (!exited_ &&
      absl::SimpleAtoi(absl::StripSuffix(ProcStatusField(pid_, "VmRSS:"), " kB"), &kib)) {
    return kib;
  }
  return absl::NotFoundError(absl::StrCat("no VmRSS for process ", pid_));
}

absl::StatusOr<CommandResult> RunCommand(const std::vector<std::string>& argv,
                                         absl::Duration timeout) {
  const TempDirectory directory("command");
  if (directory.path().empty()) return absl::InternalError("no directory for the output files");
  const std::string out_path = directory.Path("stdout");
  const std::string err_path = directory.Path("stderr");
  absl::StatusOr<pid_t> pid = Spawn(argv, -1, out_path, err_path);
  if (!pid.ok()) return pid.status();
  absl::StatusOr<ProcessExit> exit = WaitUntil(*pid, absl::Now() + timeout);
  if (!exit.ok()) {
    kill(*pid, SIGKILL);
    waitpid(*pid, nullptr, 0);
    return absl::Status(
        exit.status().code(),
        absl::StrCat(argv[0], ": ", exit.status().message(), " within ",
                     absl::FormatDuration(timeout), "; stderr:\n", ReadWholeFile(err_path)));
  }
  CommandResult result;
  result.exit_code = exit->exit_code;
  result.out = ReadWholeFile(out_path);
  result.err = ReadWholeFile(err_path);
  return result;
}

}  // namespace advisor::testing
