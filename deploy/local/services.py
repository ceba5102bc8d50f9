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
# The demo sign-in app (lists the demo users, mints their tokens): the demo stack of `make run` only, no database.
DEMO_SIGNIN = ("demo-signin", "ecosafe_demo.signin", None, 8005)
PORTS = {"run": (15432, 19092), "test": (25432, 29092)}
CONFIRM_SECONDS = 1.0


def _apps(stack: str) -> list[tuple[str, str, str | None, int]]:
    return SERVICES + [DEMO_SIGNIN] if stack == "run" else SERVICES


def _state_dir(stack: str, override: str | None = None) -> Path:
    path = Path(override) if override else REPO / ".local" / stack / "services"
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


def _env(stack: str, name: str, database: str | None) -> dict:
    pg_port = int(os.environ.get("ECOSAFE_PG_PORT", PORTS[stack][0]))
    kafka_port = int(os.environ.get("ECOSAFE_KAFKA_PORT", PORTS[stack][1]))
    own: dict[str, str] = {}
    if name == "risk-map":
        # The demo's valves and gates have no device behind them: the simulated adapter answers (off by default).
        own["ECOSAFE_DEVICE_SIMULATOR_ENABLED"] = "true"
    if name == "hazard" and not os.environ.get("ECOSAFE_REPORTER_CONTACT_KEY"):
        own["ECOSAFE_REPORTER_CONTACT_KEY"] = reporter_contact_key(stack)
    if name == DEMO_SIGNIN[0]:
        own["ECOSAFE_DEMO_SIGNIN_ENABLED"] = "true"
    return {
        **os.environ,
        "ECOSAFE_SERVICE_NAME": name,
        "ECOSAFE_DATABASE_URL": f"postgresql+psycopg://ecosafe:ecosafe@127.0.0.1:{pg_port}/{database}",
        "ECOSAFE_KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{kafka_port}",
        **own,
    }


def _command(package: str, port: int) -> list[str]:
    app = f"{package}:create_app" if package == DEMO_SIGNIN[1] else f"{package}.entrypoints.app:create_app"
    return [PYTHON, "-m", "ecosafe_kit.serve", app, "--factory", "--host",
            "127.0.0.1", "--port", str(port), "--no-access-log", "--log-level", "warning"]


def _running(pid_file: Path, package: str, port: int) -> int | None:
    """The pid in `pid_file` if that process is still this service: not gone, not a zombie, and running our command.

    A killed service stays a zombie until its parent reaps it (here PID 1, which may take its time), and
    `kill(pid, 0)` succeeds on a zombie; a pid may also have been reused by another program since."""
    try:
        pid = int(pid_file.read_text())
        stat = Path(f"/proc/{pid}/stat").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except (FileNotFoundError, ProcessLookupError, ValueError):
        return None
    state = stat.rpartition(")")[2].split()[0]  # the command name before it may hold spaces and brackets
    if state in ("Z", "X", "x"):
        return None
    return pid if cmdline[1:len(_command(package, port))] == _command(package, port)[1:] else None


def _gone(pid_file: Path, package: str, port: int) -> bool:
    """Not running on two looks 0.3 s apart: one look can miss a process that has only just started."""
    if _running(pid_file, package, port):
        return False
    time.sleep(0.3)
    return _running(pid_file, package, port) is None


def _answers(port: int, path: str = "/healthz") -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=3):
            return True
    except (urllib.error.URLError, OSError):
        return False


def _ready(port: int) -> tuple[bool, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=3) as response:
            return True, json.dumps(json.load(response).get("checks", {}), ensure_ascii=False)
    except urllib.error.HTTPError as exc:  # 503 problem+json: the checks that failed, and why
        try:
            return False, json.dumps(json.load(exc).get("checks", {}), ensure_ascii=False)
        except ValueError:
            return False, str(exc)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return False, str(exc)


def _settle(pid_file: Path, package: str, port: int, timeout: float) -> int | None:
    """Waits while our process is there but not answering (starting, or stopping after SIGTERM): returns its pid
    once it answers, None once it is gone; raises if it does neither in time."""
    deadline = time.monotonic() + timeout
    while (pid := _running(pid_file, package, port)) is not None:
        if _answers(port):
            return pid
        if time.monotonic() > deadline:
            raise SystemExit(f"pid {pid} ({package}) neither answers on port {port} nor exits; "
                             f"stop it first (services.py stop)")
        time.sleep(0.1)
    return None


