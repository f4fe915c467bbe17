#!/usr/bin/env python3
"""Checks deploy/ without a cluster or a container engine.

Every YAML file parses; the Kubernetes objects agree with each other
(ports, probe ports, labels and selectors, ConfigMap name, mount path and
--knowledge_base); the Dockerfile, the Kubernetes args and the systemd unit
agree with the real advisor_server binary (each flag exists, and the server
starts with exactly those flags); the ConfigMap's knowledge base copy equals
the repository's; the Dockerfile's stages, packages, user, port and COPY
sources are right.

Run by CTest with ADVISOR_SOURCE_DIR, ADVISOR_BINARY_DIR,
ADVISOR_SERVER_PATH and ADVISOR_CLI_PATH set (see CMakeLists.txt next to this file).
"""

import filecmp
import functools
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import start_server  # noqa: E402  (tests/support: how tests start advisor_server)

SOURCE_DIR = os.environ.get("ADVISOR_SOURCE_DIR", "")
SERVER_PATH = os.environ.get("ADVISOR_SERVER_PATH", "")
CLI_PATH = os.environ.get("ADVISOR_CLI_PATH", "")
BINARY_DIR = os.environ.get("ADVISOR_BINARY_DIR", "")

DEPLOY_DIR = os.path.join(SOURCE_DIR, "deploy")
KUBERNETES_DIR = os.path.join(DEPLOY_DIR, "kubernetes")
DOCKERFILE = os.path.join(DEPLOY_DIR, "Dockerfile")
SYSTEMD_UNIT = os.path.join(DEPLOY_DIR, "systemd", "advisor.service")
REPO_KNOWLEDGE_BASE = os.path.join(
    SOURCE_DIR, "service", "knowledge_base", "default_knowledge_base.txtpb")
SERVER_START_TIMEOUT_S = 30
# Every file the deploy/ tree configures the server with, at one path.
KNOWLEDGE_BASE_PATH = "/etc/advisor/knowledge_base.txtpb"


# ---------------------------------------------------------------- helpers


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


@functools.lru_cache(maxsize=None)
def server_help():
    """The server's --helpfull text (it exits 1 after printing usage)."""
    result = subprocess.run([SERVER_PATH, "--helpfull"], capture_output=True, text=True,
                            timeout=60, check=False)
    return result.stdout + result.stderr


def server_flags():
    """Names of every flag advisor_server accepts."""
    return set(re.findall(r"^\s+--([a-z_]+) \(", server_help(), re.MULTILINE))


def server_default_port():
    match = re.search(r"--port \(.*?\); default: (\d+);", server_help(), re.DOTALL)
    assert match, "advisor_server --helpfull shows no default for --port"
    return int(match.group(1))


def parse_flags(args):
    """["--a=1", "--b=x"] -> {"a": "1", "b": "x"}; every argument is a flag."""
    flags = {}
    for arg in args:
        match = re.fullmatch(r"--([a-z_]+)=(.*)", arg)
        assert match, f"not a --flag=value argument: {arg!r}"
        assert match.group(1) not in flags, f"flag given twice: {arg!r}"
        flags[match.group(1)] = match.group(2)
    return flags


def duration_seconds(text):
    """Seconds in an Abseil or systemd duration such as 10s, 500ms, 1m30s."""
    units = {"h": 3600, "min": 60, "m": 60, "s": 1, "ms": 0.001}
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|min|h|m|s)", text)
    assert parts and "".join(n + u for n, u in parts) == text, f"bad duration {text!r}"
    return sum(float(n) * units[u] for n, u in parts)


# The SDK's default keepalive ping interval (client/include/advisor/client/options.h).
SDK_KEEPALIVE_SECONDS = 60


def check_connection_flags(testcase, flags):
    """Connections age out (so clients re-resolve and reach new replicas),
    and the SDK's default keepalive pings are within the ping policy."""
    testcase.assertGreater(duration_seconds(flags["max_connection_age"]), 0)
    testcase.assertIn("max_connection_age_grace", flags)
    testcase.assertLessEqual(duration_seconds(flags["keepalive_min_ping_interval"]),
                             SDK_KEEPALIVE_SECONDS)
    testcase.assertLess(duration_seconds(flags["keepalive_timeout"]),
                        duration_seconds(flags["keepalive_time"]))


