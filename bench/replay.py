"""Replay cells: the global log read back in pages through the kit's read_after, a raw SELECT and the library."""

from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass

from sqlalchemy import text

from benchlib import EVENT_TYPE, LIBRARY_PYTHON, REPO, SIGNER, Target, payload, process_cpu_seconds
from ecosafe_kit.db import make_engine
from ecosafe_kit.eventstore import EventStore, NewEvent, Position
from ecosafe_kit.eventstore.store import READ_AFTER
from ecosafe_kit.gc_tuning import freeze_startup_objects

_BATCH = 100


@dataclass
class ReplayResult:
    """One reader going through `events` in pages: the rate, and CPU per page on each side of the connection."""

    path: str
    events: int
    pages: int
    seconds: float
    client_cpu: float
    server_cpu: float | None

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds > 0 else float("nan")

    @property
    def ms_per_page(self) -> float:
        return self.seconds * 1000 / self.pages if self.pages else float("nan")

    @property
    def client_ms_per_page(self) -> float:
        return self.client_cpu * 1000 / self.pages if self.pages else float("nan")

    @property
    def server_ms_per_page(self) -> float | None:
        return self.server_cpu * 1000 / self.pages if self.pages and self.server_cpu is not None else None


def write_log(target: Target, stream_type: str, prefix: str, events: int) -> Position:
    """Append `events` through the store in transactions of 100; returns the position just before the first."""
    engine = make_engine(target.url, pool_size=1)
    store = EventStore(engine)
    body = payload()
    first: Position | None = None
    try:
        for number, start in enumerate(range(0, events, _BATCH)):
            batch = [NewEvent(event_type=EVENT_TYPE, payload=body, signer=SIGNER)
                     for _ in range(min(_BATCH, events - start))]
            with store.transaction() as conn:
                stored = store.append(conn, stream_type=stream_type, stream_id=f"{prefix}-{number}",
                                      expected_version=0, events=batch)
            if first is None:
                first = stored[0].position
    finally:
        engine.dispose()
    return Position(first.tx_id, first.seq - 1)


def replay_store(target: Target, start: Position, page: int) -> ReplayResult:
    """`EventStore.read_after` from `start` to the end of the global log, decoded into the StoredEvents the relay
    publishes and projections apply. No stream-type filter: like the library's replay, the whole log (which is
    the events just written: nothing else writes to the bench database meanwhile)."""
    engine = make_engine(target.url, pool_size=1)
    store = EventStore(engine)
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            backend = conn.execute(text("SELECT pg_backend_pid()")).scalar()
            store.read_after(conn, start, limit=10)  # warm: plan and caches
            # As in a service, whose relay reads the log: its start-up heap is kept out of full collections.
            freeze_startup_objects()
            server_before, client_before = process_cpu_seconds(backend), time.process_time()
            started = time.perf_counter()
            position, events, pages = start, 0, 0
            while True:
                found = store.read_after(conn, position, limit=page)
                if not found:
                    break
                events += len(found)
                pages += 1
                position = found[-1].position
            seconds = time.perf_counter() - started
            return ReplayResult("event store `read_after`", events, pages, seconds,
                                time.process_time() - client_before, _delta(server_before, backend))
    finally:
        engine.dispose()


def replay_raw(target: Target, start: Position, page: int) -> ReplayResult:
    """The statement the store runs, the same way (prepared, binary results), its rows left as psycopg's tuples:
    the ceiling of `read_after`, which decodes these rows."""
    engine = make_engine(target.url, pool_size=1)
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            backend = conn.execute(text("SELECT pg_backend_pid()")).scalar()
            tx, seq = start.tx_id, start.seq
            READ_AFTER.rows(conn, {"tx_id": str(tx), "seq": seq, "limit": 10, "stream_types": None})  # prepare
            freeze_startup_objects()
            server_before, client_before = process_cpu_seconds(backend), time.process_time()
            started = time.perf_counter()
            events, pages = 0, 0
            while True:
                rows = READ_AFTER.rows(conn, {"tx_id": str(tx), "seq": seq, "limit": page, "stream_types": None})
                if not rows:
                    break
                events += len(rows)
                pages += 1
                tx, seq = _last_position(rows[-1])
            seconds = time.perf_counter() - started
            return ReplayResult("raw SELECT (same statement, psycopg tuples)", events, pages, seconds,
                                time.process_time() - client_before, _delta(server_before, backend))
    finally:
        engine.dispose()


def replay_library(target: Target, events: int, page: int) -> ReplayResult | None:
    """The eventsourcing recorder's `select_notifications` over as many events it wrote itself."""
    if not LIBRARY_PYTHON.exists():
        return None
    done = subprocess.run(
        [str(LIBRARY_PYTHON), str(REPO / "bench" / "library_recorder.py"), "--dsn", json.dumps(target.dsn),
         "replay", "--events", str(events), "--page", str(page)],
        capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the library's replay failed: {done.stderr[-2000:]}")
    found = json.loads(done.stdout)
    return ReplayResult("eventsourcing `select_notifications`", found["events"], found["pages"], found["seconds"],
                        found["client_cpu"], found["server_cpu"])


def _last_position(row: tuple) -> tuple[int, int]:
    return row[0], row[1]  # the store's COLUMNS begin with the transaction id (a bigint) and the sequence


def _delta(before: float | None, backend: int) -> float | None:
    after = process_cpu_seconds(backend)
    return after - before if before is not None and after is not None else None
