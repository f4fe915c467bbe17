#include "tests/support/child_process.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;  // NOLINT: POSIX declares it in no header.

namespace advisor::testing {
namespace {

absl::Status ErrnoError(absl::string_view what) {
  return absl::InternalError(absl::StrCat(what, ": ", std::strerror(errno)));
}

// A file in the temporary directory that is unlinked at once: only the
// returned descriptor (close-on-exec) reaches it, so it never outlives the
// test, not even one killed with SIGKILL.
absl::StatusOr<int> OpenAnonymousFile() {
  std::string path = ::testing::TempDir();
  if (path.empty() || path.back() != '/') path += '/';
  path += "advisor_output_XXXXXX";
  const int fd = mkostemp(path.data(), O_CLOEXEC);
  if (fd < 0) return ErrnoError(absl::StrCat("mkostemp ", path));
  unlink(path.c_str());
  return fd;
}

// Everything written to `fd` so far.
std::string ReadAll(int fd) {
  std::string contents;
  char chunk[4096];
  off_t offset = 0;
  while (true) {
    const ssize_t got = pread(fd, chunk, sizeof chunk, offset);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return contents;
    contents.append(chunk, static_cast<size_t>(got));
    offset += got;
  }
}

// Starts `argv` with stdout on `stdout_fd` and stderr on `stderr_fd`, the
// test's environment and an empty signal mask.
absl::StatusOr<pid_t> Spawn(const std::vector<std::string>& argv, int stdout_fd, int stderr_fd) {
  if (argv.empty()) return absl::InvalidArgumentError("no program to start");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdout_fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, stderr_fd, STDERR_FILENO);
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
  absl::StatusOr<int> stderr_fd = OpenAnonymousFile();
  if (!stderr_fd.ok()) return stderr_fd.status();
  int stdout_pipe[2];
  if (pipe2(stdout_pipe, O_CLOEXEC) != 0) {
    close(*stderr_fd);
    return ErrnoError("pipe2");
  }
  absl::StatusOr<pid_t> pid = Spawn(argv, stdout_pipe[1], *stderr_fd);
  close(stdout_pipe[1]);
  if (!pid.ok()) {
    close(stdout_pipe[0]);
    close(*stderr_fd);
    return pid.status();
  }
  return std::unique_ptr<ChildProcess>(new ChildProcess(*pid, stdout_pipe[0], *stderr_fd));
}

ChildProcess::ChildProcess(pid_t pid, int stdout_fd, int stderr_fd)
    : pid_(pid), stdout_fd_(stdout_fd), stderr_fd_(stderr_fd) {}

ChildProcess::~ChildProcess() {
  if (!exited_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  close(stdout_fd_);
  close(stderr_fd_);
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

std::string ChildProcess::Stderr() const { return ReadAll(stderr_fd_); }

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
  absl::StatusOr<int> out_fd = OpenAnonymousFile();
  if (!out_fd.ok()) return out_fd.status();
  absl::StatusOr<int> err_fd = OpenAnonymousFile();
  if (!err_fd.ok()) {
    close(*out_fd);
    return err_fd.status();
  }
  absl::StatusOr<CommandResult> result;
  absl::StatusOr<pid_t> pid = Spawn(argv, *out_fd, *err_fd);
  if (!pid.ok()) {
    result = pid.status();
  } else if (absl::StatusOr<ProcessExit> exit = WaitUntil(*pid, absl::Now() + timeout);
             !exit.ok()) {
    kill(*pid, SIGKILL);
    waitpid(*pid, nullptr, 0);
    result =
        absl::Status(exit.status().code(),
                     absl::StrCat(argv[0], ": ", exit.status().message(), " within ",
                                  absl::FormatDuration(timeout), "; stderr:\n", ReadAll(*err_fd)));
  } else {
    result = CommandResult{exit->exit_code, ReadAll(*out_fd), ReadAll(*err_fd)};
  }
  close(*out_fd);
  close(*err_fd);
  return result;
}

}  // namespace advisor::testing