def start_server_and_stop(testcase, flags):
    """Runs advisor_server with `flags` (on 127.0.0.1, a free port), checks
    that it serves (and serves /metrics when the flags turn metrics on),
    then that SIGTERM stops it with exit status 0."""
    # The flags name host and port (local_flags), so the launcher adds none.
    server = start_server.AdvisorServer(
        SERVER_PATH, *[f"--{name}={value}" for name, value in flags.items()],
        start_timeout=SERVER_START_TIMEOUT_S)
    try:
        testcase.assertTrue(
            server.stdout_lines[0].startswith(start_server.LISTENING_PREFIX + "127.0.0.1:"),
            f"{server.args}: first line {server.stdout_lines[0]!r}")
        if int(flags.get("metrics_port", -1)) != -1:
            testcase.assertTrue(server.metrics_address.startswith("127.0.0.1:"),
                                server.metrics_address)
            metrics_url = f"http://{server.metrics_address}/metrics"
            with urllib.request.urlopen(metrics_url, timeout=10) as response:
                testcase.assertEqual(response.status, 200)
                testcase.assertIn(b"advisor_build_info", response.read())
        testcase.assertEqual(server.stop(), 0, server.stderr()[-2000:])
    finally:
        server.close()


def local_flags(flags, knowledge_base_file):
    """The same flags, but listening on 127.0.0.1 on a free port and with
    the knowledge base path mapped to a file on this machine."""
    local = dict(flags)
    local["host"] = "127.0.0.1"
    local["port"] = "0"
    if "metrics_port" in local:
        local["metrics_host"] = "127.0.0.1"
        local["metrics_port"] = "0"
    if "knowledge_base" in local:
        local["knowledge_base"] = knowledge_base_file
    return local


def load_kustomization():
    return yaml.safe_load(read(os.path.join(KUBERNETES_DIR, "kustomization.yaml")))


def load_kubernetes_objects():
    """Every object of the kustomization's resources, by (kind, name)."""
    objects = {}
    for resource in load_kustomization()["resources"]:
        for doc in yaml.safe_load_all(read(os.path.join(KUBERNETES_DIR, resource))):
            key = (doc["kind"], doc["metadata"]["name"])
            assert key not in objects, f"{key} defined twice"
            objects[key] = doc
    return objects