def start(stack: str, timeout: float, only: list[str], port_offset: int, state_dir: str | None) -> int:
    state = _state_dir(stack, state_dir)
    chosen = [(name, package, database, port + port_offset) for name, package, database, port in _apps(stack)
              if not only or name in only]
    started: dict[str, int] = {}
    answering = {name: pid for name, package, _, port in chosen
                 if (pid := _settle(state / f"{name}.pid", package, port, timeout)) is not None}
    if answering:
        # A service that was just sent SIGTERM answers until uvicorn notices (it looks every 0.1 s, later under
        # load): only one that still answers a moment later, as the same process, is left alone.
        time.sleep(CONFIRM_SECONDS)
    for name, package, database, port in chosen:
        pid_file = state / f"{name}.pid"
        pid = _settle(pid_file, package, port, timeout) if name in answering else None
        if pid is not None and pid == answering[name]:
            print(f"{name}: already running (pid {pid})")
            started[name] = pid
            continue
        env = _env(stack, name, database)
        if database is not None:
            subprocess.run([PYTHON, "-m", "alembic", "-c", str(REPO / "services" / name / "alembic.ini"), "upgrade",
                            "head"], env=env, cwd=REPO, check=True)
        log = open(state / f"{name}.log", "ab")
        process = subprocess.Popen(_command(package, port), env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        pid_file.write_text(str(process.pid))
        started[name] = process.pid
    failed = []
    for name, package, _, port in chosen:
        pid_file = state / f"{name}.pid"
        deadline = time.monotonic() + timeout
        ok, detail = _ready(port)
        while not ok and time.monotonic() < deadline and not _gone(pid_file, package, port):
            time.sleep(0.3)
            ok, detail = _ready(port)
        if _gone(pid_file, package, port):
            # Whatever answers on the port now is not the process we started.
            ok, detail = False, f"pid {started[name]} exited"
        elif not ok and time.monotonic() >= deadline:
            detail += f" (pid {started[name]} still starting after {timeout:g}s)"
        print(f"{name:12s} http://127.0.0.1:{port}/docs  {'就绪' if ok else '未就绪: ' + detail}")
        if not ok:
            failed.append(name)
    if failed:
        print(f"not ready: {', '.join(failed)}; logs in {state}", file=sys.stderr)
        return 1
    return 0


def stop(stack: str, only: list[str], port_offset: int, state_dir: str | None) -> int:
    state = _state_dir(stack, state_dir)
    for name, package, _, port in _apps(stack):
        if only and name not in only:
            continue
        pid_file = state / f"{name}.pid"
        pid = _running(pid_file, package, port + port_offset)
        if pid:
            os.killpg(pid, signal.SIGTERM)
            deadline = time.monotonic() + 15
            while _running(pid_file, package, port + port_offset) and time.monotonic() < deadline:
                time.sleep(0.1)
            if _running(pid_file, package, port + port_offset):
                os.killpg(pid, signal.SIGKILL)
            print(f"{name}: stopped")
        pid_file.unlink(missing_ok=True)
    return 0


def status(stack: str, only: list[str], port_offset: int, state_dir: str | None) -> int:
    all_ready = True
    for name, _, _, port in _apps(stack):
        if only and name not in only:
            continue
        ok, detail = _ready(port + port_offset)
        all_ready &= ok
        print(f"{name:12s} {'就绪' if ok else '未就绪'} {detail}")
    return 0 if all_ready else 1


def main() -> int:
    parser = argparse.ArgumentParser(description="本地启动/停止 EcoSafe 各服务")
    parser.add_argument("command", choices=["start", "stop", "status"])
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--only", action="append", default=[], choices=[name for name, *_ in _apps("run")],
                        help="只处理该服务 (可重复)")
    parser.add_argument("--port-offset", type=int, default=0, help="各服务端口加上此偏移 (默认 8001–8004, run 栈的演示登录 8005)")
    parser.add_argument("--state-dir", default=None, help="pid 与日志目录 (默认 .local/<stack>/services)")
    args = parser.parse_args()
    stack = os.environ.get("ECOSAFE_STACK", "run")
    scope = (args.only, args.port_offset, args.state_dir)
    if args.command == "start":
        return start(stack, args.timeout, *scope)
    return stop(stack, *scope) if args.command == "stop" else status(stack, *scope)


if __name__ == "__main__":
    sys.exit(main())
