"""tipg (developmentseed's OGC API – Features and tiles server) serving the benchmark's tables, for comparison.

tipg runs from its own venv, .venv-tipg (`make bench-tipg-venv`), in a uvicorn child process on a free port
(started by ecosafe-serve, as the service is),
reading the same database as the service. Only the view `bench_sites` is published: the rows of risk-map's
`sites` tile layer.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import httpx
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parent.parent
PYTHON = REPO / ".venv-tipg" / "bin" / "python"
COLLECTION = "public.bench_sites"


def available() -> bool:
    return PYTHON.exists()


class TipgServer:
    def __init__(self, database_url: str, workers: int = 1) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        url = make_url(database_url)
        self.env = {**os.environ, "DATABASE_URL": f"postgresql://{url.username}:{url.password}@{url.host}:{url.port}/{url.database}",
                    "TIPG_DB_SCHEMAS": '["public"]', "TIPG_DB_TABLES": f'["{COLLECTION}"]',
                    "TIPG_DB_SPATIAL_EXTENT": "false", "TIPG_DB_DATETIME_EXTENT": "false"}
        self.workers = workers
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def tile_path(self, z: int, x: int, y: int) -> str:
        return f"/collections/{COLLECTION}/tiles/WebMercatorQuad/{z}/{x}/{y}"

    def __enter__(self) -> TipgServer:
        # Started like the service, through ecosafe-serve (it needs nothing but uvicorn), so tipg's workers get
        # TCP_NODELAY too: plain `uvicorn --workers 2` would add ~40 ms to every request and flatter the service.
        self.process = subprocess.Popen(
            [str(PYTHON), "-m", "ecosafe_kit.serve", "tipg.main:app", "--host", "127.0.0.1", "--port", str(self.port),
             "--log-level", "warning", "--workers", str(self.workers)],
            env={**self.env, "PYTHONPATH": str(REPO / "libs" / "kit" / "src")}, stdout=subprocess.DEVNULL, cwd="/")
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.url}/collections/{COLLECTION}", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError("tipg did not start (is .venv-tipg installed? make bench-tipg-venv)")
            time.sleep(0.2)

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
