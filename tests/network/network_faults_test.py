#!/usr/bin/env python3
"""The C++ SDK with its default options under packet loss, a blackhole and
added delay, across network namespaces this test creates.

    client namespace                       server namespaces
    fault_driver (SDK, round_robin)
      c1 10.77.0.1/30  <-- veth -->  eth0 10.77.0.2/30  advisor_server replica-1
      c2 10.77.0.5/30  <-- veth -->  eth0 10.77.0.6/30  advisor_server replica-2

The namespace names carry this process's id, so runs never collide; the
addresses live only inside them. Each replica serves the default knowledge
base under its own version (`2024.1-replica-N`), so a response's served_by
tells which replica answered. fault_driver (tests/network/fault_driver.cc)
runs in the client namespace and calls GetFramework at a steady rate with
the SDK's default options except the target and the deadline. Phases:

- baseline: no fault, deadline 1 s; every call OK, both replicas serve.
- loss: nftables drops 5 % of the packets on each server's input hook
  (at least 90 % of the calls OK), then 30 %; deadline 1 s.
- blackhole: replica-2 drops every packet on its input hook for 2 s, then
  the rule goes; deadline 500 ms. While it lasts replica-2 answers nothing
  and replica-1 keeps answering; afterwards replica-2 serves its share again.
- lasting blackhole: the same for the SDK's keepalive timeout (as
  fault_driver prints it) plus 5 s, at 50 calls a second: replica-2's calls
  fail until keepalive drops its connection, then every call goes to
  replica-1 and none fails; then the rule goes (when replica-2 answers
  again is printed).
- delay: one delay_proxy.py per replica in the client namespace adds 100 ms
  each way (this kernel has no netem); calls alternate between a 2 s
  deadline (all OK) and a 50 ms one (all DEADLINE_EXCEEDED).

In every phase each call ends OK, DEADLINE_EXCEEDED or UNAVAILABLE, none
later than its deadline plus SLACK_S, and the figures (calls, codes,
latency percentiles, calls per replica) are printed.

Needs root, network namespaces and nftables: without them it prints why and
exits SKIP (77, CTest's SKIP_RETURN_CODE). Everything it creates (processes,
namespaces with their veths and nft tables, temporary files) is removed on
the way out, failure and SIGTERM included; namespaces left by an earlier run
that was killed are removed at the start. Exit status 0 when every check
passed, 1 otherwise.

Run by CTest with ADVISOR_SOURCE_DIR, ADVISOR_SERVER_PATH and
ADVISOR_FAULT_DRIVER_PATH set (see CMakeLists.txt next to this file).
"""

import contextlib
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import start_server  # noqa: E402  (tests/support: how tests start advisor_server)

SOURCE_DIR = os.environ.get("ADVISOR_SOURCE_DIR", "")
SERVER_PATH = os.environ.get("ADVISOR_SERVER_PATH", "")
DRIVER_PATH = os.environ.get("ADVISOR_FAULT_DRIVER_PATH", "")
DELAY_PROXY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "delay_proxy.py")

SKIP = 77
NAMESPACE_PREFIX = "advisor-netfault-"
TABLE = "advisor_faults"
# (client address, server address) of each replica's /30.
LINKS = [("10.77.0.1", "10.77.0.2"), ("10.77.0.5", "10.77.0.6")]
ALLOWED_CODES = {"OK", "DEADLINE_EXCEEDED", "UNAVAILABLE"}
# How much later than its deadline a call may end: scheduling on a busy
# 2-core machine (up to ~220 ms seen while builds shared the cores), not
# the network; a hang would be seconds.
SLACK_S = 0.5
START_TIMEOUT_S = 30
# How long fault_driver may run past its --duration: the longest deadline
# (2 s), its own 5 s wait for calls that never report back, start and exit.
DRIVER_MARGIN_S = 20
RATE = 200
LOSS_PERCENT = 5
HEAVY_LOSS_PERCENT = 30
BLACKHOLE_S = 2.0
# The lasting blackhole holds this much longer than the SDK's keepalive
# timeout, at a lower rate (it is long).
LASTING_EXTRA_S = 5.0
LASTING_RATE = 50
DELAY_MS = 100


