"""tipg (developmentseed's OGC API – Features and tiles server) serving the benchmark's tables, for comparison.

tipg runs from its own venv, .venv-tipg (`make bench-tipg-venv`), in a uvicorn child process on a free port
(started by ecosafe-serve, as the service is), reading the same database as the service. Only the view
`bench_sites` is published: the rows of risk-map's `sites` tile layer.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import make_url

from live import ChildServer

REPO = Path(__file__).resolve().parent.parent
PYTHON = REPO / ".venv-tipg" / "bin" / "python"
COLLECTION = "public.bench_sites"


def available() -> bool:
    return PYTHON.exists()


class TipgServer(ChildServer):
    name = "tipg (is .venv-tipg installed? make bench-tipg-venv)"
    ready_timeout_s = 60.0

    def __init__(self, database_url: str, workers: int = 1) -> None:
        url = make_url(database_url)
        env = {**os.environ, "DATABASE_URL": f"postgresql://{url.username}:{url.password}@{url.host}:{url.port}/{url.database}",
               "TIPG_DB_SCHEMAS": '["public"]', "TIPG_DB_TABLES": f'["{COLLECTION}"]',
               "TIPG_DB_SPATIAL_EXTENT": "false", "TIPG_DB_DATETIME_EXTENT": "false",
               "PYTHONPATH": str(REPO / "libs" / "kit" / "src")}
        # Through ecosafe-serve (it needs nothing but uvicorn), so tipg's workers get TCP_NODELAY too: plain
        # `uvicorn --workers 2` would add ~40 ms to every request and flatter the service.
        super().__init__([str(PYTHON), "-m", "ecosafe_kit.serve", "tipg.main:app", "--host", "127.0.0.1", "--port",
                          "{port}", "--log-level", "warning", "--workers", str(workers)],
                         env, f"/collections/{COLLECTION}", cwd="/")

    def tile_path(self, z: int, x: int, y: int) -> str:
        return f"/collections/{COLLECTION}/tiles/WebMercatorQuad/{z}/{x}/{y}"
