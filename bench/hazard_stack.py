"""The hazard service under benchmark: its own database, a district of enterprises registered through the enforcement
service's API (as everywhere: nothing else publishes on its topic), uvicorn in a subprocess."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchlib import DATABASE_URL, KAFKA, REPO
from ecosafe_demo.enterprises import demo_register, register_through_api

sys.path.insert(0, str(REPO / "tests" / "support"))
from enforcement_register import credit_code  # noqa: E402  (valid, unused credit codes)

DATABASE = "hazard_bench"
ENFORCEMENT_DATABASE = "enforcement_bench"
# The hazard service reads the real register topic; its groups keep one name from run to run, so a run reads what
# was published since the last one, not the whole topic (kept forever) again.
GROUP_SUFFIX = ".bench"
LOG_DIR = REPO / ".local" / "bench"


@dataclass
class Service:
    """A running service (hazard, or enforcement for the register): its process, base URL, database URL and the
    district it knows."""

    process: subprocess.Popen
    base_url: str
    database_url: str
    enterprises: list[dict]
    log_path: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # uvicorn's graceful shutdown stops the relay and consumers
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def prepare_database(fresh: bool) -> str:
    """Create (or with `fresh`, re-create) the bench database and migrate it with the service's alembic."""
    return _migrated(DATABASE, "services/hazard/alembic.ini", fresh)


def _migrated(database: str, alembic_ini: str, fresh: bool = False) -> str:
    admin = create_engine(DATABASE_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": database}).first()
        if exists and fresh:
            conn.execute(text(f"DROP DATABASE {database} WITH (FORCE)"))  # a constant name, not input
            exists = None
        if not exists:
            conn.execute(text(f"CREATE DATABASE {database}"))
    admin.dispose()
    url = make_url(DATABASE_URL).set(database=database).render_as_string(hide_password=False)
    subprocess.run([sys.executable, "-m", "alembic", "-c", str(REPO / alembic_ini),
                    "-x", f"database_url={url}", "upgrade", "head"], check=True, cwd=REPO,
                   stdout=subprocess.DEVNULL)
    return url


def district(run_id: str) -> list[dict]:
    """The demo district with enterprise ids made unique to this run (the bench database outlives runs)."""
    rows = []
    for row in demo_register()["enterprises"]:
        copy = dict(row, enterprise_id=f"{row['enterprise_id']}-b{run_id}", credit_code=credit_code())
        if copy.get("parent_enterprise_id"):
            copy["parent_enterprise_id"] = f"{row['parent_enterprise_id']}-b{run_id}"
        rows.append(copy)
    return rows


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def enforcement_service() -> Iterator[str]:
    """The enforcement service (its own bench database, its relay publishing the register) while the block runs."""
    env = {**os.environ, "ECOSAFE_DATABASE_URL": _migrated(ENFORCEMENT_DATABASE, "services/enforcement/alembic.ini"),
           "ECOSAFE_KAFKA_BOOTSTRAP_SERVERS": KAFKA, "ECOSAFE_LOG_LEVEL": "WARNING"}
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    service = _launch("enforcement.entrypoints.app:create_app", env, env["ECOSAFE_DATABASE_URL"], [],
                      LOG_DIR / "enforcement_api.log")
    try:
        _wait_ready(service)
        yield service.base_url
    finally:
        service.stop()


def start(database_url: str, run_id: str, relay: bool = True, workers: int = 1) -> Service:
    """Register the district at the enforcement API, start uvicorn reading the register, and wait until it is ready."""
    from enforcement.settings import Settings

    rows = district(run_id)
    env = {**os.environ,
           "ECOSAFE_DATABASE_URL": database_url, "ECOSAFE_KAFKA_BOOTSTRAP_SERVERS": KAFKA,
           "ECOSAFE_FINDING_TOPIC": f"bench.enforcement.inspection.{run_id}",
           "ECOSAFE_CONSUMER_GROUP_SUFFIX": GROUP_SUFFIX, "ECOSAFE_LOG_LEVEL": "WARNING",
           "ECOSAFE_RELAY_ENABLED": "true" if relay else "false", "ECOSAFE_CONSUMERS_ENABLED": "true"}
    with enforcement_service() as enforcement_url:
        register_through_api(enforcement_url, Settings().jwt_secret.get_secret_value(), rows)
        service = _launch("hazard.entrypoints.app:create_app", env, database_url, rows,
                          LOG_DIR / f"hazard_api-{run_id}.log", workers)
        try:
            _wait_ready(service)
            _wait_enterprises(service)
            return service
        except BaseException:
            service.stop()
            raise


def _launch(app: str, env: dict, database_url: str, rows: list[dict], log_path: Path, workers: int = 1) -> Service:
    port = free_port()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "ecosafe_kit.serve", app, "--factory",
             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log",
             "--workers", str(workers)],
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    return Service(process, f"http://127.0.0.1:{port}", database_url, rows, log_path)


def _wait_ready(service: Service, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if service.process.poll() is not None:
            raise RuntimeError(f"the service exited ({service.process.returncode}); see {service.log_path}")
        try:
            if httpx.get(service.base_url + "/readyz", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"/readyz did not answer 200 within {timeout:.0f}s; see {service.log_path}")


def _wait_enterprises(service: Service, timeout: float = 120.0) -> None:
    ids = [r["enterprise_id"] for r in service.enterprises]
    engine = create_engine(service.database_url)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                known = conn.execute(text("SELECT count(*) FROM hazard_enterprises WHERE enterprise_id = ANY(:ids)"),
                                     {"ids": ids}).scalar_one()
            if known == len(ids):
                return
            time.sleep(0.2)
    finally:
        engine.dispose()
    raise RuntimeError(f"the service did not consume the {len(ids)} enterprises within {timeout:.0f}s; see "
                       f"{service.log_path}")


def backend_pids(database_url: str) -> list[int]:
    """PostgreSQL backends connected to the bench database (the service's pool), to read their CPU."""
    engine = create_engine(DATABASE_URL)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = :d AND pid <> "
                                          "pg_backend_pid()"), {"d": make_url(database_url).database}).scalars())
    finally:
        engine.dispose()
