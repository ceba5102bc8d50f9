"""Append-throughput cells: writer processes appending through the kit's EventStore or a plain INSERT loop."""

from __future__ import annotations

import json
import multiprocessing as mp
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass

import psycopg
from sqlalchemy import text

from benchlib import (EVENT_TYPE, LIBRARY_PYTHON, REPO, SIGNER, STREAM_LENGTH, Target, median, payload, percentile,
                      process_cpu_seconds, release)
from ecosafe_kit.db import make_engine
from ecosafe_kit.eventstore import EventStore, NewEvent, StreamHead

WARMUP_TRANSACTIONS = 5
_INSERT_ONE = "INSERT INTO bench_plain_events (stream, version, payload) VALUES (%s::text, %s::integer, %b::bytea)"
_INSERT_MANY = ("INSERT INTO bench_plain_events (stream, version, payload) "
                "SELECT %s::text, v, %b::bytea FROM generate_series(%s::integer, %s::integer) AS v")


@dataclass
class WriterResult:
    """What one writer did inside the measured window."""

    events: int
    seconds: float
    latencies_ms: list[float]
    client_cpu: float
    server_cpu: float | None


@dataclass
class CellResult:
    """One cell of the table: a kind of writer, a number of writers, events per transaction."""

    kind: str
    writers: int
    batch: int
    events_per_second: float
    p50_ms: float
    p99_ms: float
    client_cpu_ms_per_event: float
    server_cpu_ms_per_event: float | None
    events: int = 0


