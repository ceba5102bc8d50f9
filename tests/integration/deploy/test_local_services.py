"""deploy/local/services.py on the test stack: a service killed a moment ago is started again, not taken for alive."""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SCRIPT = REPO / "deploy" / "local" / "services.py"
NOTIFY_PORT = 8004  # services.py's port for notify, the quickest service to start
PR_SET_CHILD_SUBREAPER = 36


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def notify_service(tmp_path, database_url, kafka_bootstrap):
    """Runs services.py for notify alone, on a free port, with its pid file and log in tmp_path.

    The test process becomes the subreaper of what services.py starts, so a killed service stays a zombie
    until we reap it, as it does under a PID 1 that reaps late; without this the outcome would depend on init."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        pytest.skip("prctl(PR_SET_CHILD_SUBREAPER) is not available")
    port = _free_port()
    env = {**os.environ, "ECOSAFE_STACK": "test",
           "ECOSAFE_PG_PORT": database_url.rsplit(":", 1)[1].split("/")[0],
           "ECOSAFE_KAFKA_PORT": kafka_bootstrap.rsplit(":", 1)[1]}
    options = ["--only", "notify", "--port-offset", str(port - NOTIFY_PORT), "--state-dir", str(tmp_path)]

    def run(command: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(SCRIPT), command, *options, "--timeout", "60"], env=env,
                              capture_output=True, text=True, timeout=90, cwd=REPO)

    def pid() -> int:
        return int((tmp_path / "notify.pid").read_text())

    try:
        yield run, pid
    finally:
        run("stop")
        libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)
        while True:  # reap what we adopted
            try:
                if os.waitpid(-1, os.WNOHANG) == (0, 0):
                    break
            except ChildProcessError:
                break


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except FileNotFoundError:
        return "gone"


@pytest.mark.slow
def test_a_service_killed_a_moment_ago_is_started_again(notify_service):
    run, pid = notify_service
    first = run("start")
    assert first.returncode == 0, first.stdout + first.stderr
    killed = pid()
    os.kill(killed, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while _state(killed) not in ("Z", "gone"):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert _state(killed) == "Z"  # what the old liveness check took for a running service
    again = run("start")
    assert "already running" not in again.stdout
    assert again.returncode == 0, again.stdout + again.stderr
    assert pid() != killed and _state(pid()) not in ("Z", "gone")


@pytest.mark.slow
def test_a_service_stopping_on_sigterm_is_waited_for_and_started_again(notify_service):
    run, pid = notify_service
    assert run("start").returncode == 0
    stopping = pid()
    os.kill(stopping, signal.SIGTERM)  # it still runs for a moment while it shuts down
    again = run("start")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "already running" not in again.stdout
    assert pid() != stopping and _state(pid()) not in ("Z", "gone")


@pytest.mark.slow
def test_a_running_service_is_left_alone(notify_service):
    run, pid = notify_service
    assert run("start").returncode == 0
    running = pid()
    again = run("start")
    assert again.returncode == 0
    assert f"already running (pid {running})" in again.stdout
    assert pid() == running