class Unsupported(Exception):
    """The machine cannot run this test (the message says why)."""


class Failure(Exception):
    """A command the test needs failed."""


def run(*command, stdin=None):
    """Runs a command to its end; its stdout, or Failure with its stderr."""
    result = subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=60,
                            check=False)
    if result.returncode != 0:
        raise Failure(f"{' '.join(command)} exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout


def missing_requirement():
    """Why this machine cannot run the test, or None."""
    if os.geteuid() != 0:
        return "needs root (network namespaces, veth pairs and nftables)"
    for tool in ("ip", "nft"):
        if shutil.which(tool) is None:
            return f"`{tool}` is not installed (Debian: iproute2, nftables)"
    for name, path in (("ADVISOR_SERVER_PATH", SERVER_PATH),
                       ("ADVISOR_FAULT_DRIVER_PATH", DRIVER_PATH)):
        if not os.access(path, os.X_OK):
            raise Failure(f"{name} is not an executable: {path!r}")
    return None


def remove_stale_namespaces():
    """Removes namespaces of earlier runs whose process is gone (a run killed
    with SIGKILL cannot clean up after itself)."""
    try:
        names = run("ip", "netns", "list").split()
    except Failure:
        return
    for name in names:
        match = re.fullmatch(re.escape(NAMESPACE_PREFIX) + r"(\d+)-\w+", name)
        if not match or int(match.group(1)) == os.getpid():
            continue
        try:
            os.kill(int(match.group(1)), 0)
        except ProcessLookupError:
            subprocess.run(["ip", "netns", "del", name], capture_output=True, check=False)
        except PermissionError:
            pass


class Network:
    """The client and server namespaces, their veth pairs and nft tables."""

    def __init__(self):
        prefix = f"{NAMESPACE_PREFIX}{os.getpid()}-"
        self.client = prefix + "client"
        self.servers = [prefix + f"server{i + 1}" for i in range(len(LINKS))]
        self.created = []

    def create(self):
        for namespace in [self.client, *self.servers]:
            try:
                run("ip", "netns", "add", namespace)
            except Failure as error:
                raise Unsupported(f"the kernel refuses network namespaces: {error}") from error
            self.created.append(namespace)
            run("ip", "-n", namespace, "link", "set", "lo", "up")
        for i, (server, (client_address, server_address)) in enumerate(zip(self.servers, LINKS)):
            # Both ends are made inside their namespaces: no name in the
            # host's namespace, ever.
            client_end = f"c{i + 1}"
            run("ip", "-n", self.client, "link", "add", client_end, "type", "veth", "peer", "name",
                "eth0", "netns", server)
            run("ip", "-n", self.client, "addr", "add", f"{client_address}/30", "dev", client_end)
            run("ip", "-n", server, "addr", "add", f"{server_address}/30", "dev", "eth0")
            run("ip", "-n", self.client, "link", "set", client_end, "up")
            run("ip", "-n", server, "link", "set", "eth0", "up")
            try:
                self.nft(server, f"add table inet {TABLE}\n"
                         f"add chain inet {TABLE} input "
                         "{ type filter hook input priority 0; policy accept; }\n")
            except Failure as error:
                raise Unsupported(f"nftables does not work in a namespace: {error}") from error

    def exec_command(self, namespace, *command):
        return ["ip", "netns", "exec", namespace, *command]

    def nft(self, namespace, script):
        run(*self.exec_command(namespace, "nft", "-f", "-"), stdin=script)

    def set_fault(self, server, rule):
        """Replaces the input rules of server namespace `server` with `rule`
        (nft syntax), or none at all when rule is None; atomically."""
        script = f"flush chain inet {TABLE} input\n"
        if rule:
            script += f"add rule inet {TABLE} input {rule}\n"
        self.nft(self.servers[server], script)

    def remove(self):
        """Deletes the tables and namespaces (their veths go with them);
        call it after every process inside has ended."""
        problems = []
        for namespace in reversed(self.created):
            if namespace in self.servers:
                delete = self.exec_command(namespace, "nft", "delete", "table", "inet", TABLE)
                subprocess.run(delete, capture_output=True, check=False)
            result = subprocess.run(["ip", "netns", "del", namespace], capture_output=True,
                                    text=True, check=False)
            if result.returncode != 0:
                problems.append(f"{namespace}: {result.stderr.strip()}")
        self.created = []
        if problems:
            raise Failure("cannot remove namespaces: " + "; ".join(problems))


def read_line(process, prefix, timeout):
    """The rest of the first line of process's stdout starting with prefix;
    Failure if it exits or `timeout` passes first."""
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        ready, _, _ = select.select([process.stdout], [], [], max(remaining, 0))
        line = process.stdout.readline().decode(errors="replace") if ready else ""
        if not line:
            program = os.path.basename(process.args[4])
            raise Failure(f"{program} did not print {prefix!r} within {timeout} s")
        if line.startswith(prefix):
            return line[len(prefix):].strip()


class Child:
    """A helper process (driver or proxy) in a namespace, ended on close()."""

    def __init__(self, command):
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, bufsize=0,
                                        preexec_fn=start_server._die_with_parent)

    def close(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()


def percentile(values, fraction):
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(fraction * len(ordered))) - 1))]


