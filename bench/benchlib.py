"""Shared pieces of the benchmarks: connection settings, the bench database, payloads, statistics and tables."""

from __future__ import annotations

import os
import platform
import queue
import re
import socket
import statistics
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from ecosafe_kit.eventstore import Signer
from ecosafe_kit.eventstore.schema import (create_schema, create_schema_v2, create_schema_v3, create_schema_v4,
                                          create_schema_v5)

REPO = Path(__file__).resolve().parent.parent
# Read with psycopg 3 whatever driver the URL names, as the kit's make_engine reads it.
DATABASE_URL = make_url(os.environ.get(
    "ECOSAFE_TEST_DATABASE_URL", "postgresql+psycopg://ecosafe:ecosafe@127.0.0.1:25432/hazard")).set(
    drivername="postgresql+psycopg")
KAFKA = os.environ.get("ECOSAFE_TEST_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:29092")

# The eventsourcing library's recorder runs in a venv of its own (`make bench-es-venv`): its pins are not ours.
LIBRARY_PYTHON = REPO / ".venv-es" / "bin" / "python"

# The benchmarks write hundreds of thousands of rows per run: never into a database a test or a service uses.
BENCH_DATABASE = "ecosafe_bench"
PLAIN_TABLE = "bench_plain_events"
_CREATE_PLAIN = text(
    "CREATE TABLE IF NOT EXISTS bench_plain_events ("
    " stream text NOT NULL, version integer NOT NULL, payload bytea NOT NULL, PRIMARY KEY (stream, version))")

PAYLOAD_BYTES = 140
EVENT_TYPE = "ecosafe.bench.v1.Appended"
SIGNER = Signer(subject="u-bench-1", name="基准", roles=("inspector",), jurisdiction="140525")
# A writer moves to a fresh stream after this many events, as an aggregate's history would end.
STREAM_LENGTH = 1000

_NOT_RUNNING = ("the test stack is not answering at {what}; start it with "
                "`ECOSAFE_STACK=test deploy/local/stack.sh start` (or run `make bench`)")


class StackNotRunning(RuntimeError):
    """PostgreSQL or Kafka of the test stack does not answer."""


@dataclass(frozen=True)
class Target:
    """Where the benchmark writes: the bench database as a SQLAlchemy URL and as libpq keywords, and Kafka."""

    url: str
    dsn: dict
    kafka: str


def payload() -> bytes:
    # Random bytes: nothing in the path can compress them, as it could not a real protobuf message of this size.
    return os.urandom(PAYLOAD_BYTES)


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def check_stack() -> None:
    url = make_url(DATABASE_URL)
    if not _reachable(url.host, url.port or 5432):
        raise StackNotRunning(_NOT_RUNNING.format(what=f"{url.host}:{url.port}"))
    host, _, port = KAFKA.rpartition(":")
    if not _reachable(host, int(port)):
        raise StackNotRunning(_NOT_RUNNING.format(what=KAFKA))


def prepare_database(fresh: bool = True) -> Target:
    """The bench database with the kit schema and the baseline's plain table; `fresh`: dropped and made anew.

    Fresh by default, so every run starts from the same empty tables: kept from run to run, the log had grown to
    13.9 million rows (9.1 GB against 256 MB of shared buffers) by the end of a day, and reading back events just
    written then cost 5.5-6 ms of PostgreSQL CPU a page instead of 1.5-2 (replay 130,000 events/s against 250,000).
    """
    admin = create_engine(DATABASE_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if fresh:  # a constant name, not input; FORCE ends the sessions a stopped run may have left
            conn.execute(text("DROP DATABASE IF EXISTS " + BENCH_DATABASE + " WITH (FORCE)"))
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": BENCH_DATABASE}).first()
        if not exists:
            conn.execute(text("CREATE DATABASE " + BENCH_DATABASE))  # a constant name, not input
    admin.dispose()
    url = make_url(DATABASE_URL).set(database=BENCH_DATABASE)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(4242)"))  # two runs at once create the tables once
        # Only when missing: create_schema re-creates the immutability trigger, which locks es_events
        # exclusively and would stall (or deadlock with) another run that is appending.
        if conn.execute(text("SELECT to_regclass('es_events')")).scalar() is None:
            create_schema(conn)
        else:
            create_schema_v2(conn)  # a database from before kit schema v2: the relay's notification trigger
            create_schema_v3(conn)  # and from before v3: appends notify only a sleeping relay
            create_schema_v4(conn)  # and from before v4: the unused type/time index dropped
            create_schema_v5(conn)  # and from before v5: seq values cached per session
        conn.execute(_CREATE_PLAIN)
    engine.dispose()
    dsn = {"host": url.host, "port": url.port or 5432, "user": url.username, "password": url.password,
           "dbname": BENCH_DATABASE}
    return Target(url=url.render_as_string(hide_password=False), dsn=dsn, kafka=KAFKA)


# Every run of event_store.py holds this advisory lock shared; taking it exclusively proves no run is going on.
_RUN_LOCK = 4243


@contextmanager
def bench_run(target: Target) -> Iterator[None]:
    """Hold the run lock for a run; the baseline's table is emptied before and after, when no other run is going on.

    Its rows serve nothing once counted, and a full run leaves about a million of them. The event store's rows
    stay: es_events refuses deletes by design (drop the database to reclaim the space).
    """
    engine = create_engine(target.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            _empty_plain_table_if_alone(conn)
            conn.execute(text("SELECT pg_advisory_lock_shared(:k)"), {"k": _RUN_LOCK})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock_shared(:k)"), {"k": _RUN_LOCK})
                _empty_plain_table_if_alone(conn)
    finally:
        engine.dispose()


def _empty_plain_table_if_alone(conn) -> None:
    if conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": _RUN_LOCK}).scalar():
        try:
            conn.execute(text("TRUNCATE bench_plain_events"))
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _RUN_LOCK})


