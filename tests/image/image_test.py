#!/usr/bin/env python3
"""Builds deploy/Dockerfile for real with podman, runs the image and checks it.

No registry is reachable and there is no Docker engine, so the test makes
its own base image (../shared/PLATFORM.md has the recipe): `debootstrap
--variant=minbase bookworm` from the mirror apt already uses, without apt's
caches (as in Debian's official image), imported as docker.io/library/debian:12
and tagged debian:12-slim too, so both FROM lines find it with --pull=never.
Then:

- build: `podman build --pull=never --network=host --format docker` (the
  docker format keeps HEALTHCHECK) of deploy/Dockerfile, with `git archive
  HEAD` as the build context (no build trees, nothing uncommitted;
  ADVISOR_IMAGE_CONTEXT=worktree takes the working tree's tracked and
  untracked, not ignored, files instead);
- the runtime image holds no compiler, headers or apt caches;
- run: the image's own CMD with the ports set to 0 (the server picks free
  ones and prints them; --network=host) on 127.0.0.1, the
  Deployment's restrictions (read-only root filesystem, no capabilities,
  no privilege escalation) and tests/image/knowledge_base.txtpb mounted
  read-only over /etc/advisor/knowledge_base.txtpb;
- checks: gRPC health SERVING (buf curl), one call of each service with the
  repository's `advisor` CLI (FrameworkService GetFramework,
  RoleMatchingService MatchRole, FaqService AnswerQuestion) answered from
  the mounted knowledge base, Prometheus text on the metrics port counting
  those calls, the server running as uid 10001 (podman exec id -u, podman
  top), the image's own CLI (its HEALTHCHECK command) and advisor_kb working
  inside the container, and `podman stop` (SIGTERM) ending it with exit code
  0 within the --grace_period of its CMD.

It prints what each part cost (seconds for base, build, run checks) and the
image's size.

Everything lives in ADVISOR_IMAGE_TEST_DIR (the build tree's tests/image):
podman's storage there is the cache that keeps the base image between runs
(a re-run skips debootstrap); the container, the built image and its build
stage, the build context, podman's run state and temporary files are
removed on the way out, failure and SIGTERM included. Nothing goes to /tmp,
/var/tmp, /var/lib/containers or /run.

Needs root, podman, runc and debootstrap (`make test-deps`), and
tests/ecosystem/node_modules (buf); without root or a podman that can run a
container it prints why and exits SKIP (77, CTest's SKIP_RETURN_CODE).
Exit status 0 when every check passed, 1 otherwise.

Run by CTest (label image; `make image-test`) with ADVISOR_SOURCE_DIR,
ADVISOR_CLI_PATH and ADVISOR_IMAGE_TEST_DIR set (see CMakeLists.txt next to
this file).
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

SOURCE_DIR = os.environ.get("ADVISOR_SOURCE_DIR", "")
CLI_PATH = os.environ.get("ADVISOR_CLI_PATH", "")
WORK_DIR = os.path.abspath(os.environ["ADVISOR_IMAGE_TEST_DIR"]) if os.environ.get(
    "ADVISOR_IMAGE_TEST_DIR") else ""
HERE = os.path.dirname(os.path.abspath(__file__))
CONTAINERS_CONF = os.path.join(HERE, "containers.conf")
KNOWLEDGE_BASE = os.path.join(HERE, "knowledge_base.txtpb")
BUF = os.path.join(SOURCE_DIR, "tests", "ecosystem", "node_modules", ".bin", "buf")

SKIP = 77
BASE_IMAGE = "docker.io/library/debian:12"
BASE_TAGS = (BASE_IMAGE, "docker.io/library/debian:12-slim")
IMAGE = "localhost/framework-advisor:image-test"
CONTAINER = f"advisor-image-test-{os.getpid()}"
# What tests/image/knowledge_base.txtpb serves, and the image's user.
KNOWLEDGE_BASE_VERSION = "image-test-1"
MOUNTED_ANSWER = "From the file mounted into the container by the image test."
IMAGE_UID = "10001"
START_TIMEOUT_S = 60
# A cold build downloads the build packages and compiles the server; about
# 2.5 min on an idle 2-core machine.
BUILD_TIMEOUT_S = 1200
DEBOOTSTRAP_TIMEOUT_S = 600
CALL_TIMEOUT_S = 60


class Skip(Exception):
    pass


class Failure(Exception):
    pass


def log(message):
    print(f"image_test: {message}", flush=True)


class Podman:
    """podman with this test's settings and storage in WORK_DIR."""

    def __init__(self, work_dir):
        self.storage = os.path.join(work_dir, "storage")
        # Run state and temporary files: recreated by every run (a stale
        # run state after a reboot would confuse podman), the storage stays.
        self.runroot = os.path.join(work_dir, "runroot")
        self.tmpdir = os.path.join(work_dir, "libpod-tmp")
        self.tmp = os.path.join(work_dir, "tmp")
        # runc's own container state, which it keeps in /run/runc otherwise.
        self.runc_state = os.path.join(work_dir, "runc-state")
        self.env = dict(os.environ, CONTAINERS_CONF=CONTAINERS_CONF, TMPDIR=self.tmp)
        self.base = ["podman", "--root", self.storage, "--runroot", self.runroot,
                     "--tmpdir", self.tmpdir, "--runtime-flag", f"root={self.runc_state}"]

    def run(self, *args, check=True, timeout=CALL_TIMEOUT_S, input_bytes=None, stdin=None):
        result = subprocess.run(self.base + list(args), env=self.env, input=input_bytes,
                                stdin=stdin, capture_output=True, timeout=timeout, check=False)
        if check and result.returncode != 0:
            raise Failure(f"podman {' '.join(args)} exited {result.returncode}:\n"
                          f"{result.stderr.decode(errors='replace')[-3000:]}")
        return result

    def out(self, *args, **kwargs):
        return self.run(*args, **kwargs).stdout.decode(errors="replace").strip()

    def reset_run_state(self):
        """Removes containers a killed run left, then the run state."""
        if os.path.isdir(self.storage):
            self.run("rm", "--all", "--force", "--time", "0", check=False)
        for directory in (self.runroot, self.tmpdir, self.tmp, self.runc_state):
            shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(self.tmp)

    def remove_all_but_base(self):
        """Removes the built image and its build stage: only the cached base
        stays in the storage."""
        self.run("rm", "--all", "--force", "--time", "0", check=False)
        base_id = self.out("image", "inspect", "--format", "{{.Id}}", BASE_IMAGE, check=False)
        ids = self.out("images", "--all", "--quiet", "--no-trunc", check=False).split()
        others = sorted({i.removeprefix("sha256:") for i in ids} - {base_id, ""})
        if others:
            self.run("rmi", "--force", *others, check=False)


