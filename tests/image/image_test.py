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

The storage lives in ADVISOR_IMAGE_TEST_DIR (the build tree's tests/image):
podman's storage there is the cache that keeps the base image between runs
(a re-run skips debootstrap), with the large temporary files (TMPDIR). The
run state (podman's run root, libpod's tmpdir with its sockets, runc's
container state) goes to a fresh directory of the run's own,
/tmp/advisor-image-XXXXXXXX: podman refuses a run root longer than 50
characters and a unix socket path holds at most 107 bytes, while the build
tree's path can be as long as a checkout's. libpod's database, in the
storage, records the run root and refuses another: every run starts a new
one (it holds containers, which no run leaves, not images). The container, the built image
and its build stage, the build context, the run directory and the
temporary files are removed on the way out, failure and SIGTERM included;
the test gives up 120 s before CTest's timeout (ADVISOR_TEST_TIMEOUT_S),
whose SIGKILL would leave no time to clean up, and a run killed all the
same is cleaned up by the next (RUN_DIR_RECORD names its run directory).
Nothing else of it stays in /tmp, /var/tmp or /run; podman itself leaves
its blob cache in /var/lib/containers/cache and an empty /run/runc (its
clean-up process calls runc without the test's --root).

`image_test.py --paths` (CTest's image_paths_test) checks the paths alone,
cheaply: the same podman steps (import, build with a RUN step, run attached
and detached with the Deployment's restrictions, exec, logs, stop) on an
image of a few host programs, with ADVISOR_IMAGE_TEST_DIR at least 120
characters long; it removes that directory at the end and checks that its
run directory is gone from /tmp.

Needs root, podman, runc and debootstrap (`make test-deps`), and
tests/ecosystem/node_modules (buf); without root or a podman that can run a
container it prints why and exits SKIP (77, CTest's SKIP_RETURN_CODE).
Exit status 0 when every check passed, 1 otherwise.

Run by CTest (label image; `make image-test`) with ADVISOR_SOURCE_DIR,
ADVISOR_CLI_PATH and ADVISOR_IMAGE_TEST_DIR set (see CMakeLists.txt next to
this file).
"""

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
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
# The Deployment's securityContext, as podman run flags.
RESTRICTIONS = ("--read-only", "--cap-drop=all", "--security-opt=no-new-privileges")
START_TIMEOUT_S = 60
# A cold build downloads the build packages and compiles the server; about
# 2.5 min on an idle 2-core machine.
BUILD_TIMEOUT_S = 1200
DEBOOTSTRAP_TIMEOUT_S = 600
CALL_TIMEOUT_S = 60
# Time kept for the clean-up out of CTest's TIMEOUT (ADVISOR_TEST_TIMEOUT_S):
# the test gives up that long before CTest would kill it outright.
CLEANUP_MARGIN_S = 120

# podman refuses a --runroot longer than 50 characters, and a unix socket's
# path holds at most 107 bytes: the run state and the sockets go to a short
# directory of the run's own, /tmp/advisor-image-XXXXXXXX, never under the
# build tree, whose path may be long. RUN_DIR_RECORD (in the work directory)
# names it while the run lasts, so that a run killed outright is cleaned up
# by the next.
RUN_DIR_PARENT = "/tmp"
RUN_DIR_PREFIX = "advisor-image-"
RUN_DIR_RECORD = "run-dir"
RUNROOT_MAX_LENGTH = 50
# --paths: the work directory must be at least this long (a build tree in a
# deep checkout), and the image it builds.
LONG_PATH_MIN_LENGTH = 120
PATHS_BASE = "localhost/advisor-image-paths:base"
PATHS_IMAGE = "localhost/advisor-image-paths:built"
PATHS_PROGRAMS = ("/bin/sh", "/bin/sleep", "/bin/true")
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP) = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class Skip(Exception):
    pass


class Failure(Exception):
    pass


def log(message):
    print(f"image_test: {message}", flush=True)


class Podman:
    """podman with this test's settings. The storage (images, the cached
    base, containers' layers and logs) and large temporary files (TMPDIR:
    podman import's copy of the base, debootstrap) live in work_dir, the
    build tree, whatever its length; the run state (run root, libpod's
    tmpdir with its sockets, runc's container state) in run_dir, a short
    directory under /tmp (RUN_DIR_PARENT)."""

    def __init__(self, work_dir, run_dir):
        self.storage = os.path.join(work_dir, "storage")
        self.tmp = os.path.join(work_dir, "tmp")
        self.run_dir = run_dir
        self.runroot = os.path.join(run_dir, "root")
        self.tmpdir = os.path.join(run_dir, "libpod")
        # runc's own container state, which it keeps in /run/runc otherwise.
        self.runc_state = os.path.join(run_dir, "runc")
        # libpod's database (containers, not images) in the storage's
        # static directory: it records the run root and tmpdir of the run
        # that made it and refuses any other.
        self.database = os.path.join(self.storage, "libpod", "bolt_state.db")
        self.runtime_flag = ["--runtime-flag", f"root={self.runc_state}"]
        self.env = dict(os.environ, CONTAINERS_CONF=CONTAINERS_CONF, TMPDIR=self.tmp)
        self.base = ["podman", "--root", self.storage, "--runroot", self.runroot,
                     "--tmpdir", self.tmpdir, *self.runtime_flag]

    def run(self, *args, check=True, timeout=CALL_TIMEOUT_S, input_bytes=None, stdin=None):
        result = subprocess.run(self.base + list(args), env=self.env, input=input_bytes,
                                stdin=stdin, capture_output=True, timeout=timeout, check=False)
        if check and result.returncode != 0:
            raise Failure(f"podman {' '.join(args)} exited {result.returncode}:\n"
                          f"{result.stderr.decode(errors='replace')[-3000:]}")
        return result

    def out(self, *args, **kwargs):
        return self.run(*args, **kwargs).stdout.decode(errors="replace").strip()

    def start_afresh(self):
        """A new libpod database for this run directory; what containers
        the storage still holds (a killed run's) go."""
        if os.path.exists(self.database):
            os.unlink(self.database)
        self.remove_containers()

    def remove_containers(self):
        """Removes every container: podman's, and the storage's own that
        podman no longer knows (a build stage, a killed run's)."""
        if not os.path.isdir(self.storage):
            return
        self.run("rm", "--all", "--force", "--time", "0", check=False)
        external = self.out("ps", "--all", "--external", "--quiet", "--no-trunc",
                            check=False).split()
        if external:
            self.run("rm", "--force", "--time", "0", *external, check=False)

    def remove_all_but(self, kept_image):
        """Removes the containers and every image but kept_image (None: all
        of them)."""
        self.remove_containers()
        if not os.path.isdir(self.storage):
            return
        kept_id = self.out("image", "inspect", "--format", "{{.Id}}", kept_image,
                           check=False) if kept_image else ""
        ids = self.out("images", "--all", "--quiet", "--no-trunc", check=False).split()
        others = sorted({i.removeprefix("sha256:") for i in ids} - {kept_id, ""})
        if others:
            self.run("rmi", "--force", *others, check=False)


def wait_for_processes_of(run_dir, timeout_s=30):
    """Waits until no process names run_dir on its command line: conmon,
    and the `podman container cleanup` it starts when a container ends, go
    on after podman returns and would make the run directory again."""
    deadline = time.monotonic() + timeout_s
    mark = run_dir.encode()
    while time.monotonic() < deadline:
        busy = False
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                with open(os.path.join(entry.path, "cmdline"), "rb") as f:
                    busy = mark in f.read()
            except OSError:  # gone meanwhile
                continue
            if busy:
                break
        if not busy:
            return
        time.sleep(0.1)


def is_run_dir(path):
    return (os.path.dirname(path) == RUN_DIR_PARENT
            and os.path.basename(path).startswith(RUN_DIR_PREFIX))


def clean_previous_run(work_dir):
    """A run killed outright (SIGKILL) left its run directory, and maybe
    containers: both go before the next run (podman still knows them with
    the killed run's run directory)."""
    record = os.path.join(work_dir, RUN_DIR_RECORD)
    if not os.path.exists(record):
        return
    with open(record, encoding="utf-8") as f:
        previous = f.read().strip()
    if is_run_dir(previous) and os.path.isdir(previous):
        log(f"removing what a killed run left: {previous}")
        Podman(work_dir, previous).remove_containers()
        wait_for_processes_of(previous)
        shutil.rmtree(previous, ignore_errors=True)
    os.unlink(record)


@contextlib.contextmanager
def podman_session(work_dir, kept_image):
    """A Podman on work_dir's storage with a fresh run directory. On the way
    out, failure and signals included, removes the containers, every image
    but kept_image, the run directory and the temporary files."""
    os.makedirs(work_dir, exist_ok=True)
    clean_previous_run(work_dir)
    record = os.path.join(work_dir, RUN_DIR_RECORD)
    run_dir = podman = None
    try:
        run_dir = tempfile.mkdtemp(prefix=RUN_DIR_PREFIX, dir=RUN_DIR_PARENT)
        with open(record, "w", encoding="utf-8") as f:
            f.write(run_dir)
        podman = Podman(work_dir, run_dir)
        if len(podman.runroot) > RUNROOT_MAX_LENGTH:
            raise Failure(f"the run root {podman.runroot} is longer than podman's "
                          f"{RUNROOT_MAX_LENGTH} characters")
        podman.start_afresh()
        shutil.rmtree(podman.tmp, ignore_errors=True)
        os.makedirs(podman.tmp)
        yield podman
    finally:
        # Neither a second signal nor the deadline cuts the clean-up short.
        signal.alarm(0)
        handlers = {signum: signal.signal(signum, signal.SIG_IGN) for signum in STOP_SIGNALS}
        try:
            if podman is not None:
                podman.remove_all_but(kept_image)
                shutil.rmtree(podman.tmp, ignore_errors=True)
            if run_dir is not None:
                wait_for_processes_of(run_dir)
                shutil.rmtree(run_dir, ignore_errors=True)
            if os.path.exists(record):
                os.unlink(record)
        finally:
            for signum, handler in handlers.items():
                signal.signal(signum, handler)


def check_tools(tools):
    if os.geteuid() != 0:
        raise Skip("needs root (podman with its storage in the build tree, debootstrap)")
    for tool in tools:
        if shutil.which(tool) is None:
            raise Skip(f"{tool} is not installed (make test-deps installs podman runc debootstrap)")


def check_environment():
    if not (SOURCE_DIR and CLI_PATH and WORK_DIR):
        raise Failure("run through CTest: ADVISOR_SOURCE_DIR, ADVISOR_CLI_PATH and "
                      "ADVISOR_IMAGE_TEST_DIR must be set")
    check_tools(("podman", "runc", "debootstrap"))
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


def build_image(podman, context, containerfile, tag):
    result = podman.run("build", "--pull=never", "--network=host", "--format", "docker",
                        "--layers=false", *podman.runtime_flag, "--file", containerfile,
                        "--tag", tag, context, check=False, timeout=BUILD_TIMEOUT_S)
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
    podman.run("run", "--detach", "--name", CONTAINER, "--network=host", *RESTRICTIONS,
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
    costs = {}
    context = os.path.join(WORK_DIR, "context")
    with podman_session(WORK_DIR, kept_image=BASE_IMAGE) as podman:
        log(f"run state in {podman.run_dir}, storage in {podman.storage}")
        try:
            started = time.monotonic()
            made = make_base(podman, WORK_DIR)
            probe_podman(podman)
            costs["base"] = time.monotonic() - started
            log(f"base image {'made (debootstrap + import)' if made else 'cached'}"
                f" in {costs['base']:.1f} s")

            started = time.monotonic()
            source = export_context(context)
            build_image(podman, context, os.path.join(context, "deploy", "Dockerfile"), IMAGE)
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
    log(f"cost: base {costs['base']:.1f} s, build {costs['build']:.1f} s, "
        f"run checks {costs['run']:.1f} s, total {sum(costs.values()):.1f} s")


def make_paths_base(podman, rootfs):
    """Imports PATHS_BASE: PATHS_PROGRAMS and the libraries ldd names for
    them, copied from the host (a few MB, no debootstrap)."""
    shutil.rmtree(rootfs, ignore_errors=True)
    files = {program: os.path.join(rootfs, "bin", os.path.basename(program))
             for program in PATHS_PROGRAMS}
    ldd = subprocess.run(["ldd", *PATHS_PROGRAMS], capture_output=True, text=True, check=False)
    if ldd.returncode != 0:
        raise Failure(f"ldd {' '.join(PATHS_PROGRAMS)} exited {ldd.returncode}: {ldd.stderr}")
    for library in re.findall(r"(/\S+) \(0x", ldd.stdout):
        files[library] = os.path.join(rootfs, library.lstrip("/"))
    for origin, target in files.items():
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy(origin, target)  # the file a symbolic link names, under the link's name
    tar = subprocess.Popen(["tar", "-C", rootfs, "-c", "."], stdout=subprocess.PIPE)
    try:
        podman.run("import", "-", PATHS_BASE, stdin=tar.stdout)
    finally:
        tar.stdout.close()
        tar.wait()
        shutil.rmtree(rootfs, ignore_errors=True)


def run_paths():
    """--paths: what podman does with paths in image_test (import, build with
    a RUN step, run attached, run detached with the Deployment's
    restrictions, exec, logs, stop) with a work directory (storage, TMPDIR,
    build context) at least LONG_PATH_MIN_LENGTH characters long, on a
    base of a few host programs: podman's limits on the run root and on unix
    socket paths must not depend on where the build tree is. The whole work
    directory goes at the end, and the run directory must be gone from /tmp."""
    if not WORK_DIR:
        raise Failure("run through CTest: ADVISOR_IMAGE_TEST_DIR must be set")
    check_tools(("podman", "runc"))
    if len(WORK_DIR) < LONG_PATH_MIN_LENGTH:
        raise Failure(f"the work directory has {len(WORK_DIR)} characters, fewer than "
                      f"{LONG_PATH_MIN_LENGTH}: {WORK_DIR}")
    started = time.monotonic()
    run_dir = None
    try:
        with podman_session(WORK_DIR, kept_image=None) as podman:
            run_dir = podman.run_dir
            log(f"run state in {run_dir}, storage in {podman.storage} "
                f"({len(podman.storage)} characters)")
            make_paths_base(podman, os.path.join(WORK_DIR, "rootfs"))
            context = os.path.join(WORK_DIR, "context")
            os.makedirs(context, exist_ok=True)
            containerfile = os.path.join(context, "Containerfile")
            with open(containerfile, "w", encoding="utf-8") as f:
                f.write(f"FROM {PATHS_BASE}\n"
                        'RUN ["/bin/true"]\n'
                        """CMD ["/bin/sh", "-c", "trap 'exit 0' TERM; while :; do sleep 0.1; done"]\n""")
            build_image(podman, context, containerfile, PATHS_IMAGE)
            log("ok   podman import and podman build (a RUN step)")
            attached = podman.out("run", "--rm", "--network=host", PATHS_IMAGE,
                                  "/bin/sh", "-c", "echo attached")
            expect(attached == "attached", "podman run --rm, attached", attached)
            podman.run("run", "--detach", "--name", CONTAINER, "--network=host", *RESTRICTIONS,
                       PATHS_IMAGE)
            executed = podman.out("exec", CONTAINER, "/bin/sh", "-c", "echo executed")
            expect(executed == "executed", "podman run --detach, then podman exec", executed)
            podman.run("logs", CONTAINER)
            podman.run("stop", "--time", "10", CONTAINER)
            exit_code = podman.out("inspect", "--format", "{{.State.ExitCode}}", CONTAINER)
            expect(exit_code == "0", "podman logs and podman stop (exit code 0)", exit_code)
    finally:
        if not any(WORK_DIR in line.split()[1] for line in open_mounts()):
            shutil.rmtree(WORK_DIR, ignore_errors=True)
            with contextlib.suppress(OSError):  # its parents, up to the first one not empty
                os.removedirs(os.path.dirname(WORK_DIR))
    expect(not os.path.exists(run_dir), f"the run directory {run_dir} is removed", "still there")
    expect(not os.path.exists(WORK_DIR), "the work directory is removed",
           f"{WORK_DIR} is still there (mounted?)")
    log(f"cost: {time.monotonic() - started:.1f} s")


def open_mounts():
    with open("/proc/self/mounts", encoding="utf-8") as f:
        return f.read().splitlines()


def main():
    def stop_on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    def out_of_time(_signum, _frame):
        raise Failure(f"still running {CLEANUP_MARGIN_S} s before CTest's timeout; "
                      "stopped to clean up")

    for signum in STOP_SIGNALS:
        signal.signal(signum, stop_on_signal)
    timeout_s = int(os.environ.get("ADVISOR_TEST_TIMEOUT_S", "0"))
    if timeout_s > 0:
        signal.signal(signal.SIGALRM, out_of_time)
        signal.alarm(max(1, timeout_s - CLEANUP_MARGIN_S))
    name = "image_test --paths" if sys.argv[1:] == ["--paths"] else "image_test"
    try:
        if sys.argv[1:] == ["--paths"]:
            run_paths()
        elif sys.argv[1:]:
            raise Failure(f"unknown arguments {sys.argv[1:]}; the only one is --paths")
        else:
            run()
    except Skip as reason:
        print(f"SKIP {name}: {reason}", flush=True)
        return SKIP
    except (Failure, subprocess.TimeoutExpired) as error:
        print(f"FAIL {name}: {error}", flush=True)
        return 1
    log("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