def only(objects, kind):
    found = [doc for (k, _), doc in objects.items() if k == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def matches(selector, labels):
    return all(labels.get(key) == value for key, value in selector.items())


def parse_dockerfile():
    """Instructions as (stage index, KEYWORD, argument text), with line
    continuations joined and comments dropped."""
    instructions = []
    stage = -1
    pending = ""
    for raw in read(DOCKERFILE).splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        keyword, _, rest = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            stage += 1
        instructions.append((stage, keyword, rest.strip()))
    return instructions


def apt_packages(run_argument):
    """Packages named in an `apt-get install` command of a RUN line."""
    match = re.search(r"apt-get install ([^&;]*)", run_argument)
    assert match, f"no apt-get install in: {run_argument}"
    return {word for word in match.group(1).split() if not word.startswith("-")}


def makefile_packages(variable):
    text = read(os.path.join(SOURCE_DIR, "Makefile")).replace("\\\n", " ")
    match = re.search(rf"^{variable}\s*:=(.*)$", text, re.MULTILINE)
    assert match, f"no {variable} in the Makefile"
    return set(match.group(1).split())


def parse_systemd_unit():
    """{section: {key: [values]}} of the unit file."""
    sections = {}
    current = None
    for raw in read(SYSTEMD_UNIT).splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def dockerfile_exec_form(text):
    """The list of a JSON-form instruction like CMD ["a", "b"]."""
    value = yaml.safe_load(text)  # JSON arrays are YAML flow sequences.
    assert isinstance(value, list), f"not the exec (JSON) form: {text}"
    return value


# ------------------------------------------------------------------ tests


class EnvironmentTest(unittest.TestCase):
    def test_paths_are_set(self):
        for path in (SOURCE_DIR, BINARY_DIR, SERVER_PATH, CLI_PATH):
            self.assertTrue(path and os.path.exists(path), f"missing: {path!r}")


class YamlFilesTest(unittest.TestCase):
    def test_every_yaml_file_parses_into_kubernetes_objects(self):
        found = 0
        for root, _, files in os.walk(DEPLOY_DIR):
            for name in files:
                if not name.endswith((".yaml", ".yml")):
                    continue
                found += 1
                path = os.path.join(root, name)
                with self.subTest(path=path):
                    docs = [d for d in yaml.safe_load_all(read(path)) if d is not None]
                    self.assertTrue(docs, "no document")
                    for doc in docs:
                        self.assertIsInstance(doc, dict)
                        self.assertIn("apiVersion", doc)
                        self.assertIn("kind", doc)
        self.assertGreaterEqual(found, 6)


class KustomizationTest(unittest.TestCase):
    def test_every_manifest_is_a_resource(self):
        on_disk = {n for n in os.listdir(KUBERNETES_DIR)
                   if n.endswith(".yaml") and n != "kustomization.yaml"}
        self.assertEqual(set(load_kustomization()["resources"]), on_disk)

    def test_generated_files_are_inside_the_directory(self):
        for generator in load_kustomization()["configMapGenerator"]:
            for entry in generator["files"]:
                path = entry.partition("=")[2] or entry
                self.assertNotIn("..", path)
                self.assertTrue(os.path.isfile(os.path.join(KUBERNETES_DIR, path)), path)

    def test_knowledge_base_copy_equals_the_repository_one(self):
        copy = os.path.join(KUBERNETES_DIR, "knowledge_base.txtpb")
        self.assertTrue(
            filecmp.cmp(copy, REPO_KNOWLEDGE_BASE, shallow=False),
            "deploy/kubernetes/knowledge_base.txtpb is stale; run\n  cp "
            "service/knowledge_base/default_knowledge_base.txtpb "
            "deploy/kubernetes/knowledge_base.txtpb")

    def test_image_override_names_the_container_image(self):
        images = {i["name"] for i in load_kustomization().get("images", [])}
        deployment = only(load_kubernetes_objects(), "Deployment")
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            self.assertIn(container["image"].partition(":")[0], images)


class DeploymentTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.objects = load_kubernetes_objects()
        cls.deployment = only(cls.objects, "Deployment")
        cls.pod = cls.deployment["spec"]["template"]["spec"]
        cls.container = cls.pod["containers"][0]
        cls.flags = parse_flags(cls.container["args"])
        cls.grpc_port = next(p for p in cls.container["ports"] if p["name"] == "grpc")

    def test_three_replicas_selecting_their_own_pods(self):
        self.assertEqual(self.deployment["spec"]["replicas"], 3)
        self.assertTrue(matches(self.deployment["spec"]["selector"]["matchLabels"],
                                self.deployment["spec"]["template"]["metadata"]["labels"]))

    def test_args_are_real_server_flags(self):
        self.assertLessEqual(set(self.flags), server_flags())

    def test_connections_age_out_and_admit_the_sdks_keepalive(self):
        check_connection_flags(self, self.flags)

    def test_container_port_is_the_port_flag_and_the_servers_default(self):
        self.assertEqual(self.grpc_port["containerPort"], int(self.flags["port"]))
        self.assertEqual(self.grpc_port["containerPort"], server_default_port())

    def test_metrics_port_is_the_flag_and_annotated_for_prometheus(self):
        metrics_port = next(p for p in self.container["ports"] if p["name"] == "metrics")
        self.assertEqual(metrics_port["containerPort"], int(self.flags["metrics_port"]))
        self.assertNotEqual(metrics_port["containerPort"], self.grpc_port["containerPort"])
        annotations = self.deployment["spec"]["template"]["metadata"]["annotations"]
        self.assertEqual(annotations["prometheus.io/scrape"], "true")
        self.assertEqual(annotations["prometheus.io/port"], str(metrics_port["containerPort"]))
        self.assertEqual(annotations["prometheus.io/path"], "/metrics")
        # Reachable from the Prometheus pod: not bound to loopback only.
        self.assertEqual(self.flags.get("metrics_host", "0.0.0.0"), "0.0.0.0")

    def test_probes_are_native_grpc_on_the_serving_port(self):
        for probe in ("readinessProbe", "livenessProbe"):
            with self.subTest(probe=probe):
                grpc = self.container[probe]["grpc"]
                # Native gRPC probes take a number; named ports are refused.
                self.assertEqual(grpc["port"], self.grpc_port["containerPort"])
                self.assertEqual(grpc.get("service", ""), "")

    def test_knowledge_base_flag_points_into_the_mounted_configmap(self):
        path = self.flags["knowledge_base"]
        self.assertEqual(path, KNOWLEDGE_BASE_PATH)
        mounts = [m for m in self.container["volumeMounts"]
                  if os.path.dirname(path) == m["mountPath"].rstrip("/")]
        self.assertEqual(len(mounts), 1, "no volume mounted at the knowledge base's directory")
        mount = mounts[0]
        self.assertTrue(mount.get("readOnly"))
        self.assertNotIn("subPath", mount, "subPath mounts never see ConfigMap updates")
        volume = next(v for v in self.pod["volumes"] if v["name"] == mount["name"])
        generator = next(g for g in load_kustomization()["configMapGenerator"]
                         if g["name"] == volume["configMap"]["name"])
        keys = {(f.partition("=")[0] if "=" in f else os.path.basename(f))
                for f in generator["files"]}
        self.assertIn(os.path.basename(path), keys)

    def test_security_context(self):
        self.assertTrue(self.pod["securityContext"]["runAsNonRoot"])
        self.assertNotEqual(self.pod["securityContext"]["runAsUser"], 0)
        container_security = self.container["securityContext"]
        self.assertTrue(container_security["readOnlyRootFilesystem"])
        self.assertFalse(container_security["allowPrivilegeEscalation"])
        self.assertEqual(container_security["capabilities"]["drop"], ["ALL"])

    def test_runs_as_the_images_user(self):
        user = [arg for _, keyword, arg in parse_dockerfile() if keyword == "USER"][-1]
        self.assertEqual(int(user.partition(":")[0]), self.pod["securityContext"]["runAsUser"])
        self.assertEqual(int(user.partition(":")[2]), self.pod["securityContext"]["runAsGroup"])

    def test_resources_have_requests_within_limits(self):
        resources = self.container["resources"]
        cpu = {"m": 0.001, "": 1}
        memory = {"Mi": 2**20, "Gi": 2**30}

        def quantity(text, units):
            number, unit = re.fullmatch(r"(\d+)([A-Za-z]*)", str(text)).groups()
            return int(number) * units[unit]

        for resource, units in (("cpu", cpu), ("memory", memory)):
            with self.subTest(resource=resource):
                request = quantity(resources["requests"][resource], units)
                limit = quantity(resources["limits"][resource], units)
                self.assertGreater(request, 0)
                self.assertLessEqual(request, limit)

    def test_termination_grace_outlasts_pre_stop_and_drain(self):
        pre_stop = self.container["lifecycle"]["preStop"]["exec"]["command"]
        self.assertEqual(pre_stop[0], "/bin/sleep")
        drain = float(pre_stop[1]) + duration_seconds(self.flags["grace_period"])
        self.assertGreater(self.pod["terminationGracePeriodSeconds"], drain)

    def test_server_starts_with_these_args(self):
        copy = os.path.join(KUBERNETES_DIR, "knowledge_base.txtpb")
        start_server_and_stop(self, local_flags(self.flags, copy))


class ServicesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.objects = load_kubernetes_objects()
        deployment = only(cls.objects, "Deployment")
        cls.pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
        cls.container = deployment["spec"]["template"]["spec"]["containers"][0]
        cls.services = {name: doc for (kind, name), doc in cls.objects.items()
                        if kind == "Service"}

    def test_headless_and_cluster_ip_services_exist(self):
        # The string "None" (Kubernetes' word), not YAML's null.
        self.assertEqual(self.services["advisor-headless"]["spec"]["clusterIP"], "None")
        self.assertEqual(self.services["advisor"]["spec"].get("type", "ClusterIP"), "ClusterIP")

    def test_selectors_match_the_pods(self):
        for name, service in self.services.items():
            with self.subTest(service=name):
                self.assertTrue(matches(service["spec"]["selector"], self.pod_labels))

    def test_ports_reach_the_grpc_container_port(self):
        container_ports = {p["name"]: p["containerPort"] for p in self.container["ports"]}
        for name, service in self.services.items():
            with self.subTest(service=name):
                (port,) = service["spec"]["ports"]
                target = port["targetPort"]
                target = container_ports[target] if isinstance(target, str) else target
                self.assertEqual(target, container_ports["grpc"])
                # Clients use the same port number in and out of the cluster.
                self.assertEqual(port["port"], container_ports["grpc"])
                self.assertEqual(port.get("appProtocol"), "grpc")


class AvailabilityTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.objects = load_kubernetes_objects()
        cls.deployment = only(cls.objects, "Deployment")
        cls.pod_labels = cls.deployment["spec"]["template"]["metadata"]["labels"]

    def test_autoscaler_scales_the_deployment_on_cpu(self):
        hpa = only(self.objects, "HorizontalPodAutoscaler")
        self.assertEqual(hpa["apiVersion"], "autoscaling/v2")
        target = hpa["spec"]["scaleTargetRef"]
        self.assertEqual((target["apiVersion"], target["kind"], target["name"]),
                         (self.deployment["apiVersion"], "Deployment",
                          self.deployment["metadata"]["name"]))
        self.assertEqual(hpa["spec"]["minReplicas"], self.deployment["spec"]["replicas"])
        self.assertGreater(hpa["spec"]["maxReplicas"], hpa["spec"]["minReplicas"])
        (metric,) = hpa["spec"]["metrics"]
        self.assertEqual(metric["resource"]["name"], "cpu")
        # Utilization is relative to the request, which must be set.
        container = self.deployment["spec"]["template"]["spec"]["containers"][0]
        self.assertIn("cpu", container["resources"]["requests"])

    def test_disruption_budget_keeps_most_replicas(self):
        pdb = only(self.objects, "PodDisruptionBudget")
        self.assertEqual(pdb["apiVersion"], "policy/v1")
        self.assertTrue(matches(pdb["spec"]["selector"]["matchLabels"], self.pod_labels))
        self.assertLess(pdb["spec"]["maxUnavailable"], self.deployment["spec"]["replicas"] - 1)


class SystemdUnitTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.unit = parse_systemd_unit()
        cls.service = cls.unit["Service"]
        (exec_start,) = cls.service["ExecStart"]
        cls.argv = shlex.split(exec_start)
        cls.flags = parse_flags(cls.argv[1:])

    def test_runs_advisor_server_with_real_flags(self):
        self.assertEqual(os.path.basename(self.argv[0]), "advisor_server")
        self.assertLessEqual(set(self.flags), server_flags())
        self.assertEqual(self.flags["knowledge_base"], KNOWLEDGE_BASE_PATH)
        self.assertEqual(int(self.flags["port"]), server_default_port())

    def test_connections_age_out_and_admit_the_sdks_keepalive(self):
        check_connection_flags(self, self.flags)

    def test_stop_timeout_outlasts_the_grace_period(self):
        self.assertEqual(self.service["KillSignal"], ["SIGTERM"])
        (timeout,) = self.service["TimeoutStopSec"]
        self.assertGreater(duration_seconds(timeout),
                           duration_seconds(self.flags["grace_period"]))

    def test_is_hardened_and_restarts_on_failure(self):
        expected = {"Restart": "on-failure", "DynamicUser": "yes", "ProtectSystem": "strict",
                    "ProtectHome": "yes", "NoNewPrivileges": "yes", "PrivateTmp": "yes"}
        for key, value in expected.items():
            self.assertEqual(self.service.get(key), [value], key)
        self.assertEqual(self.unit["Install"]["WantedBy"], ["multi-user.target"])

    @unittest.skipUnless(shutil.which("systemd-analyze"), "systemd-analyze is not installed")
    def test_systemd_accepts_the_unit(self):
        # verify insists that ExecStart exists: point it at the built binary.
        with tempfile.TemporaryDirectory() as directory:
            unit = os.path.join(directory, "advisor.service")
            with open(unit, "w", encoding="utf-8") as f:
                f.write(read(SYSTEMD_UNIT).replace(self.argv[0], SERVER_PATH))
            result = subprocess.run(["systemd-analyze", "verify", unit], capture_output=True,
                                    text=True, timeout=60, check=False)
        self.assertEqual(result.returncode, 0, result.stderr)
        # Unknown keys are only warnings: any output is a mistake in the unit.
        self.assertEqual(result.stdout + result.stderr, "")

    def test_server_starts_with_these_flags(self):
        start_server_and_stop(self, local_flags(self.flags, REPO_KNOWLEDGE_BASE))


class DockerfileTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.instructions = parse_dockerfile()
        cls.froms = [arg for _, keyword, arg in cls.instructions if keyword == "FROM"]

    def stage(self, index, keyword):
        return [arg for s, k, arg in self.instructions if s == index and k == keyword]

    def test_two_debian_12_stages(self):
        self.assertEqual(len(self.froms), 2)
        self.assertEqual(self.froms[0], "debian:12 AS build")
        self.assertRegex(self.froms[1], r"^debian:12(-slim)? AS runtime$")

    def test_build_stage_installs_the_makefiles_build_packages_and_skips_tests(self):
        (run_apt, run_build) = self.stage(0, "RUN")
        self.assertEqual(apt_packages(run_apt), makefile_packages("BUILD_PACKAGES"))
        self.assertIn("-DADVISOR_BUILD_TESTS=OFF", run_build)
        self.assertIn("-G Ninja", run_build)

    def test_runtime_stage_installs_no_development_package(self):
        packages = apt_packages(self.stage(1, "RUN")[0])
        self.assertEqual(
            packages,
            {"libgrpc++1.51", "libprotobuf32", "libabsl20220623", "libutf8proc2", "libstemmer0d",
             "libprometheus-cpp-core1.0", "libcivetweb1", "liblinear4"})

    def test_runtime_packages_provide_every_library_of_the_binaries(self):
        """Each shared library the built binaries load comes from a runtime
        package or one of their dependencies (read from dpkg's database)."""
        depends = installed_package_dependencies()
        # In every Debian image already (Priority: required).
        closure = set()
        pending = list(apt_packages(self.stage(1, "RUN")[0])) + [
            "libc6", "libgcc-s1", "libstdc++6", "zlib1g"]
        while pending:
            package = pending.pop()
            if package not in closure:
                closure.add(package)
                pending.extend(depends.get(package, ()))
        libraries = set()
        for binary in (SERVER_PATH, CLI_PATH):
            ldd = subprocess.run(["ldd", binary], capture_output=True, text=True, check=True)
            libraries.update(re.findall(r"=> (/\S+)", ldd.stdout))
        self.assertGreater(len(libraries), 10)
        owners = library_owners(libraries)
        for library in sorted(libraries):
            with self.subTest(library=library):
                self.assertIn(owners.get(library, "<no package>"), closure)

    def test_runs_as_a_numeric_non_root_user_created_in_the_image(self):
        (user,) = self.stage(1, "USER")
        uid, _, gid = user.partition(":")
        self.assertNotEqual(int(uid), 0)
        creates = " ".join(self.stage(1, "RUN"))
        self.assertIn(f"--uid {uid}", creates)
        self.assertIn(f"--gid {gid}", creates)

    def test_exposes_the_grpc_and_metrics_ports_the_command_serves(self):
        (cmd,) = self.stage(1, "CMD")
        flags = parse_flags(dockerfile_exec_form(cmd))
        expected = [str(server_default_port())]
        if int(flags.get("metrics_port", -1)) != -1:
            expected.append(flags["metrics_port"])
        self.assertEqual(" ".join(self.stage(1, "EXPOSE")).split(), expected)

    def test_copy_sources_exist(self):
        ignored = read(os.path.join(SOURCE_DIR, ".dockerignore")).split()
        for stage in (0, 1):
            for arg in self.stage(stage, "COPY"):
                if arg.startswith("--from="):
                    continue
                *sources, _ = arg.split()
                for source in sources:
                    with self.subTest(source=source):
                        self.assertTrue(os.path.exists(os.path.join(SOURCE_DIR, source)))
                        self.assertNotIn(source.split("/")[0], ignored)

    def test_binaries_come_from_the_build_stage_and_run_from_where_they_land(self):
        copied = {}
        for arg in self.stage(1, "COPY"):
            if arg.startswith("--from=build "):
                _, source, destination = arg.split()
                # build/<path> in the image is <path> in a CMake build tree.
                relative = os.path.relpath(source, "/src/build")
                copied[destination] = relative
        self.assertEqual(copied["/usr/local/bin/advisor_server"],
                         os.path.relpath(SERVER_PATH, BINARY_DIR))
        self.assertEqual(copied["/usr/local/bin/advisor"], os.path.relpath(CLI_PATH, BINARY_DIR))
        (entrypoint,) = self.stage(1, "ENTRYPOINT")
        self.assertEqual(dockerfile_exec_form(entrypoint), ["/usr/local/bin/advisor_server"])

    def test_command_flags_are_real_and_the_knowledge_base_is_copied_there(self):
        (cmd,) = self.stage(1, "CMD")
        flags = parse_flags(dockerfile_exec_form(cmd))
        self.assertLessEqual(set(flags), server_flags())
        self.assertEqual(int(flags["port"]), server_default_port())
        destinations = [arg.split()[-1] for arg in self.stage(1, "COPY")]
        self.assertIn(flags["knowledge_base"], destinations)
        start_server_and_stop(self, local_flags(flags, REPO_KNOWLEDGE_BASE))

    def test_healthcheck_calls_the_server_with_the_cli(self):
        (healthcheck,) = self.stage(1, "HEALTHCHECK")
        command = dockerfile_exec_form(healthcheck.partition("CMD ")[2])
        self.assertEqual(command[0], "/usr/local/bin/advisor")
        flags = parse_flags(command[1:-1])
        self.assertEqual(flags["target"], f"127.0.0.1:{server_default_port()}")
        # The CLI accepts these flags and the subcommand: run it against a
        # real server on a free port.
        with start_server.AdvisorServer(SERVER_PATH,
                                        start_timeout=SERVER_START_TIMEOUT_S) as server:
            flags["target"] = server.address
            argv = [CLI_PATH] + [f"--{k}={v}" for k, v in flags.items()] + [command[-1]]
            result = subprocess.run(argv, capture_output=True, text=True, timeout=60,
                                    check=False)
            self.assertEqual(result.returncode, 0, result.stderr)


def installed_package_dependencies():
    """{package: [packages it depends on]} for every installed package, in
    one dpkg-query call (first of each group of alternatives)."""
    listing = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package}\t${Depends}, ${Pre-Depends}\n"],
        capture_output=True, text=True, check=True).stdout
    depends = {}
    for line in listing.splitlines():
        package, _, fields = line.partition("\t")
        depends[package] = [d.split("|")[0].split()[0].split(":")[0]
                            for d in fields.split(",") if d.strip()]
    return depends