def check_environment():
    if not (SOURCE_DIR and CLI_PATH and WORK_DIR):
        raise Failure("run through CTest: ADVISOR_SOURCE_DIR, ADVISOR_CLI_PATH and "
                      "ADVISOR_IMAGE_TEST_DIR must be set")
    if os.geteuid() != 0:
        raise Skip("needs root (podman with its storage in the build tree, debootstrap)")
    for tool in ("podman", "runc", "debootstrap"):
        if shutil.which(tool) is None:
            raise Skip(f"{tool} is not installed (make test-deps installs podman runc debootstrap)")
    if not os.access(BUF, os.X_OK):
        raise Failure(f"{BUF} is missing; run 'npm ci --prefix tests/ecosystem' (make test does it)")
    if not os.access(CLI_PATH, os.X_OK):
        raise Failure(f"no advisor CLI at {CLI_PATH}")


def apt_mirror():
    """The Debian mirror apt on this machine uses (deb822 or one-line form)."""
    deb822 = "/etc/apt/sources.list.d/debian.sources"
    if os.path.exists(deb822):
        with open(deb822, encoding="utf-8") as f:
            for line in f:
                if line.startswith("URIs:") and "security" not in line:
                    return line.split()[1]
    if os.path.exists("/etc/apt/sources.list"):
        with open("/etc/apt/sources.list", encoding="utf-8") as f:
            for line in f:
                words = line.split()
                if len(words) >= 3 and words[0] == "deb" and "security" not in words[1]:
                    return words[-3] if words[1].startswith("[") else words[1]
    return "http://deb.debian.org/debian"


