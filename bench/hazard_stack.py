"""The hazard service under benchmark: its own database, a district of enterprises, uvicorn in a subprocess."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchlib import DATABASE_URL, KAFKA, REPO
from ecosafe_demo.enterprises import demo_register, publish_register

DATABASE = "hazard_bench"
LOG_DIR = REPO / ".local" / "bench"


@dataclass
class Service:
    """A running hazard service: its process, base URL, database URL and the district it knows."""

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
    admin = create_engine(DATABASE_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": DATABASE}).first()
        if exists and fresh:
            conn.execute(text(f"DROP DATABASE {DATABASE} WITH (FORCE)"))  # a constant name, not input
            exists = None
        if not exists:
            conn.execute(text(f"CREATE DATABASE {DATABASE}"))
    admin.dispose()
    url = make_url(DATABASE_URL).set(database=DATABASE).render_as_string(hide_password=False)
    subprocess.run([sys.executable, "-m", "alembic", "-c", str(REPO / "services/hazard/alembic.ini"),
                    "-x", f"database_url={url}", "upgrade", "head"], check=True, cwd=REPO,
                   stdout=subprocess.DEVNULL)
    return url


def district(run_id: str) -> list[dict]:
    """The demo district with enterprise ids made unique to this run (the bench database outlives runs)."""
    rows = []
    for row in demo_register()["enterprises"]:
        copy = dict(row, enterprise_id=f"{row['enterprise_id']}-b{run_id}")
        if copy.get("parent_enterprise_id"):
            copy["parent_enterprise_id"] = f"{row['parent_enterprise_id']}-b{run_id}"
        rows.append(copy)
    return rows


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(database_url: str, run_id: str, relay: bool = True, workers: int = 1) -> Service:
    """Publish the district on a topic of this run, start uvicorn reading it, and wait until it is ready."""
    topic = f"bench.enforcement.enterprise.{run_id}"
    rows = district(run_id)
    publish_register(KAFKA, rows, topic=topic)
    port = free_port()
    env = {**os.environ,
           "ECOSAFE_DATABASE_URL": database_url, "ECOSAFE_KAFKA_BOOTSTRAP_SERVERS": KAFKA,
           "ECOSAFE_ENTERPRISE_TOPIC": topic, "ECOSAFE_FINDING_TOPIC": f"bench.enforcement.inspection.{run_id}",
           "ECOSAFE_CONSUMER_GROUP_SUFFIX": f".bench-{run_id}", "ECOSAFE_LOG_LEVEL": "WARNING",
           "ECOSAFE_RELAY_ENABLED": "true" if relay else "false", "ECOSAFE_CONSUMERS_ENABLED": "true"}
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, 4):
        service = _launch(env, database_url, rows, LOG_DIR / f"hazard_api-{run_id}-{attempt}.log", workers)
        try:
            _wait_ready(service)
            _wait_enterprises(service)
            return service
        except EnterprisesNotConsumed as exc:
            # kafka-python can join the group before it has the new topic's partitions, and then stays
            # unassigned until its next metadata refresh (5 min): start again rather than wait.
            print(f"warning: {exc} (attempt {attempt}); restarting the service", file=sys.stderr, flush=True)
            service.stop()
        except BaseException:
            service.stop()
            raise
    raise RuntimeError("the service never consumed the enterprise register; see the logs in " + str(LOG_DIR))


class EnterprisesNotConsumed(RuntimeError):
    """The service's register consumer did not pick up the published enterprises in time."""


def _launch(env: dict, database_url: str, rows: list[dict], log_path: Path, workers: int = 1) -> Service:
    port = free_port()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "ecosafe_kit.serve", "hazard.entrypoints.app:create_app", "--factory",
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


def _wait_enterprises(service: Service, timeout: float = 20.0) -> None:
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
    raise EnterprisesNotConsumed(f"the service did not consume the {len(ids)} enterprises within {timeout:.0f}s")


def backend_pids(database_url: str) -> list[int]:
    """PostgreSQL backends connected to the bench database (the service's pool), to read their CPU."""
    engine = create_engine(DATABASE_URL)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = :d AND pid <> "
                                          "pg_backend_pid()"), {"d": make_url(database_url).database}).scalars())
    finally:
        engine.dispose()