def milliseconds(seconds):
    return f"{seconds * 1000:.1f} ms"


class Call:
    def __init__(self, line):
        start, end, deadline, self.code, *replica = line.rstrip("\n").split("\t")
        self.start, self.end, self.deadline = float(start), float(end), float(deadline)
        self.replica = replica[0] if replica else ""
        self.latency = self.end - self.start


class Test:
    def __init__(self, network, work, addresses):
        self.network = network
        self.work = work
        self.addresses = addresses
        self.problems = []
        # The SDK's defaults, as fault_driver prints them.
        self.keepalive_time_s = self.keepalive_timeout_s = None

    def check(self, condition, message):
        if not condition:
            self.problems.append(message)
            print(f"  FAILED: {message}", flush=True)

    def drive(self, name, target, deadlines, duration, schedule=(), rate=RATE):
        """Runs fault_driver for `duration` seconds and returns its Calls;
        `schedule` holds (seconds after its first call, action) pairs run on
        the way."""
        records = os.path.join(self.work, f"{name}.tsv")
        driver = Child(self.network.exec_command(
            self.network.client, DRIVER_PATH, f"--target={target}",
            f"--deadlines={','.join(deadlines)}", f"--duration={duration}s", f"--rate={rate}",
            f"--records={records}"))
        try:
            keepalive = read_line(driver.process, "fault_driver keepalive: ", START_TIMEOUT_S)
            match = re.fullmatch(r"time (\S+) s, timeout (\S+) s", keepalive)
            if not match:
                raise Failure(f"fault_driver printed keepalive: {keepalive!r}")
            self.keepalive_time_s, self.keepalive_timeout_s = map(float, match.groups())
            started = float(read_line(driver.process, "fault_driver started at ", START_TIMEOUT_S))
            for offset, action in schedule:
                time.sleep(max(0.0, started + offset - time.monotonic()))
                action()
            limit = started + duration + DRIVER_MARGIN_S - time.monotonic()
            try:
                status = driver.process.wait(max(limit, 1))
            except subprocess.TimeoutExpired as error:
                raise Failure(f"{name}: fault_driver did not exit within "
                              f"{duration + DRIVER_MARGIN_S} s") from error
            summary = driver.process.stdout.read().decode(errors="replace").strip()
            self.check(status == 0, f"{name}: fault_driver exited {status}: {summary}")
        finally:
            driver.close()
        with open(records, encoding="utf-8") as lines:
            calls = [Call(line) for line in lines]
        os.unlink(records)
        return calls

    def report(self, phase, calls):
        """Prints one phase's figures per deadline and checks codes and
        wall times."""
        self.check(calls, f"{phase}: no calls")
        for deadline in sorted({call.deadline for call in calls}):
            these = [call for call in calls if call.deadline == deadline]
            codes = {}
            replicas = {}
            for call in these:
                codes[call.code] = codes.get(call.code, 0) + 1
                if call.code == "OK":
                    replicas[call.replica] = replicas.get(call.replica, 0) + 1
            latencies = [call.latency for call in these]
            by_code = ", ".join(f"{code} {count}" for code, count in sorted(codes.items()))
            by_replica = ", ".join(f"{name} {count}" for name, count in sorted(replicas.items()))
            print(f"{phase} (deadline {milliseconds(deadline)}): {len(these)} calls, {by_code}; "
                  f"p50 {milliseconds(percentile(latencies, 0.5))}, "
                  f"p99 {milliseconds(percentile(latencies, 0.99))}, "
                  f"max {milliseconds(max(latencies))}; OK by {by_replica or 'none'}", flush=True)
            unexpected = set(codes) - ALLOWED_CODES
            self.check(not unexpected, f"{phase}: codes other than {sorted(ALLOWED_CODES)}: "
                       f"{sorted(unexpected)}")
            late = [call for call in these if call.latency > deadline + SLACK_S]
            self.check(not late, f"{phase}: {len(late)} calls ended more than "
                       f"{milliseconds(SLACK_S)} after their deadline (longest "
                       f"{milliseconds(max(latencies))})")

    def replica_target(self):
        return "ipv4:" + ",".join(self.addresses)

    def baseline(self):
        calls = self.drive("baseline", self.replica_target(), ["1s"], 3)
        self.report("baseline", calls)
        ok = [call for call in calls if call.code == "OK"]
        self.check(len(ok) == len(calls), f"baseline: {len(calls) - len(ok)} calls failed")
        for replica in replica_names():
            share = sum(call.replica == replica for call in ok) / max(len(ok), 1)
            self.check(0.35 <= share <= 0.65, f"baseline: {replica} served {share:.0%} of calls")

    def lossy(self, percent, seconds):
        """The calls of `seconds` with `percent` % of the packets into each
        server dropped."""
        rule = f"numgen random mod 100 < {percent} drop"
        for server in range(len(LINKS)):
            self.network.set_fault(server, rule)
        try:
            calls = self.drive(f"loss{percent}", self.replica_target(), ["1s"], seconds)
        finally:
            for server in range(len(LINKS)):
                self.network.set_fault(server, None)
        self.report(f"loss {percent} %", calls)
        return calls

    def loss(self):
        calls = self.lossy(LOSS_PERCENT, 6)
        ok = sum(call.code == "OK" for call in calls)
        self.check(ok >= 0.9 * len(calls), f"loss: only {ok} of {len(calls)} calls OK")
        # Heavy loss: many calls fail, but only with the allowed codes and
        # on time (report checks both).
        self.lossy(HEAVY_LOSS_PERCENT, 4)

    def blackhole_switches(self, times):
        """Functions that start and end a blackhole of replica 2, noting
        their monotonic times in `times` as "on" and "off"."""
        def start():
            self.network.set_fault(1, "drop")
            times["on"] = time.monotonic()

        def end():
            self.network.set_fault(1, None)
            times["off"] = time.monotonic()

        return start, end

    def blackhole(self):
        times = {}
        start_blackhole, end_blackhole = self.blackhole_switches(times)

        before_s, after_s = 2.0, 4.0
        try:
            calls = self.drive("blackhole", self.replica_target(), ["500ms"],
                                  before_s + BLACKHOLE_S + after_s,
                                  [(before_s, start_blackhole),
                                   (before_s + BLACKHOLE_S, end_blackhole)])
        finally:
            self.network.set_fault(1, None)
        self.report("blackhole", calls)
        one, two = replica_names()
        on, off = times["on"], times["off"]
        phases = [("before", [c for c in calls if c.end < on]),
                  ("during", [c for c in calls if c.start >= on and c.end <= off]),
                  ("after", [c for c in calls if c.start >= off])]
        for phase, these in phases:
            ok = [c for c in these if c.code == "OK"]
            print(f"blackhole {phase}: {len(these)} calls, {len(these) - len(ok)} failed; OK by "
                  f"{one} {sum(c.replica == one for c in ok)}, "
                  f"{two} {sum(c.replica == two for c in ok)}", flush=True)
        before = [c for c in phases[0][1] if c.code == "OK"]
        during = [c for c in phases[1][1] if c.code == "OK"]
        self.check(any(c.replica == two for c in before), f"blackhole: {two} served nothing before")
        self.check(not any(c.replica == two for c in during),
                   f"blackhole: {two} answered calls while it was blackholed")
        self.check(any(c.replica == one for c in during),
                   f"blackhole: {one} served nothing while {two} was blackholed")
        recovered = [c.end for c in calls if c.start >= off and c.replica == two]
        self.check(recovered, f"blackhole: {two} never served again after the blackhole")
        if recovered:
            print(f"blackhole: {two} answered again {min(recovered) - off:.2f} s after the rule "
                  "went", flush=True)
        # TCP resends into the blackhole with exponential backoff (from
        # 200 ms), so the connection comes back at the first resend after
        # the rule goes, 1-2 s later here; 2.5 s after, it serves for sure.
        late = [c for c in calls if c.start >= off + 2.5 and c.code == "OK"]
        share = sum(c.replica == two for c in late) / max(len(late), 1)
        self.check(share >= 0.3, f"blackhole: {two} served {share:.0%} of the calls 2.5 s after")

    def lasting_blackhole(self):
        """Replica-2 blackholed for longer than the SDK's keepalive timeout:
        its calls fail until keepalive drops the connection, then round_robin
        sends every call to replica-1 and none fails."""
        self.check(self.keepalive_time_s > 0,
                   "lasting blackhole: the SDK's default options turn keepalive off, so a "
                   "blackholed replica keeps getting its share of the calls until the kernel "
                   "gives up on the connection (15 resends, about 15 minutes)")
        if not self.keepalive_time_s > 0:
            return
        one, two = replica_names()
        times = {}
        start_blackhole, end_blackhole = self.blackhole_switches(times)

        before_s, hold_s, after_s = 2.0, self.keepalive_timeout_s + LASTING_EXTRA_S, 8.0
        try:
            calls = self.drive("lasting", self.replica_target(), ["500ms"],
                               before_s + hold_s + after_s,
                               [(before_s, start_blackhole), (before_s + hold_s, end_blackhole)],
                               rate=LASTING_RATE)
        finally:
            self.network.set_fault(1, None)
        self.report("lasting blackhole", calls)
        on, off = times["on"], times["off"]
        failed = [c for c in calls if c.code != "OK" and on <= c.start <= off]
        if failed:
            print(f"lasting blackhole: the last failed call started "
                  f"{max(c.start for c in failed) - on:.1f} s into it; "
                  f"{len(failed)} failed calls", flush=True)
        # The connection goes keepalive_timeout after the first call sent
        # into the void; calls started a deadline and some slack after that
        # must all go to replica-1.
        settled = on + self.keepalive_timeout_s + 0.5 + SLACK_S + 1.0
        late = [c for c in failed if c.start >= settled]
        self.check(not late, f"lasting blackhole: {len(late)} calls started more than "
                   f"{settled - on:.1f} s into the blackhole failed (keepalive timeout "
                   f"{self.keepalive_timeout_s:g} s)")
        self.check(any(c.replica == one for c in calls if settled <= c.start <= off),
                   f"lasting blackhole: {one} served nothing while {two} was gone")
        after = [c for c in calls if c.start >= off]
        back = [c.end - off for c in after if c.replica == two]
        print(f"lasting blackhole after: {len(after)} calls, "
              f"{sum(c.code != 'OK' for c in after)} failed; {two} answered again "
              + (f"{min(back):.2f} s after the rule went" if back else "never"), flush=True)

    def delay(self):
        proxies = []
        try:
            addresses = []
            for address in self.addresses:
                proxy = Child(self.network.exec_command(
                    self.network.client, sys.executable, DELAY_PROXY, "--listen=127.0.0.1",
                    f"--upstream={address}", f"--delay_ms={DELAY_MS}"))
                proxies.append(proxy)
                addresses.append(read_line(proxy.process, "delay_proxy listening on ",
                                           START_TIMEOUT_S))
            calls = self.drive("delay", "ipv4:" + ",".join(addresses), ["50ms", "2s"], 4)
        finally:
            for proxy in proxies:
                proxy.close()
        self.report(f"delay {DELAY_MS} ms each way", calls)
        short = [c for c in calls if c.deadline < 0.001 * DELAY_MS]
        long = [c for c in calls if c.deadline > 2 * 0.001 * DELAY_MS]
        self.check(all(c.code == "DEADLINE_EXCEEDED" for c in short),
                   "delay: a call with a deadline shorter than the delay did not end in "
                   "DEADLINE_EXCEEDED")
        self.check(all(c.code == "OK" for c in long),
                   "delay: a call with a deadline longer than the round trip failed")
        self.check(long and percentile([c.latency for c in long], 0.5) >= 2 * 0.001 * DELAY_MS,
                   "delay: calls took less than the added round trip")