def make_base(podman, work_dir):
    """Imports a debootstrapped bookworm as debian:12 unless the storage has
    it already. Returns True when it had to make it."""
    if podman.run("image", "exists", BASE_IMAGE, check=False).returncode == 0:
        return False
    rootfs = os.path.join(work_dir, "rootfs")
    shutil.rmtree(rootfs, ignore_errors=True)
    mirror = apt_mirror()
    log(f"debootstrap --variant=minbase bookworm from {mirror}")
    try:
        result = subprocess.run(["debootstrap", "--variant=minbase", "bookworm", rootfs, mirror],
                                capture_output=True, timeout=DEBOOTSTRAP_TIMEOUT_S, check=False,
                                env=dict(os.environ, TMPDIR=podman.tmp))
        if result.returncode != 0:
            raise Failure(f"debootstrap exited {result.returncode}:\n"
                          f"{result.stdout.decode(errors='replace')[-3000:]}")
        # As in Debian's official image: no downloaded packages or package
        # lists, and the host's bookworm, -updates and -security sources.
        for cache in ("var/cache/apt/archives", "var/lib/apt/lists"):
            for entry in os.scandir(os.path.join(rootfs, cache)):
                if entry.is_file() and entry.name != "lock":
                    os.unlink(entry.path)
        host_sources = "/etc/apt/sources.list.d/debian.sources"
        if os.path.exists(host_sources):
            shutil.copy(host_sources, os.path.join(rootfs, "etc/apt/sources.list.d"))
            os.unlink(os.path.join(rootfs, "etc/apt/sources.list"))
        tar = subprocess.Popen(["tar", "-C", rootfs, "-c", "."], stdout=subprocess.PIPE)
        try:
            podman.run("import", "-", BASE_IMAGE, stdin=tar.stdout, timeout=300)
        finally:
            tar.stdout.close()
            tar.wait()
        for tag in BASE_TAGS[1:]:
            podman.run("tag", BASE_IMAGE, tag)
    finally:
        shutil.rmtree(rootfs, ignore_errors=True)
    return True


def probe_podman(podman):
    """Skips where podman cannot run a container at all (the base works)."""
    result = podman.run("run", "--rm", "--network=host", BASE_IMAGE, "true", check=False,
                        timeout=120)
    if result.returncode != 0:
        raise Skip("podman cannot run a container here: "
                   f"{result.stderr.decode(errors='replace').strip()[-1000:]}")


