#include "tests/api/server_process.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;  // NOLINT: POSIX declares it nowhere in a header.

namespace advisor::testing {
namespace {

absl::Status ErrnoError(absl::string_view what) {
  return absl::InternalError(absl::StrCat(what, ": ", std::strerror(errno)));
}

// A file name for the child's stderr that no other test process uses.
std::string UniqueStderrPath() {
  std::string path = absl::StrCat(::testing::TempDir(), "advisor_server_stderr_XXXXXX");
  const int fd = mkstemp(path.data());
  if (fd >= 0) close(fd);
  return path;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(
    const std::string& binary, const std::vector<std::string>& arguments) {
  int stdout_pipe[2];
  if (pipe2(stdout_pipe, O_CLOEXEC) != 0) return ErrnoError("pipe2");
  const std::string stderr_path = UniqueStderrPath();

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdout_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  // The server relies on inheriting no blocked signals (it blocks its own).
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t no_signals;
  sigemptyset(&no_signals);
  posix_spawnattr_setsigmask(&attributes, &no_signals);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);

  std::vector<std::string> argv_storage = {binary};
  argv_storage.insert(argv_storage.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  argv.reserve(argv_storage.size() + 1);
  for (std::string& argument : argv_storage) argv.push_back(argument.data());
  argv.push_back(nullptr);

  pid_t pid = 0;
  const int error = posix_spawn(&pid, binary.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  close(stdout_pipe[1]);
  if (error != 0) {
    close(stdout_pipe[0]);
    return absl::InternalError(absl::StrCat("cannot start ", binary, ": ", std::strerror(error)));
  }
  return std::unique_ptr<ServerProcess>(new ServerProcess(pid, stdout_pipe[0], stderr_path));
}

ServerProcess::~ServerProcess() {
  if (!exited_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  close(stdout_fd_);
  std::remove(stderr_path_.c_str());
}

absl::StatusOr<std::string> ServerProcess::ReadStdoutLine(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    if (const size_t newline = stdout_buffer_.find('\n'); newline != std::string::npos) {
      std::string line = stdout_buffer_.substr(0, newline);
      stdout_buffer_.erase(0, newline + 1);
      return line;
    }
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) {
      return absl::DeadlineExceededError("no line on the server's stdout in time");
    }
    pollfd readable = {stdout_fd_, POLLIN, 0};
    const int ready = poll(&readable, 1, static_cast<int>(absl::ToInt64Milliseconds(left)) + 1);
    if (ready < 0 && errno != EINTR) return ErrnoError("poll");
    if (ready <= 0) continue;
    char chunk[4096];
    const ssize_t got = read(stdout_fd_, chunk, sizeof chunk);
    if (got < 0 && errno != EINTR) return ErrnoError("read");
    if (got == 0) return absl::OutOfRangeError("the server closed its stdout");
    if (got > 0) stdout_buffer_.append(chunk, static_cast<size_t>(got));
  }
}

absl::Status ServerProcess::Signal(int signal) {
  if (exited_) return absl::FailedPreconditionError("the process has already exited");
  if (kill(pid_, signal) != 0) return ErrnoError("kill");
  return absl::OkStatus();
}

absl::StatusOr<ProcessExit> ServerProcess::WaitForExit(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    int status = 0;
    const pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done < 0 && errno != EINTR) return ErrnoError("waitpid");
    if (done == pid_) {
      exited_ = true;
      ProcessExit result;
      if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
      if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
      return result;
    }
    if (absl::Now() >= deadline) {
      return absl::DeadlineExceededError("the server did not exit in time");
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
}

std::string ServerProcess::Stderr() const {
  std::ifstream file(stderr_path_);
  std::ostringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

}  // namespace advisor::testing
