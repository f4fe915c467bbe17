#!/usr/bin/env python3
"""The one way the shell and Python tests start advisor_server.

As a module (the Python tests import it):

    server = start_server.AdvisorServer(SERVER_PATH, "--flag=value", metrics=True)
    try:
        ... server.address, server.metrics_address ...
        assert server.stop() == 0
    finally:
        server.close()

starts the binary on 127.0.0.1 and a port the OS picks (--host=127.0.0.1
--port=0, and with metrics=True --metrics_host=127.0.0.1 --metrics_port=0,
each unless the flags name it themselves), waits until it prints the
address it listens on (the line the C++ tests' kListeningPrefix names in
tests/support/server_process.h) and, when the flags turn metrics on, the
metrics address. Its stderr (the JSON log) goes to an anonymous temporary
file (already unlinked, so it never outlives the test); close() kills the
server if it still runs. The server also dies with the process that started
it (PR_SET_PDEATHSIG), so not even a killed test leaves one behind.

As a command (CMake's ADVISOR_WITH_SERVER, for shell and Node.js tests):

    start_server.py ADVISOR_SERVER_BINARY COMMAND [ARGS...]

starts the server the same way, runs COMMAND with ADVISOR_TARGET set to its
address (in a process group of its own, ended with SIGTERM, then SIGKILL,
if this script is stopped first), stops the server (SIGTERM) and exits with
COMMAND's status; 1 if the server does not start or dies while COMMAND runs.
"""

import ctypes
import os
import select
import signal
import subprocess
import sys
import tempfile
import time

LISTENING_PREFIX = "advisor_server listening on "
METRICS_PREFIX = "advisor_server metrics on "
# Generous: a loaded 2-core machine is slow to start; only a hang hits it.
START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 30

_PR_SET_PDEATHSIG = 1


