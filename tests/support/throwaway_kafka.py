"""A throwaway single-node KRaft broker of a test's own, for tests that stop, kill and restart Kafka.

The shared test stack's broker (127.0.0.1:29092) is used by every other test and must never be stopped, so
tests that need a broker to go away start this one instead: the same jars and the same config template as
deploy/local/stack.sh (`.local/kafka-libs/<version>`, `deploy/local/kafka/server.properties.template`), on
free ports, with its data in a folder the test gives (a pytest tmp dir). Data survive `stop()`/`kill()`, so
`start()` again restarts the broker over its old data, as a restarted stack does.

    broker = ThrowawayKafka(tmp_path / "kafka")
    broker.start()                 # formats the storage on first start; waits until metadata is served
    ... broker.bootstrap ...       # "127.0.0.1:<port>"
    broker.stop()                  # SIGTERM, a controlled shutdown (broker.kill() for SIGKILL)
    broker.start()                 # same ports, same data
    broker.close()                 # stop (kill if needed); call in a finally / fixture teardown
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LOCAL_DIR = REPO / "deploy" / "local"


def kafka_version() -> str:
    """The pinned Kafka version, read from the pom as deploy/local/common.sh does."""
    match = re.search(r"<kafka\.version>(.*?)</kafka\.version>", (LOCAL_DIR / "kafka" / "pom.xml").read_text())
    if not match:
        raise RuntimeError("no <kafka.version> in deploy/local/kafka/pom.xml")
    return match.group(1)


def kafka_libs() -> Path:
    return REPO / ".local" / "kafka-libs" / kafka_version()


def installed() -> bool:
    """Whether deploy/local/install.sh has fetched the Kafka jars (and java is on the PATH)."""
    from shutil import which
    return (kafka_libs() / ".complete").exists() and which("java") is not None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class ThrowawayKafka:
    """One KRaft broker+controller process in `root` (config, data, logs), restartable over its data."""

    def __init__(self, root: Path, *, heap: str = "384m", properties: dict[str, str] | None = None) -> None:
        """`properties` are appended to the stack's server.properties (later lines win), e.g. a shorter
        `broker.session.timeout.ms` so a broker restarted after SIGKILL need not wait out its old session."""
        self.root = Path(root)
        self.properties = dict(properties or {})
        self.port = free_port()
        self.controller_port = free_port()
        while self.controller_port == self.port:
            self.controller_port = free_port()
        self.heap = heap
        self.data = self.root / "data"
        self.logs = self.root / "logs"
        self.conf = self.root / "server.properties"
        self._process: subprocess.Popen | None = None
        self._stdout = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _classpath(self) -> str:
        return str(kafka_libs() / "*")

    def _java(self, *args: str, heap: str | None = None) -> list[str]:
        memory = [f"-Xmx{heap}", f"-Xms{heap}"] if heap else []
        return ["java", *memory, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                f"-Dlog4j2.configurationFile={LOCAL_DIR / 'kafka' / 'log4j2.xml'}",
                f"-Dkafka.logs.dir={self.logs}", "-cp", self._classpath(), *args]

    def _prepare(self) -> None:
        self.data.mkdir(parents=True, exist_ok=True)
        self.logs.mkdir(parents=True, exist_ok=True)
        template = (LOCAL_DIR / "kafka" / "server.properties.template").read_text()
        extra = "".join(f"{key}={value}\n" for key, value in self.properties.items())
        self.conf.write_text(template.replace("@PORT@", str(self.port))
                             .replace("@CONTROLLER_PORT@", str(self.controller_port))
                             .replace("@LOG_DIR@", str(self.data))
                             + "\n# --- throwaway_kafka.py overrides\n" + extra)
        if not (self.data / "meta.properties").exists():
            cluster_id = subprocess.run(self._java("kafka.tools.StorageTool", "random-uuid"), check=True,
                                        capture_output=True, text=True, timeout=60).stdout.strip()
            subprocess.run(self._java("kafka.tools.StorageTool", "format", "-t", cluster_id, "-c", str(self.conf)),
                           check=True, capture_output=True, timeout=60)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def launch(self) -> None:
        """Start the JVM without waiting for it to serve (see `wait_ready`)."""
        if self.running:
            return
        self._prepare()
        for port in (self.port, self.controller_port):
            if port_open(port):
                raise RuntimeError(f"port {port} is taken; cannot start the throwaway broker on it")
        self._stdout = open(self.logs / "stdout.log", "ab")  # noqa: SIM115 - closed in _reap
        self._process = subprocess.Popen(self._java("kafka.Kafka", str(self.conf), heap=self.heap),
                                         stdout=self._stdout, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         start_new_session=True)

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Until the broker answers a metadata request with a controller (as deploy/local/kafka_ready.py)."""
        from kafka import KafkaAdminClient

        deadline = time.monotonic() + timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            if not self.running:
                raise RuntimeError(f"throwaway kafka exited during start-up; see {self.logs}/server.log")
            if port_open(self.port):
                try:
                    admin = KafkaAdminClient(bootstrap_servers=self.bootstrap, client_id="throwaway-ready",
                                             request_timeout_ms=3000, bootstrap_timeout_ms=2000)
                    try:
                        cluster = admin.describe_cluster()
                    finally:
                        admin.close()
                    if cluster.get("controller_id", -1) >= 0 or cluster.get("brokers"):
                        return
                except Exception as exc:  # still booting
                    last = exc
            time.sleep(0.2)
        raise TimeoutError(f"throwaway kafka on {self.bootstrap} not ready after {timeout:.0f}s: {last!r}")

    def start(self, timeout: float = 60.0) -> None:
        self.launch()
        self.wait_ready(timeout)

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM (a controlled shutdown); SIGKILL only if it does not exit in time."""
        self._signal(signal.SIGTERM, timeout)

    def kill(self) -> None:
        """SIGKILL: no controlled shutdown, the logs are recovered on the next start."""
        self._signal(signal.SIGKILL, 30.0)

    def _signal(self, sig: int, timeout: float) -> None:
        if self._process is None:
            return
        if self._process.poll() is None:
            os.killpg(self._process.pid, sig)
            try:
                self._process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait(30)
        self._reap()

    def _reap(self) -> None:
        self._process = None
        if self._stdout is not None:
            self._stdout.close()
            self._stdout = None
        # The ports must be free again before a restart binds them.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and (port_open(self.port) or port_open(self.controller_port)):
            time.sleep(0.1)

    def close(self) -> None:
        try:
            self.stop(timeout=15)
        except Exception:
            if self._process is not None:
                os.killpg(self._process.pid, signal.SIGKILL)
            raise