def export_context(context):
    """The build context: the files of the commit checked out (git archive
    HEAD), or with ADVISOR_IMAGE_CONTEXT=worktree the working tree's files
    that git tracks or would track (what `docker build .` sees minus
    .gitignore), to try uncommitted changes. Returns a description."""
    shutil.rmtree(context, ignore_errors=True)
    os.makedirs(context)
    git = ["git", "-C", SOURCE_DIR]
    if os.environ.get("ADVISOR_IMAGE_CONTEXT", "HEAD") != "worktree":
        commit = subprocess.run(git + ["rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=False)
        if commit.returncode != 0:
            raise Failure(f"{SOURCE_DIR} is not a git checkout (the test builds from git "
                          f"archive HEAD): {commit.stderr}")
        archive = subprocess.Popen(git + ["archive", "HEAD"], stdout=subprocess.PIPE)
        untar = subprocess.run(["tar", "-C", context, "-x"], stdin=archive.stdout,
                               capture_output=True, check=False)
        archive.stdout.close()
        if archive.wait() != 0 or untar.returncode != 0:
            raise Failure(f"git archive HEAD | tar -x failed: {untar.stderr.decode()}")
        return f"git archive of {commit.stdout.strip()}"
    listing = subprocess.run(git + ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             capture_output=True, check=False)
    if listing.returncode != 0:
        raise Failure(f"git ls-files failed in {SOURCE_DIR}: {listing.stderr.decode()}")
    count = 0
    for path in listing.stdout.decode().split("\0"):
        origin = os.path.join(SOURCE_DIR, path)
        if not path or not os.path.lexists(origin):  # deleted but not yet committed
            continue
        target = os.path.join(context, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(origin, target, follow_symlinks=False)
        count += 1
    return f"{count} files of the working tree"


def build_image(podman, context):
    result = podman.run("build", "--pull=never", "--network=host", "--format", "docker",
                        "--layers=false", "--file", os.path.join(context, "deploy", "Dockerfile"),
                        "--tag", IMAGE, context, check=False, timeout=BUILD_TIMEOUT_S)
    if result.returncode != 0:
        raise Failure(f"podman build exited {result.returncode}:\n"
                      f"{result.stdout.decode(errors='replace')[-4000:]}\n"
                      f"{result.stderr.decode(errors='replace')[-2000:]}")


def inspect_image(podman):
    """Checks the runtime image's content; returns (CMD, size in MB)."""
    config = json.loads(podman.out("image", "inspect", IMAGE))[0]
    cmd = config["Config"]["Cmd"]
    user = config["Config"].get("User", "")
    if user.split(":")[0] != IMAGE_UID:
        raise Failure(f"image USER is {user!r}, expected {IMAGE_UID}")
    healthcheck = config.get("Healthcheck") or config["Config"].get("Healthcheck")
    if not healthcheck or healthcheck.get("Test", [""])[0] != "CMD":
        raise Failure(f"image has no HEALTHCHECK in exec form: {healthcheck!r}")
    # Only runtime libraries: no compiler, headers or leftover packages.
    script = ("for p in /usr/bin/g++ /usr/bin/cmake /usr/include/grpcpp /usr/include/google; do "
              "[ -e $p ] && echo present: $p; done; "
              "ls /var/cache/apt/archives/*.deb /var/lib/apt/lists/*_Packages* 2>/dev/null; true")
    leftovers = podman.out("run", "--rm", "--network=host", "--entrypoint", "/bin/sh", IMAGE,
                           "-c", script)
    if leftovers:
        raise Failure(f"the runtime image holds build files:\n{leftovers}")
    return cmd, config["Size"] / 1e6, healthcheck["Test"][1:]


def with_flag(flags, name, value):
    kept = [f for f in flags if f != f"--{name}" and not f.startswith(f"--{name}=")]
    return kept + [f"--{name}={value}"]


def flag_value(flags, name):
    for flag in reversed(flags):
        if flag.startswith(f"--{name}="):
            return flag.split("=", 1)[1]
    return None


def duration_s(text):
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|m)", text)
    if not match:
        raise Failure(f"cannot read the duration {text!r}")
    return float(match.group(1)) * {"ms": 0.001, "s": 1, "m": 60}[match.group(2)]


def start_container(podman, cmd):
    """Runs the image's CMD on free 127.0.0.1 ports with the mounted
    knowledge base; returns (gRPC address, metrics address)."""
    flags = list(cmd)
    knowledge_base_path = flag_value(flags, "knowledge_base")
    if not knowledge_base_path:
        raise Failure(f"the image's CMD has no --knowledge_base: {cmd}")
    for name, value in (("host", "127.0.0.1"), ("port", "0"), ("metrics_host", "127.0.0.1"),
                        ("metrics_port", "0")):
        flags = with_flag(flags, name, value)
    podman.run("run", "--detach", "--name", CONTAINER, "--network=host",
               # The Deployment's securityContext.
               "--read-only", "--cap-drop=all", "--security-opt=no-new-privileges",
               "--volume", f"{KNOWLEDGE_BASE}:{knowledge_base_path}:ro",
               IMAGE, *flags)
    deadline = time.monotonic() + START_TIMEOUT_S
    address = metrics = None
    while time.monotonic() < deadline:
        logs = podman.run("logs", CONTAINER, check=False)
        for line in logs.stdout.decode(errors="replace").splitlines():
            if line.startswith("advisor_server listening on "):
                address = line.split()[-1]
            elif line.startswith("advisor_server metrics on "):
                metrics = line.split()[-1]
        if address and metrics:
            return address, metrics
        state = podman.out("inspect", "--format", "{{.State.Status}}", CONTAINER, check=False)
        if state not in ("running", "created", "configured"):
            raise Failure(f"the container is {state}:\n"
                          f"{logs.stderr.decode(errors='replace')[-3000:]}")
        time.sleep(0.2)
    raise Failure(f"the server did not report its addresses within {START_TIMEOUT_S} s")


def call_cli(address, *args):
    result = subprocess.run([CLI_PATH, f"--target={address}", "--json", *args],
                            capture_output=True, text=True, timeout=CALL_TIMEOUT_S, check=False)
    if result.returncode != 0:
        raise Failure(f"advisor {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return json.loads(result.stdout)


def expect(condition, what, detail):
    if not condition:
        raise Failure(f"{what}: {detail}")
    log(f"ok   {what}")


def check_serving(address):
    for service in ("", "advisor.v1.FrameworkService", "advisor.v1.RoleMatchingService",
                    "advisor.v1.FaqService"):
        result = subprocess.run(
            [BUF, "curl", "--protocol", "grpc", "--http2-prior-knowledge",
             "--data", json.dumps({"service": service}),
             f"http://{address}/grpc.health.v1.Health/Check"],
            capture_output=True, text=True, timeout=CALL_TIMEOUT_S, check=False)
        status = json.loads(result.stdout).get("status") if result.returncode == 0 else None
        expect(status == "SERVING", f"health {service or '(server)'} SERVING",
               result.stdout + result.stderr)


def check_calls(address):
    framework = call_cli(address, "lookup", "jax")
    expect(framework.get("displayName") == "JAX",
           "FrameworkService.GetFramework answers from the mounted knowledge base", framework)
    role = call_cli(address, "match-role", "Engineer at a research lab training on accelerators")
    expect(role.get("matches", [{}])[0].get("framework") == "frameworks/jax"
           and role["servedBy"]["knowledgeBaseVersion"] == KNOWLEDGE_BASE_VERSION,
           "RoleMatchingService.MatchRole answers from the mounted knowledge base", role)
    answer = call_cli(address, "ask", "Where does this container read its knowledge base from?")
    expect(answer.get("answered") and answer.get("answer") == MOUNTED_ANSWER
           and answer["servedBy"]["knowledgeBaseVersion"] == KNOWLEDGE_BASE_VERSION,
           "FaqService.AnswerQuestion answers from the mounted knowledge base", answer)


def check_metrics(metrics):
    with urllib.request.urlopen(f"http://{metrics}/metrics", timeout=CALL_TIMEOUT_S) as response:
        content_type = response.headers.get("Content-Type", "")
        text = response.read().decode()
    counted = re.search(
        r'^advisor_calls_total\{code="OK",method="/advisor\.v1\.FrameworkService/GetFramework"\} '
        r'([0-9.e+]+)$', text, re.MULTILINE)
    expect(content_type.startswith("text/plain") and "# TYPE advisor_calls_total counter" in text
           and counted and float(counted.group(1)) >= 1,
           "metrics port serves Prometheus text counting the calls",
           f"{content_type}\n{text[:1500]}")


def check_user(podman):
    uid = podman.out("exec", CONTAINER, "id", "-u")
    top = podman.out("top", CONTAINER, "huser", "args")
    server_users = [line.split()[0] for line in top.splitlines()[1:] if "advisor_server" in line]
    expect(uid == IMAGE_UID and server_users == [IMAGE_UID],
           f"advisor_server runs as uid {IMAGE_UID}", f"id -u: {uid}\n{top}")


def check_tools_inside(podman, address, healthcheck, knowledge_base_path):
    """The image's own CLI (as its HEALTHCHECK runs it, on the real port) and
    advisor_kb load their libraries and work."""
    command = [f"--target={address}" if a.startswith("--target=") else a for a in healthcheck]
    result = podman.run("exec", CONTAINER, *command, check=False)
    expect(result.returncode == 0, "the image's HEALTHCHECK command (its advisor CLI) succeeds",
           result.stderr.decode(errors="replace"))
    validate = podman.out("exec", CONTAINER, "advisor_kb", "validate", knowledge_base_path)
    expect(f"version {KNOWLEDGE_BASE_VERSION}" in validate,
           "the image's advisor_kb validates the mounted knowledge base", validate)


def check_clean_stop(podman, grace_s):
    started = time.monotonic()
    # podman sends SIGKILL after -t seconds: past the grace period, so a
    # server that ignored SIGTERM would show as exit code 137.
    podman.run("stop", "--time", str(int(grace_s) + 5), CONTAINER, timeout=grace_s + 60)
    took = time.monotonic() - started
    state = json.loads(podman.out("inspect", CONTAINER))[0]["State"]
    logs = podman.run("logs", CONTAINER, check=False).stderr.decode(errors="replace")
    expect(state["ExitCode"] == 0 and not state.get("OOMKilled") and took < grace_s
           and "received SIGTERM" in logs,
           f"SIGTERM (podman stop) ends it with exit code 0 in {took:.1f} s "
           f"(grace period {grace_s:g} s)",
           f"exit code {state['ExitCode']} after {took:.1f} s\n{logs[-2000:]}")


def run():
    check_environment()
    os.makedirs(WORK_DIR, exist_ok=True)
    podman = Podman(WORK_DIR)
    context = os.path.join(WORK_DIR, "context")
    podman.reset_run_state()
    costs = {}
    try:
        started = time.monotonic()
        made = make_base(podman, WORK_DIR)
        probe_podman(podman)
        costs["base"] = time.monotonic() - started
        log(f"base image {'made (debootstrap + import)' if made else 'cached'}"
            f" in {costs['base']:.1f} s")

        started = time.monotonic()
        source = export_context(context)
        build_image(podman, context)
        cmd, size_mb, healthcheck = inspect_image(podman)
        costs["build"] = time.monotonic() - started
        log(f"built {IMAGE} from the {source} in {costs['build']:.1f} s, "
            f"{size_mb:.0f} MB")
        log(f"image CMD: {' '.join(cmd)}")

        started = time.monotonic()
        address, metrics = start_container(podman, cmd)
        log(f"container {CONTAINER} serves on {address}, metrics on {metrics}")
        check_serving(address)
        check_calls(address)
        check_metrics(metrics)
        check_user(podman)
        check_tools_inside(podman, address, healthcheck, flag_value(cmd, "knowledge_base"))
        check_clean_stop(podman, duration_s(flag_value(cmd, "grace_period") or "10s"))
        costs["run"] = time.monotonic() - started
    finally:
        shutil.rmtree(context, ignore_errors=True)
        podman.remove_all_but_base()
        podman.reset_run_state()
        shutil.rmtree(podman.tmp, ignore_errors=True)
    log(f"cost: base {costs['base']:.1f} s, build {costs['build']:.1f} s, "
        f"run checks {costs['run']:.1f} s, total {sum(costs.values()):.1f} s")


def main():
    def stop_on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, stop_on_signal)
    try:
        run()
    except Skip as reason:
        print(f"SKIP image_test: {reason}", flush=True)
        return SKIP
    except (Failure, subprocess.TimeoutExpired) as error:
        print(f"FAIL image_test: {error}", flush=True)
        return 1
    log("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
