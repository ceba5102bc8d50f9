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


class LiveServer:
    def __init__(self, settings, workers: int = 1) -> None:
        self.workers = workers
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.env = {**os.environ, "ECOSAFE_DATABASE_URL": settings.database_url,
                    "ECOSAFE_KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap_servers,
                    "ECOSAFE_JWT_SECRET": settings.jwt_secret.get_secret_value(), "ECOSAFE_RELAY_ENABLED": "false",
                    "ECOSAFE_CONSUMERS_ENABLED": "false", "ECOSAFE_DEVICE_SIMULATOR_ENABLED": "false",
                    "ECOSAFE_LOG_LEVEL": "WARNING"}
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ecosafe_kit.serve", "risk_map.entrypoints.app:create_app", "--factory", "--host", "127.0.0.1",
             "--port", str(self.port), "--log-level", "warning", "--workers", str(self.workers)],
            env=self.env, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError("the risk-map service did not start")
            time.sleep(0.1)

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
