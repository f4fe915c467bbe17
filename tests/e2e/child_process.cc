#include "tests/e2e/child_process.h"

#include <atomic>
#include <csignal>
#include <fstream>
#include <memory>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace advisor::testing {
namespace {

std::vector<char*> CArgs(std::vector<std::string> const& argv) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (auto const& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  return args;
}

std::string ReadWholeFile(std::string const& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

int ExitCode(int wait_status) { return WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1; }

}  // namespace

absl::StatusOr<CommandResult> RunCommand(std::vector<std::string> const& argv) {
  static std::atomic<int> counter{0};
  std::string const base =
      absl::StrCat(::testing::TempDir(), "/advisor_e2e_", getpid(), "_", counter.fetch_add(1));
  std::string const out_path = base + ".out";
  std::string const err_path = base + ".err";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  auto args = CArgs(argv);
  int const rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return absl::InternalError(absl::StrCat("cannot start ", argv[0]));
  int wait_status = 0;
  if (waitpid(pid, &wait_status, 0) != pid) return absl::InternalError("waitpid failed");
  CommandResult result;
  result.exit_code = ExitCode(wait_status);
  result.out = ReadWholeFile(out_path);
  result.err = ReadWholeFile(err_path);
  unlink(out_path.c_str());
  unlink(err_path.c_str());
  return result;
}

absl::StatusOr<std::unique_ptr<ChildProcess>> ChildProcess::Start(
    std::vector<std::string> const& argv) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return absl::InternalError("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  pid_t pid = 0;
  auto args = CArgs(argv);
  int const rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    return absl::InternalError(absl::StrCat("cannot start ", argv[0]));
  }
  return std::unique_ptr<ChildProcess>(new ChildProcess(pid, fds[0]));
}

ChildProcess::~ChildProcess() {
  if (!exited_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  close(stdout_fd_);
}

absl::StatusOr<std::string> ChildProcess::ReadLine(absl::Duration timeout) {
  absl::Time const deadline = absl::Now() + timeout;
  while (true) {
    if (auto newline = buffered_.find('\n'); newline != std::string::npos) {
      std::string line = buffered_.substr(0, newline);
      buffered_.erase(0, newline + 1);
      return line;
    }
    absl::Duration const left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) return absl::DeadlineExceededError("no line in time");
    pollfd poll_fd{stdout_fd_, POLLIN, 0};
    if (poll(&poll_fd, 1, static_cast<int>(absl::ToInt64Milliseconds(left)) + 1) <= 0) continue;
    char chunk[4096];
    ssize_t const n = read(stdout_fd_, chunk, sizeof(chunk));
    if (n <= 0) return absl::OutOfRangeError("end of output");
    buffered_.append(chunk, static_cast<size_t>(n));
  }
}

absl::StatusOr<int> ChildProcess::SignalAndWait(int signal, absl::Duration timeout) {
  if (kill(pid_, signal) != 0) return absl::InternalError("kill failed");
  absl::Time const deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    int wait_status = 0;
    pid_t const done = waitpid(pid_, &wait_status, WNOHANG);
    if (done == pid_) {
      exited_ = true;
      return ExitCode(wait_status);
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  return absl::DeadlineExceededError("the process did not end in time");
}

}  // namespace advisor::testing