def _die_with_parent(signum=signal.SIGKILL):
    """In the child, before exec: `signum` when the starting process ends."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signum))
    except (OSError, AttributeError):
        pass


def _has_flag(flags, name):
    return any(flag == f"--{name}" or flag.startswith(f"--{name}=") for flag in flags)


def _flag_value(flags, name):
    """The value of the last --name=value in flags, or None."""
    value = None
    for flag in flags:
        if flag.startswith(f"--{name}="):
            value = flag[len(name) + 3:]
    return value


def server_arguments(server_path, flags, metrics=False):
    """The command line AdvisorServer runs: the local defaults, then flags."""
    flags = list(flags)
    defaults = []
    if not _has_flag(flags, "host"):
        defaults.append("--host=127.0.0.1")
    if not _has_flag(flags, "port"):
        defaults.append("--port=0")
    if metrics:
        if not _has_flag(flags, "metrics_host"):
            defaults.append("--metrics_host=127.0.0.1")
        if not _has_flag(flags, "metrics_port"):
            defaults.append("--metrics_port=0")
    return [server_path, *defaults, *flags]


class AdvisorServer:
    """advisor_server as a child process that serves (see the module doc).

    Attributes: args (the command line), process (the subprocess.Popen),
    address and metrics_address ("host:port"; metrics_address None unless
    metrics are on), stdout_lines (what it printed before serving),
    stdout_rest (what it printed after, set by stop()).
    """

    def __init__(self, server_path, *flags, metrics=False, start_timeout=START_TIMEOUT_S):
        self.args = server_arguments(server_path, flags, metrics)
        metrics_port = _flag_value(self.args, "metrics_port")
        wants_metrics = metrics_port is not None and metrics_port != "-1"
        self._log = tempfile.TemporaryFile(prefix="advisor_server_")
        self.address = None
        self.metrics_address = None
        self.stdout_lines = []
        self.stdout_rest = b""
        try:
            # Unbuffered: select() then sees every line readline() has not read.
            self.process = subprocess.Popen(self.args, stdout=subprocess.PIPE, stderr=self._log,
                                            bufsize=0, preexec_fn=_die_with_parent)
        except OSError as error:
            self._log.close()
            raise AssertionError(f"cannot start {self.args[0]}: {error}") from error
        deadline = time.monotonic() + start_timeout
        while self.address is None or (wants_metrics and self.metrics_address is None):
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([self.process.stdout], [], [], max(remaining, 0))
            line = self.process.stdout.readline().decode(errors="replace") if ready else ""
            if not line:
                self.close()
                raise AssertionError(
                    f"advisor_server did not report its address{'es' if wants_metrics else ''}"
                    f" within {start_timeout} s: {' '.join(self.args)}\n{self._log_tail}")
            line = line.rstrip("\n")
            self.stdout_lines.append(line)
            if line.startswith(LISTENING_PREFIX):
                self.address = line[len(LISTENING_PREFIX):]
            elif line.startswith(METRICS_PREFIX):
                self.metrics_address = line[len(METRICS_PREFIX):]

    def stderr(self):
        """Everything the server has written to stderr so far."""
        fd = self._log.fileno()
        return os.pread(fd, os.fstat(fd).st_size, 0).decode("utf-8", errors="replace")

    def send_signal(self, signum):
        self.process.send_signal(signum)

    def running(self):
        return self.process.poll() is None

    def stop(self, signum=signal.SIGTERM, timeout=STOP_TIMEOUT_S):
        """Sends `signum` (SIGKILL after `timeout`) and returns the exit
        status; reads what the server printed meanwhile into stdout_rest."""
        if self.process.poll() is None:
            self.process.send_signal(signum)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if not self.process.stdout.closed:
            self.stdout_rest = self.process.stdout.read()
            self.process.stdout.close()
        return self.process.returncode

    def close(self):
        """Kills the server if it still runs and drops its log. Safe to call
        more than once."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if not self.process.stdout.closed:
            self.process.stdout.close()
        self._log.close()

    @property
    def _log_tail(self):
        try:
            return self.stderr()[-2000:]
        except (OSError, ValueError):
            return ""

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def run_server(server_path, *flags, timeout=START_TIMEOUT_S):
    """Runs a server expected to exit by itself (bad flags, --help), with the
    same local defaults as AdvisorServer, to its end: (status, stdout, stderr)."""
    result = subprocess.run(server_arguments(server_path, flags), capture_output=True, text=True,
                            timeout=timeout, check=False, preexec_fn=_die_with_parent)
    return result.returncode, result.stdout, result.stderr


def _end_group(command):
    """Ends what is left of the command's process group: SIGTERM, then
    SIGKILL after STOP_TIMEOUT_S."""
    for signum in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(command.pid, signum)
        except ProcessLookupError:
            return
        if command.poll() is None:
            try:
                command.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                continue
        deadline = time.monotonic() + (STOP_TIMEOUT_S if signum == signal.SIGTERM else 5)
        while time.monotonic() < deadline:
            try:
                os.killpg(command.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)


def main(argv):
    if len(argv) < 3:
        print(f"usage: {os.path.basename(argv[0])} ADVISOR_SERVER_BINARY COMMAND [ARGS...]",
              file=sys.stderr)
        return 2

    def stop_on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, stop_on_signal)
    try:
        server = AdvisorServer(argv[1])
    except AssertionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    command = None
    try:
        command = subprocess.Popen(argv[2:], env=dict(os.environ, ADVISOR_TARGET=server.address),
                                   start_new_session=True,
                                   preexec_fn=lambda: _die_with_parent(signal.SIGTERM))
        status = command.wait()
        if not server.running():
            print(f"error: advisor_server exited with {server.process.returncode} while "
                  f"{argv[2]} ran:\n{server.stderr()[-2000:]}", file=sys.stderr)
            return 1
        return status
    finally:
        if command is not None:
            _end_group(command)
        server.stop()
        server.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