def release(barrier, results) -> None:
    """Start the writer processes together; if one failed while getting ready, raise its error, not the barrier's."""
    try:
        barrier.wait(timeout=180)
    except threading.BrokenBarrierError:
        try:
            cause = results.get(timeout=10)
        except queue.Empty:
            cause = None
        raise RuntimeError(f"a writer process failed before the start: {cause!r}") from (
            cause if isinstance(cause, BaseException) else None)


# -- statistics -------------------------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100); NaN when there are no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: list[float]) -> float:
    clean = [v for v in values if v == v]  # drop NaN
    return statistics.median(clean) if clean else float("nan")


# -- process CPU, read from /proc so the database's share of an append can be named -----------------------

_TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu_seconds(pid: int) -> float | None:
    """User + system CPU of a process (e.g. a PostgreSQL backend on this machine); None when not readable."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime: fields 14 and 15 of proc(5)


# -- output -----------------------------------------------------------------------------------------------

def fmt(value: float | None, digits: int = 0) -> str:
    if value is None or value != value:
        return "–"
    return f"{value:,.{digits}f}"


def ratio(numerator: float | None, denominator: float | None) -> str:
    if not numerator or not denominator or numerator != numerator or denominator != denominator:
        return "–"
    return f"{numerator / denominator:.2f}×"


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table padded to line up in a terminal too; numeric-looking columns right-aligned."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    numeric = [bool(rows) and all(re.match(r"^[-–\d,./×≤ ]*$", r[i]) for r in rows) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        padded = [c.rjust(w) if n else c.ljust(w) for c, w, n in zip(cells, widths, numeric)]
        return "| " + " | ".join(padded) + " |"

    rule = "| " + " | ".join(("-" * (w - 1) + ":") if n else "-" * w for w, n in zip(widths, numeric)) + " |"
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def machine_description(target: Target) -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for row in Path("/proc/cpuinfo").read_text().splitlines():
            if row.startswith("model name"):
                cpu = row.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    os_name = _os_name()
    return (f"{os_name}, {os.cpu_count()} cores ({cpu}){memory}; PostgreSQL {_postgres_version(target)}, "
            f"Apache Kafka {_kafka_version()} (single KRaft node); Python {platform.python_version()}")


def _os_name() -> str:
    try:
        for row in Path("/etc/os-release").read_text().splitlines():
            if row.startswith("PRETTY_NAME="):
                return row.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return platform.system()


def _postgres_version(target: Target) -> str:
    engine = create_engine(target.url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SHOW server_version")).scalar().split()[0]
    finally:
        engine.dispose()


def _kafka_version() -> str:
    pom = REPO / "deploy/local/kafka/pom.xml"
    try:
        found = re.search(r"<kafka.version>(.*?)</kafka.version>", pom.read_text())
        return found.group(1) if found else "?"
    except OSError:
        return "?"


def git_revision() -> str:
    try:
        out = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, timeout=5)
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "libs/kit"],
                               capture_output=True, text=True, timeout=5).stdout.strip()
        return out.stdout.strip() + (" + uncommitted kit changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "?"
