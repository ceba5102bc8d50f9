"""The eventsourcing library's PostgreSQL recorder as a benchmark variant; run by .venv-es's Python, prints JSON."""

# Runs apart from the project's venv (eventsourcing and psycopg 3 have pins of their own), so it imports only the
# standard library and the library: event_store.py starts it with .venv-es/bin/python and reads one JSON object.

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import time
import uuid

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore

PAYLOAD_BYTES = 140  # as benchlib.PAYLOAD_BYTES
STREAM_LENGTH = 1000  # as benchlib.STREAM_LENGTH: a writer moves to a fresh stream after this many events
WARMUP_TRANSACTIONS = 5
TOPIC = "ecosafe.bench.v1:Appended"
_TICKS = os.sysconf("SC_CLK_TCK")


def _datastore(dsn: dict) -> PostgresDatastore:
    return PostgresDatastore(dbname=dsn["dbname"], host=dsn["host"], port=dsn["port"], user=dsn["user"],
                             password=dsn["password"], pool_size=1, max_overflow=0)


def _recorder(dsn: dict, table: str) -> PostgresApplicationRecorder:
    return PostgresApplicationRecorder(_datastore(dsn), events_table_name=table)


def _backend_pid(recorder: PostgresApplicationRecorder) -> int:
    with recorder.datastore.get_connection() as conn, conn.cursor() as curs:
        curs.execute("SELECT pg_backend_pid() AS pid")
        return curs.fetchone()["pid"]


def _cpu(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _writer(dsn: dict, table: str, batch: int, seconds: float, barrier, results) -> None:
    try:
        recorder = _recorder(dsn, table)
        backend = _backend_pid(recorder)
        body = os.urandom(PAYLOAD_BYTES)
        state = {"stream": uuid.uuid4(), "version": 0}

        def transaction() -> None:
            if state["version"] + batch > STREAM_LENGTH:
                state["stream"], state["version"] = uuid.uuid4(), 0
            first = state["version"]
            state["version"] += batch
            recorder.insert_events([StoredEvent(originator_id=state["stream"], originator_version=v, topic=TOPIC,
                                                state=body) for v in range(first + 1, first + batch + 1)])

        for _ in range(WARMUP_TRANSACTIONS):
            transaction()
        barrier.wait(timeout=180)
        latencies = []
        server_before, client_before = _cpu(backend), time.process_time()
        start = now = time.perf_counter()
        deadline = start + seconds
        while now < deadline:
            transaction()
            finished = time.perf_counter()
            latencies.append((finished - now) * 1000)
            now = finished
        server_after = _cpu(backend)
        results.put({"events": len(latencies) * batch, "seconds": now - start, "latencies_ms": latencies,
                     "client_cpu": time.process_time() - client_before,
                     "server_cpu": None if server_before is None or server_after is None
                     else server_after - server_before})
    except BaseException as exc:  # the parent must hear about it, or it would wait for a result forever
        barrier.abort()
        results.put({"error": repr(exc)})
        raise


def appends(dsn: dict, table: str, writers: int, batch: int, seconds: float) -> list[dict]:
    """Each writer's own figures; the project's side adds them up as it does its own writers'."""
    _recorder(dsn, table).create_table()
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(writers + 1), ctx.Queue()
    processes = [ctx.Process(target=_writer, args=(dsn, table, batch, seconds, barrier, results), daemon=True)
                 for _ in range(writers)]
    for process in processes:
        process.start()
    barrier.wait(timeout=180)
    outcomes = [results.get(timeout=seconds + 120) for _ in processes]
    for process in processes:
        process.join(timeout=30)
    errors = [o["error"] for o in outcomes if "error" in o]
    if errors:
        raise RuntimeError(f"a library writer failed: {errors[0]}")
    return outcomes


def replay(dsn: dict, table: str, events: int, page: int) -> dict:
    """Write `events` in transactions of 100, then read them all back in pages of `page` by notification id."""
    recorder = _recorder(dsn, table)
    recorder.create_table()
    body = os.urandom(PAYLOAD_BYTES)
    start_id = (recorder.max_notification_id() or 0) + 1
    for first in range(0, events, 100):
        stream = uuid.uuid4()
        recorder.insert_events([StoredEvent(originator_id=stream, originator_version=v, topic=TOPIC, state=body)
                                for v in range(1, min(100, events - first) + 1)])
    backend = _backend_pid(recorder)
    server_before, client_before = _cpu(backend), time.process_time()
    started = time.perf_counter()
    read, position, pages = 0, start_id, 0
    while True:
        notifications = recorder.select_notifications(position, page)
        if not notifications:
            break
        read += len(notifications)
        pages += 1
        position = notifications[-1].id + 1
    seconds = time.perf_counter() - started
    server_after = _cpu(backend)
    return {"events": read, "seconds": seconds, "pages": pages, "client_cpu": time.process_time() - client_before,
            "server_cpu": None if server_before is None or server_after is None else server_after - server_before}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dsn", required=True, help="libpq keywords as a JSON object")
    parser.add_argument("--table", default="bench_library_events")
    sub = parser.add_subparsers(dest="part", required=True)
    cell = sub.add_parser("appends")
    cell.add_argument("--writers", type=int, required=True)
    cell.add_argument("--batch", type=int, required=True)
    cell.add_argument("--seconds", type=float, required=True)
    back = sub.add_parser("replay")
    back.add_argument("--events", type=int, required=True)
    back.add_argument("--page", type=int, default=1000)
    args = parser.parse_args()
    dsn = json.loads(args.dsn)
    if args.part == "appends":
        result = appends(dsn, args.table, args.writers, args.batch, args.seconds)
    else:
        result = replay(dsn, args.table, args.events, args.page)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
