"""Starts, stops and checks the services of `make run` on the local stack (uvicorn processes, pid files, logs)."""

from __future__ import annotations

import argparse
import base64
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
# name, package, database, port
SERVICES = [
    ("hazard", "hazard", "hazard", 8001),
    ("enforcement", "enforcement", "enforcement", 8002),
    ("risk-map", "risk_map", "risk_map", 8003),
    ("notify", "notify", "notify", 8004),
]
PORTS = {"run": (15432, 19092), "test": (25432, 29092)}


def _state_dir(stack: str) -> Path:
    path = REPO / ".local" / stack / "services"
    path.mkdir(parents=True, exist_ok=True)
    return path


def reporter_contact_key(stack: str) -> str:
    """The hazard service's key sealing reporters' contacts, generated once per state folder and kept there (mode
    600): a new key on every start would leave the contacts sealed before it unreadable."""
    path = REPO / ".local" / stack / "reporter-contact.key"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Written whole under another name, mode 600 from the first byte, then linked into place: a start racing
        # this one either keeps this key or its own, never reads half a file; a link never replaces a key.
        spare = path.with_name(f"{path.name}.{os.getpid()}")
        fd = os.open(spare, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(base64.urlsafe_b64encode(os.urandom(32)) + b"\n")
        try:
            os.link(spare, path)
        except FileExistsError:
            pass
        finally:
            spare.unlink()
    return path.read_text().strip()


def _env(stack: str, name: str, database: str) -> dict:
    pg_port = int(os.environ.get("ECOSAFE_PG_PORT", PORTS[stack][0]))
    kafka_port = int(os.environ.get("ECOSAFE_KAFKA_PORT", PORTS[stack][1]))
    own: dict[str, str] = {}
    if name == "risk-map":
        # The demo's valves and gates have no device behind them: the simulated adapter answers (off by default).
        own["ECOSAFE_DEVICE_SIMULATOR_ENABLED"] = "true"
    if name == "hazard" and not os.environ.get("ECOSAFE_REPORTER_CONTACT_KEY"):
        own["ECOSAFE_REPORTER_CONTACT_KEY"] = reporter_contact_key(stack)
    return {
        **os.environ,
        "ECOSAFE_SERVICE_NAME": name,
        "ECOSAFE_DATABASE_URL": f"postgresql+psycopg2://ecosafe:ecosafe@127.0.0.1:{pg_port}/{database}",
        "ECOSAFE_KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{kafka_port}",
        **own,
    }


def _alive(pid_file: Path) -> int | None:
    try:
        pid = int(pid_file.read_text())
        os.kill(pid, 0)
        return pid
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return None


def _ready(port: int) -> tuple[bool, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=3) as response:
            return True, json.dumps(json.load(response).get("checks", {}), ensure_ascii=False)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return False, str(exc)


def start(stack: str, timeout: float) -> int:
    state = _state_dir(stack)
    for name, package, database, port in SERVICES:
        pid_file = state / f"{name}.pid"
        if _alive(pid_file):
            print(f"{name}: already running")
            continue
        env = _env(stack, name, database)
        subprocess.run([PYTHON, "-m", "alembic", "-c", str(REPO / "services" / name / "alembic.ini"), "upgrade",
                        "head"], env=env, cwd=REPO, check=True)
        log = open(state / f"{name}.log", "ab")
        process = subprocess.Popen(
            [PYTHON, "-m", "ecosafe_kit.serve", f"{package}.entrypoints.app:create_app", "--factory", "--host", "127.0.0.1",
             "--port", str(port), "--no-access-log", "--log-level", "warning"],
            env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        pid_file.write_text(str(process.pid))
    failed = []
    for name, _, _, port in SERVICES:
        deadline = time.monotonic() + timeout
        ok, detail = _ready(port)
        while not ok and time.monotonic() < deadline and _alive(_state_dir(stack) / f"{name}.pid"):
            time.sleep(0.3)
            ok, detail = _ready(port)
        print(f"{name:12s} http://127.0.0.1:{port}/docs  {'就绪' if ok else '未就绪: ' + detail}")
        if not ok:
            failed.append(name)
    if failed:
        print(f"not ready: {', '.join(failed)}; logs in {_state_dir(stack)}", file=sys.stderr)
        return 1
    return 0


def stop(stack: str) -> int:
    state = _state_dir(stack)
    for name, *_ in SERVICES:
        pid_file = state / f"{name}.pid"
        pid = _alive(pid_file)
        if pid:
            os.killpg(pid, signal.SIGTERM)
            deadline = time.monotonic() + 15
            while _alive(pid_file) and time.monotonic() < deadline:
                time.sleep(0.1)
            if _alive(pid_file):
                os.killpg(pid, signal.SIGKILL)
            print(f"{name}: stopped")
        pid_file.unlink(missing_ok=True)
    return 0


def status(stack: str) -> int:
    all_ready = True
    for name, _, _, port in SERVICES:
        ok, detail = _ready(port)
        all_ready &= ok
        print(f"{name:12s} {'就绪' if ok else '未就绪'} {detail}")
    return 0 if all_ready else 1


def main() -> int:
    parser = argparse.ArgumentParser(description="本地启动/停止 EcoSafe 各服务")
    parser.add_argument("command", choices=["start", "stop", "status"])
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    stack = os.environ.get("ECOSAFE_STACK", "run")
    if args.command == "start":
        return start(stack, args.timeout)
    return stop(stack) if args.command == "stop" else status(stack)


if __name__ == "__main__":
    sys.exit(main())