def replica_names():
    return [f"2024.1-replica-{i + 1}" for i in range(len(LINKS))]


def write_knowledge_bases(work):
    """One copy of the default knowledge base per replica, each with its own
    version; returns their paths."""
    path = os.path.join(SOURCE_DIR, "service", "knowledge_base", "default_knowledge_base.txtpb")
    with open(path, encoding="utf-8") as source:
        text = source.read()
    paths = []
    for replica in replica_names():
        replaced, count = re.subn(r'(?m)^version: "[^"]*"$', f'version: "{replica}"', text)
        if count != 1:
            raise Failure(f"{path} has no single top-level version line")
        paths.append(os.path.join(work, f"{replica}.txtpb"))
        with open(paths[-1], "w", encoding="utf-8") as out:
            out.write(replaced)
    return paths


def main():
    def stop_on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, stop_on_signal)
    began = time.monotonic()
    try:
        reason = missing_requirement()
    except Failure as error:
        print(f"network_faults_test: {error}", file=sys.stderr)
        return 1
    if reason:
        print(f"network_faults_test: SKIPPED: {reason}", flush=True)
        return SKIP
    remove_stale_namespaces()
    network = Network()
    try:
        with contextlib.ExitStack() as stack:
            work = stack.enter_context(tempfile.TemporaryDirectory(prefix="advisor_network_"))
            stack.callback(network.remove)
            try:
                network.create()
            except Unsupported as error:
                print(f"network_faults_test: SKIPPED: {error}", flush=True)
                return SKIP
            addresses = []
            for namespace, knowledge_base, (_, host) in zip(network.servers,
                                                            write_knowledge_bases(work), LINKS):
                server = start_server.AdvisorServer(
                    "ip", "netns", "exec", namespace, SERVER_PATH, f"--host={host}", "--port=0",
                    f"--knowledge_base={knowledge_base}", "--knowledge_base_poll_interval=0")
                stack.callback(server.close)
                addresses.append(server.address)
            test = Test(network, work, addresses)
            for phase in (test.baseline, test.loss, test.blackhole, test.lasting_blackhole,
                          test.delay):
                phase()
    except (Failure, AssertionError) as error:
        print(f"network_faults_test: FAILED: {error}", file=sys.stderr)
        return 1
    leftovers = [name for name in run("ip", "netns", "list").split()
                 if name.startswith(f"{NAMESPACE_PREFIX}{os.getpid()}-")]
    if leftovers:
        test.problems.append(f"namespaces left behind: {leftovers}")
    print(f"network_faults_test: {time.monotonic() - began:.1f} s", flush=True)
    if test.problems:
        print("network_faults_test: FAILED:\n  " + "\n  ".join(test.problems), file=sys.stderr)
        return 1
    print("network_faults_test: passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
