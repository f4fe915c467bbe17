#!/usr/bin/env python3
"""End-to-end checks of advisor_server's Prometheus endpoint.

ScrapeTest: the real server (gRPC and metrics on free 127.0.0.1 ports) gets
OK and NOT_FOUND calls from the advisor CLI; /metrics shows the counters
moved, the histogram, in-flight and info gauges and the process metrics,
with the right Content-Type, and `promtool check metrics` accepts it.

FlagTest: --metrics_port and --metrics_host values the server refuses, a
taken port, and metrics off by default.

RefusedCallTest: a call refused for want of a bearer token is counted as
UNAUTHENTICATED.

ReloadTest: a good knowledge base file, then a bad one, each with SIGHUP:
the version info and advisor_knowledge_base_reloads_total{result} follow.

PrometheusServerTest: a real Prometheus server scrapes that endpoint every
second; its HTTP API must return advisor_calls_total samples and up == 1.

Run by CTest with ADVISOR_SOURCE_DIR, ADVISOR_SERVER_PATH and ADVISOR_CLI_PATH set (see
CMakeLists.txt next to this file); `python3 metrics_e2e_test.py ScrapeTest`
runs one class. No fixed ports, no network beyond 127.0.0.1.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import start_server  # noqa: E402  (tests/support: how tests start advisor_server)

SOURCE_DIR = os.environ.get("ADVISOR_SOURCE_DIR", "")
SERVER_PATH = os.environ.get("ADVISOR_SERVER_PATH", "")
CLI_PATH = os.environ.get("ADVISOR_CLI_PATH", "")
START_TIMEOUT_S = 30
STOP_TIMEOUT_S = start_server.STOP_TIMEOUT_S
# Prometheus needs a few scrapes (every 1 s) before a query answers.
PROMETHEUS_TIMEOUT_S = 60
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
GET_FRAMEWORK = "/advisor.v1.FrameworkService/GetFramework"
SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)$")
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse_samples(text):
    """{(name, frozenset of (label, value)): float} of every sample line."""
    samples = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = SAMPLE.match(line)
        assert match, f"not a sample line: {line!r}"
        labels = frozenset(LABEL.findall(match.group(2) or ""))
        samples[(match.group(1), labels)] = float(match.group(3))
    return samples


def sample(samples, name, **labels):
    return samples.get((name, frozenset(labels.items())))


def http_get(url):
    """(status, headers, body text) of a GET; HTTP errors are returned too."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def free_port():
    """A port free right now on 127.0.0.1 (for Prometheus, which cannot
    report the port it bound)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server(start_server.AdvisorServer):
    """advisor_server on 127.0.0.1 with gRPC and metrics on free ports
    (tests/support/start_server.py), scraped and called by the CLI."""

    def __init__(self, *extra_flags):
        super().__init__(SERVER_PATH, *extra_flags, metrics=True)

    def scrape(self):
        return http_get(f"http://{self.metrics_address}/metrics")

    def cli(self, *args):
        """Exit status of the advisor CLI run against this server."""
        return subprocess.run([CLI_PATH, f"--target={self.address}", *args],
                              capture_output=True, timeout=60, check=False).returncode



class ScrapeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        # Runs even when the rest of setUpClass fails (tearDownClass then does not).
        cls.addClassCleanup(cls.server.close)
        status, _, before = cls.server.scrape()
        assert status == 200, status
        cls.before = parse_samples(before)
        # Two OK calls and one NOT_FOUND (the CLI exits with the gRPC code).
        cls.exit_codes = [cls.server.cli("lookup", "pytorch"), cls.server.cli("lookup", "keras"),
                          cls.server.cli("lookup", "no-such-framework")]
        cls.status, cls.headers, cls.text = cls.server.scrape()
        cls.after = parse_samples(cls.text)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def delta(self, name, **labels):
        return (sample(self.after, name, **labels) or 0) - (sample(self.before, name, **labels) or 0)

    def test_cli_calls_had_the_expected_codes(self):
        self.assertEqual(self.exit_codes, [0, 0, 5])

    def test_served_as_text_format_0_0_4(self):
        self.assertEqual(self.status, 200)
        self.assertEqual(self.headers["Content-Type"], CONTENT_TYPE)

    def test_calls_counted_by_method_and_code_name(self):
        self.assertEqual(self.delta("advisor_calls_total", code="OK", method=GET_FRAMEWORK), 2)
        self.assertEqual(
            self.delta("advisor_calls_total", code="NOT_FOUND", method=GET_FRAMEWORK), 1)

    def test_latency_histogram_counts_every_call(self):
        self.assertEqual(self.delta("advisor_call_duration_seconds_count", method=GET_FRAMEWORK), 3)
        self.assertEqual(
            self.delta("advisor_call_duration_seconds_bucket", method=GET_FRAMEWORK, le="+Inf"), 3)
        self.assertGreater(self.delta("advisor_call_duration_seconds_sum", method=GET_FRAMEWORK), 0)

    def test_nothing_in_flight_after_the_calls(self):
        self.assertEqual(sample(self.after, "advisor_calls_in_flight", method=GET_FRAMEWORK), 0)

    def test_build_and_knowledge_base_info(self):
        build = [key for key in self.after if key[0] == "advisor_build_info"]
        self.assertEqual(len(build), 1)
        self.assertEqual(self.after[build[0]], 1)
        knowledge_base = [key for key in self.after if key[0] == "advisor_knowledge_base_info"]
        self.assertEqual(len(knowledge_base), 1)
        self.assertEqual(self.after[knowledge_base[0]], 1)
        self.assertNotEqual(dict(knowledge_base[0][1]).get("version", ""), "")
        for result in ("ok", "failed"):
            self.assertEqual(
                sample(self.after, "advisor_knowledge_base_reloads_total", result=result), 0)

    def test_process_metrics(self):
        for name in ("process_resident_memory_bytes", "process_virtual_memory_bytes",
                     "process_open_fds", "process_max_fds", "process_start_time_seconds"):
            with self.subTest(name=name):
                self.assertGreater(sample(self.after, name) or 0, 0)
        self.assertIsNotNone(sample(self.after, "process_cpu_seconds_total"))

    def test_other_paths_are_not_found(self):
        status, _, _ = http_get(f"http://{self.server.metrics_address}/")
        self.assertEqual(status, 404)

    def test_promtool_accepts_the_exposition(self):
        result = subprocess.run(["promtool", "check", "metrics"], input=self.text,
                                capture_output=True, text=True, timeout=60, check=False)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(result.stdout + result.stderr, "")


class FlagTest(unittest.TestCase):
    def run_server(self, *flags):
        """(exit status, stderr) of a server that is expected not to start."""
        status, _, stderr = start_server.run_server(SERVER_PATH, *flags, timeout=START_TIMEOUT_S)
        return status, stderr

    def test_bad_metrics_flags_exit_2(self):
        for flags in (["--metrics_port=65536"], ["--metrics_port=-2"],
                      ["--metrics_port=0", "--metrics_host=::1"],
                      ["--metrics_port=0", "--metrics_host=localhost"]):
            with self.subTest(flags=flags):
                status, stderr = self.run_server(*flags)
                self.assertEqual(status, 2, stderr)
                self.assertIn("metrics", stderr)

    def test_metrics_port_in_use_exits_1(self):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            status, stderr = self.run_server("--metrics_host=127.0.0.1", f"--metrics_port={port}")
        self.assertEqual(status, 1, stderr)
        self.assertIn(f"cannot serve metrics on 127.0.0.1:{port}", stderr)

    def test_metrics_are_off_by_default(self):
        server = start_server.AdvisorServer(SERVER_PATH)
        try:
            # Its first line is the gRPC address, and it prints nothing else.
            self.assertEqual(len(server.stdout_lines), 1)
            self.assertTrue(server.stdout_lines[0].startswith(start_server.LISTENING_PREFIX))
            self.assertEqual(server.stop(), 0)
            self.assertEqual(server.stdout_rest, b"")
        finally:
            server.close()


class RefusedCallTest(unittest.TestCase):
    """Calls the server refuses before any handler runs (no bearer token) are
    counted like any other, and leave nothing in flight."""

    def test_unauthenticated_calls_are_counted(self):
        with tempfile.TemporaryDirectory(prefix="advisor-metrics-auth-") as directory:
            tokens = os.path.join(directory, "tokens.txt")
            with open(tokens, "w", encoding="utf-8") as f:
                f.write("metrics-test-token-0123456789\n")
            os.chmod(tokens, 0o600)
            server = Server(f"--auth_tokens_file={tokens}")
            self.addCleanup(server.close)
            try:
                self.assertEqual(server.cli("lookup", "pytorch"), 16)  # UNAUTHENTICATED
                status, _, text = server.scrape()
            finally:
                self.assertEqual(server.stop(), 0)
        self.assertEqual(status, 200)
        samples = parse_samples(text)
        self.assertEqual(
            sample(samples, "advisor_calls_total", code="UNAUTHENTICATED", method=GET_FRAMEWORK), 1)
        self.assertEqual(sample(samples, "advisor_calls_in_flight", method=GET_FRAMEWORK), 0)


class ReloadTest(unittest.TestCase):
    """Knowledge base reloads (SIGHUP) move the version and the counters."""

    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="advisor-metrics-reload-")
        # Removed even when the server does not start (tearDown then never runs).
        self.addCleanup(shutil.rmtree, self.directory, True)
        self.path = os.path.join(self.directory, "knowledge_base.txtpb")
        with open(os.path.join(SOURCE_DIR, "service", "knowledge_base",
                               "default_knowledge_base.txtpb"), encoding="utf-8") as f:
            self.original = f.read()
        self.version = re.search(r'^version: "([^"]*)"', self.original, re.MULTILINE).group(1)
        self.write(self.original)
        self.server = Server(f"--knowledge_base={self.path}")
        self.addCleanup(self.server.close)

    def tearDown(self):
        self.assertEqual(self.server.stop(), 0)

    def write(self, text):
        """Replaces the file in one step, as a ConfigMap update does."""
        staging = self.path + ".new"
        with open(staging, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(staging, self.path)

    def scrape_until(self, done):
        """Sends SIGHUP and scrapes until done(samples) holds; the samples."""
        self.server.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            status, _, text = self.server.scrape()
            self.assertEqual(status, 200)
            samples = parse_samples(text)
            if done(samples) or time.monotonic() > deadline:
                return samples
            time.sleep(0.1)

    def info_versions(self, samples):
        return sorted(dict(labels)["version"] for name, labels in samples
                      if name == "advisor_knowledge_base_info")

    def reloads(self, samples, result):
        return sample(samples, "advisor_knowledge_base_reloads_total", result=result)

    def test_good_then_bad_file(self):
        _, _, text = self.server.scrape()
        before = parse_samples(text)
        self.assertEqual(self.info_versions(before), [self.version])
        self.assertEqual(self.reloads(before, "ok"), 0)
        self.assertEqual(self.reloads(before, "failed"), 0)

        new_version = self.version + "-metrics-test"
        self.write(self.original.replace(f'version: "{self.version}"',
                                         f'version: "{new_version}"', 1))
        after_good = self.scrape_until(lambda s: self.reloads(s, "ok") >= 1)
        # The old version's series is gone, not left at 0.
        self.assertEqual(self.info_versions(after_good), [new_version])
        self.assertEqual(self.reloads(after_good, "failed"), 0)

        self.write("this is not a knowledge base {\n")
        after_bad = self.scrape_until(lambda s: self.reloads(s, "failed") >= 1)
        self.assertGreaterEqual(self.reloads(after_bad, "failed"), 1)
        self.assertEqual(self.info_versions(after_bad), [new_version])


class PrometheusServerTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="advisor-prometheus-")
        self.addCleanup(shutil.rmtree, self.directory, True)
        self.server = Server()
        self.addCleanup(self.server.close)
        self.prometheus = None
        self.prometheus_log = open(os.path.join(self.directory, "prometheus.log"), "wb")

    def tearDown(self):
        if self.prometheus is not None and self.prometheus.poll() is None:
            self.prometheus.terminate()
            try:
                self.prometheus.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.prometheus.kill()
                self.prometheus.wait()
        self.prometheus_log.close()
        self.assertEqual(self.server.stop(), 0)

    def query(self, api, expression):
        """The data.result list of an instant query."""
        status, _, body = http_get(
            f"http://{api}/api/v1/query?" + urllib.parse.urlencode({"query": expression}))
        if status != 200:
            return []
        return json.loads(body)["data"]["result"]

    def test_real_prometheus_scrapes_the_server(self):
        self.assertEqual(self.server.cli("lookup", "pytorch"), 0)
        config = os.path.join(self.directory, "prometheus.yml")
        with open(config, "w", encoding="utf-8") as f:
            f.write("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                    "scrape_configs:\n  - job_name: advisor\n    static_configs:\n"
                    f"      - targets: ['{self.server.metrics_address}']\n")
        api = f"127.0.0.1:{free_port()}"
        self.prometheus = subprocess.Popen(
            ["prometheus", f"--config.file={config}",
             f"--storage.tsdb.path={os.path.join(self.directory, 'data')}",
             f"--web.listen-address={api}"],
            stdout=self.prometheus_log, stderr=subprocess.STDOUT)

        ok_calls = f'advisor_calls_total{{method="{GET_FRAMEWORK}",code="OK"}}'
        deadline = time.monotonic() + PROMETHEUS_TIMEOUT_S
        calls, up = [], []
        while time.monotonic() < deadline and not (calls and up):
            self.assertIsNone(self.prometheus.poll(), "prometheus exited; see its log")
            time.sleep(0.5)
            calls = self.query(api, ok_calls)
            up = self.query(api, 'up{job="advisor"} == 1')
        with open(self.prometheus_log.name, encoding="utf-8", errors="replace") as log:
            diagnostics = log.read()[-2000:]
        self.assertTrue(calls, f"no advisor_calls_total sample within {PROMETHEUS_TIMEOUT_S}s\n"
                        + diagnostics)
        self.assertTrue(up, "target not up\n" + diagnostics)
        self.assertEqual(calls[0]["metric"]["job"], "advisor")
        self.assertEqual(float(calls[0]["value"][1]), 1)


if __name__ == "__main__":
    unittest.main()
