"""The service on real HTTP (uvicorn in a child process on a free port), for GDAL and OWSLib clients.

A child process rather than a thread: pyogrio keeps the GIL while GDAL fetches pages, which would starve a
server thread in the same interpreter.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ChildServer:
    """An HTTP server in a child process on a free port: started, waited for until `ready_path` answers 200,
    and stopped again (terminate, then kill) on leaving the `with` block."""

    name = "server"
    ready_timeout_s = 30.0

    def __init__(self, command: list[str], env: dict, ready_path: str, cwd: str | None = None) -> None:
        self.port = free_port()
        self.command = [part.replace("{port}", str(self.port)) for part in command]
        self.env, self.ready_path, self.cwd = env, ready_path, cwd
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.process = subprocess.Popen(self.command, env=self.env, stdout=subprocess.DEVNULL, cwd=self.cwd)
        deadline = time.monotonic() + self.ready_timeout_s
        while True:
            try:
                if httpx.get(f"{self.url}{self.ready_path}", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError(f"{self.name} did not start")
            time.sleep(0.1)

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class LiveServer(ChildServer):
    name = "the risk-map service"

    def __init__(self, settings, workers: int = 1) -> None:
        env = {**os.environ, "ECOSAFE_DATABASE_URL": settings.database_url,
               "ECOSAFE_KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap_servers,
               "ECOSAFE_JWT_SECRET": settings.jwt_secret.get_secret_value(), "ECOSAFE_RELAY_ENABLED": "false",
               "ECOSAFE_CONSUMERS_ENABLED": "false", "ECOSAFE_DEVICE_SIMULATOR_ENABLED": "false",
               "ECOSAFE_LOG_LEVEL": "WARNING"}
        super().__init__([sys.executable, "-m", "ecosafe_kit.serve", "risk_map.entrypoints.app:create_app", "--factory",
                          "--host", "127.0.0.1", "--port", "{port}", "--log-level", "warning", "--workers", str(workers)],
                         env, "/healthz")