class Streams:
    """Hands out the next (stream id, expected version); the writer tracks versions itself, as a service would."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.number = 0
        self.version = 0

    def take(self, count: int) -> tuple[str, int]:
        if self.version + count > STREAM_LENGTH:
            self.number += 1
            self.version = 0
        expected = self.version
        self.version += count
        return f"{self.prefix}-s{self.number}", expected


# -- the two kinds of writer; each returns one transaction as a function and its backend's pid --------------

def store_transaction(target: Target, stream_type: str, prefix: str, batch: int,
                      in_callers_transaction: bool = False) -> tuple[Callable[[], None], int]:
    """`EventStore.append_alone`: the append is the transaction, as the library's `insert_events` is; or, with
    `in_callers_transaction`, `append` inside `store.transaction()`, as a service appends beside its other writes."""
    engine = make_engine(target.url, pool_size=1)  # the kit's own engine, as services use it
    store = EventStore(engine)
    streams = Streams(prefix)
    body = payload()
    # The head of the writer's stream, from its previous append: what a service's Repository passes after loading
    # the aggregate (None for a new stream).
    head: StreamHead | None = None

    def transaction() -> None:
        nonlocal head
        stream_id, expected = streams.take(batch)
        events = [NewEvent(event_type=EVENT_TYPE, payload=body, signer=SIGNER) for _ in range(batch)]
        if in_callers_transaction:
            with store.transaction() as conn:
                stored = store.append(conn, stream_type=stream_type, stream_id=stream_id,
                                      expected_version=expected, events=events, head=head if expected else None)
        else:
            stored = store.append_alone(stream_type=stream_type, stream_id=stream_id, expected_version=expected,
                                        events=events, head=head if expected else None)
        head = StreamHead.of(stored)

    # Pools of one: every transaction runs on this same backend (append_alone's pool of its own, sized as the engine's).
    with (engine if in_callers_transaction else store.autocommit_engine()).connect() as conn:
        backend = conn.execute(text("SELECT pg_backend_pid()")).scalar()
    return transaction, backend


def plain_transaction(target: Target, stream_type: str, prefix: str, batch: int) -> tuple[Callable[[], None], int]:
    conn = psycopg.connect(**target.dsn)
    cursor = conn.cursor()
    streams = Streams(f"{stream_type}-{prefix}")
    body = payload()

    def transaction() -> None:
        stream, expected = streams.take(batch)
        if batch == 1:
            cursor.execute(_INSERT_ONE, (stream, expected + 1, body), prepare=True)
        else:  # one statement per transaction, the batch's rows made by PostgreSQL
            cursor.execute(_INSERT_MANY, (stream, body, expected + 1, expected + batch), prepare=True)
        conn.commit()

    return transaction, conn.info.backend_pid


def store_in_transaction(target: Target, stream_type: str, prefix: str,
                         batch: int) -> tuple[Callable[[], None], int]:
    return store_transaction(target, stream_type, prefix, batch, in_callers_transaction=True)


_KINDS = {"store": store_transaction, "store-tx": store_in_transaction, "plain": plain_transaction}


def writer_main(kind: str, target: Target, stream_type: str, prefix: str, batch: int, seconds: float,
                barrier, results) -> None:
    """Entry point of one writer process: warm up, wait for the others, then append for `seconds`."""
    try:
        transaction, backend = _KINDS[kind](target, stream_type, prefix, batch)
        for _ in range(WARMUP_TRANSACTIONS):
            transaction()
        barrier.wait(timeout=180)
        results.put(_measure(transaction, backend, batch, seconds))
    except BaseException as exc:  # the parent must hear about it, or it would wait for a result forever
        barrier.abort()
        results.put(exc)
        raise


def _measure(transaction: Callable[[], None], backend: int, batch: int, seconds: float) -> WriterResult:
    latencies: list[float] = []
    server_before = process_cpu_seconds(backend)
    client_before = time.process_time()
    start = time.perf_counter()
    deadline = start + seconds
    now = start
    while now < deadline:
        transaction()
        finished = time.perf_counter()
        latencies.append((finished - now) * 1000)
        now = finished
    server_after = process_cpu_seconds(backend)
    server = server_after - server_before if server_before is not None and server_after is not None else None
    return WriterResult(events=len(latencies) * batch, seconds=now - start, latencies_ms=latencies,
                        client_cpu=time.process_time() - client_before, server_cpu=server)


# -- one cell, run from the parent --------------------------------------------------------------------------

def run_cell(kind: str, target: Target, *, writers: int, batch: int, seconds: float, stream_type: str,
             cell: str) -> CellResult:
    """Start `writers` processes (spawn), release them together, and add up what they appended."""
    if kind == "library":
        return _combine(kind, writers, batch, run_library_cell(target, writers=writers, batch=batch, seconds=seconds))
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(writers + 1)
    results = ctx.Queue()
    processes = [
        ctx.Process(target=writer_main, name=f"bench-{kind}-{i}", daemon=True,
                    args=(kind, target, stream_type, f"{cell}-w{i}", batch, seconds, barrier, results))
        for i in range(writers)
    ]
    for process in processes:
        process.start()
    try:
        release(barrier, results)
        outcomes = [results.get(timeout=seconds + 120) for _ in processes]
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.terminate()
    failures = [o for o in outcomes if isinstance(o, BaseException)]
    if failures:
        raise RuntimeError(f"a {kind} writer failed: {failures[0]!r}") from failures[0]
    return _combine(kind, writers, batch, outcomes)


def run_library_cell(target: Target, *, writers: int, batch: int, seconds: float) -> list[WriterResult]:
    """The eventsourcing library's recorder, run by its own venv's Python (its pins are not ours)."""
    done = subprocess.run(
        [str(LIBRARY_PYTHON), str(REPO / "bench" / "library_recorder.py"), "--dsn", json.dumps(target.dsn),
         "appends", "--writers", str(writers), "--batch", str(batch), "--seconds", str(seconds)],
        capture_output=True, text=True, timeout=seconds + 300, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the library's writers failed: {done.stderr[-2000:]}")
    return [WriterResult(events=o["events"], seconds=o["seconds"], latencies_ms=o["latencies_ms"],
                         client_cpu=o["client_cpu"], server_cpu=o["server_cpu"]) for o in json.loads(done.stdout)]


def _combine(kind: str, writers: int, batch: int, outcomes: list[WriterResult]) -> CellResult:
    latencies = [lat for o in outcomes for lat in o.latencies_ms]
    events = sum(o.events for o in outcomes)
    server = [o.server_cpu for o in outcomes]
    server_ms = sum(server) * 1000 / events if events and None not in server else None
    return CellResult(
        kind=kind, writers=writers, batch=batch, events=events,
        events_per_second=sum(o.events / o.seconds for o in outcomes if o.seconds > 0),
        p50_ms=percentile(latencies, 50), p99_ms=percentile(latencies, 99),
        client_cpu_ms_per_event=sum(o.client_cpu for o in outcomes) * 1000 / events if events else float("nan"),
        server_cpu_ms_per_event=server_ms,
    )


def median_cell(cells: list[CellResult]) -> CellResult:
    """Medians over repetitions of one cell."""
    first = cells[0]
    servers = [c.server_cpu_ms_per_event for c in cells if c.server_cpu_ms_per_event is not None]
    return CellResult(
        kind=first.kind, writers=first.writers, batch=first.batch, events=sum(c.events for c in cells),
        events_per_second=median([c.events_per_second for c in cells]),
        p50_ms=median([c.p50_ms for c in cells]), p99_ms=median([c.p99_ms for c in cells]),
        client_cpu_ms_per_event=median([c.client_cpu_ms_per_event for c in cells]),
        server_cpu_ms_per_event=median(servers) if servers else None,
    )