def library_owners(libraries):
    """{library path: package that installed it}. dpkg may know a library
    under /lib or /usr/lib (merged /usr), so ask for both spellings."""
    spellings = {}
    for library in libraries:
        for path in {library, os.path.realpath(library)}:
            other = path[len("/usr"):] if path.startswith("/usr/") else "/usr" + path
            spellings[path] = library
            spellings[other] = library
    result = subprocess.run(["dpkg-query", "-S"] + sorted(spellings), capture_output=True,
                            text=True, check=False)
    owners = {}
    for line in result.stdout.splitlines():
        package, _, path = line.partition(": ")
        if path in spellings:
            owners[spellings[path]] = package.split(":")[0]
    return owners


class MakefileTest(unittest.TestCase):
    def test_test_packages_include_pyyaml(self):
        self.assertIn("python3-yaml", makefile_packages("TEST_PACKAGES"))


class DockerBuildContextTest(unittest.TestCase):
    """The files the Dockerfile copies are enough to configure the build."""

    def test_copied_sources_configure_with_tests_off(self):
        with tempfile.TemporaryDirectory() as directory:
            context = os.path.join(directory, "src")
            os.mkdir(context)
            for arg in [a for s, k, a in parse_dockerfile() if s == 0 and k == "COPY"]:
                *sources, destination = arg.split()
                for source in sources:
                    origin = os.path.join(SOURCE_DIR, source)
                    target = os.path.join(context, destination)
                    if os.path.isdir(origin):
                        shutil.copytree(origin, target, dirs_exist_ok=True)
                    else:
                        shutil.copy(origin, target)
            started = time.monotonic()
            result = subprocess.run(
                ["cmake", "-S", context, "-B", os.path.join(directory, "build"), "-G", "Ninja",
                 "-DADVISOR_BUILD_TESTS=OFF"],
                capture_output=True, text=True, timeout=240, check=False)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            print(f"configured in {time.monotonic() - started:.1f}s")


if __name__ == "__main__":
    unittest.main()
