"""The outbox relay against the real PostgreSQL and Kafka: completeness, order, and surviving a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import text

from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.messaging.consumer import ConsumerRunner
from ecosafe_kit.background import start_in_thread
from ecosafe_kit.messaging.relay import OutboxRelay, load_checkpoint
from ecosafe_kit.messaging.topics import event_topic

from kit_helpers import new_event, read_topic


def test_every_event_committed_by_concurrent_writers_reaches_kafka_in_stream_order(kit_engine, kafka_bootstrap, unique):
    stream_type = f"t{unique}"
    store = EventStore(kit_engine)
    relay = OutboxRelay(engine=kit_engine, service="kittest", bootstrap_servers=kafka_bootstrap,
                        stream_types=[stream_type], name=f"relay-{unique}", batch_size=50)
    worker = start_in_thread(relay.name, relay.run)
    writers, per_writer = 8, 30

    def write(w: int) -> None:
        for i in range(per_writer):
            with store.transaction() as conn:
                store.append(conn, stream_type=stream_type, stream_id=f"w{w}-{unique}", expected_version=i,
                             events=[new_event(i)])

    try:
        with ThreadPoolExecutor(writers) as pool:
            list(pool.map(write, range(writers)))
        received = read_topic(kafka_bootstrap, event_topic("kittest", stream_type), writers * per_writer)
    finally:
        worker.stop()
    assert len(received) == writers * per_writer
    by_stream = defaultdict(list)
    for envelope in received:
        by_stream[envelope.stream_id].append(envelope.version)
    assert sorted(by_stream) == sorted(f"w{w}-{unique}" for w in range(writers))
    for versions in by_stream.values():
        assert versions == list(range(1, per_writer + 1))  # Kafka keeps each stream's order (one partition)
    first = received[0]
    assert first.source == "/ecosafe/kittest" and first.signer.subject == "u-inspector-1"
    assert first.content_type == "application/protobuf"


def test_relay_killed_mid_batch_republishes_and_consumer_applies_each_event_once(
        kit_engine, kit_database_url, kafka_bootstrap, unique):
    stream_type = f"t{unique}"
    total = 600
    store = EventStore(kit_engine)
    for s in range(6):
        with store.transaction() as conn:
            store.append(conn, stream_type=stream_type, stream_id=f"k{s}-{unique}", expected_version=0,
                         events=[new_event(i) for i in range(total // 6)])
    relay_name = f"relay-{unique}"
    env = {**os.environ, "ECOSAFE_DATABASE_URL": kit_database_url, "ECOSAFE_SERVICE_NAME": "kittest",
           "ECOSAFE_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap, "ECOSAFE_LOG_LEVEL": "WARNING"}
    command = [sys.executable, "-m", "ecosafe_kit.messaging.relay_cli", "--stream-type", stream_type,
               "--name", relay_name, "--batch-size", "40"]

    # First run: kill -9 as soon as the relay has acknowledged some but not all batches.
    first = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    published = 0
    while time.monotonic() < deadline:
        with kit_engine.connect() as conn:
            published = conn.execute(text("SELECT count(*) FROM es_events e JOIN es_relay_checkpoints c "
                                          "ON c.relay = :r WHERE e.stream_type = :t AND (e.tx_id, e.seq) <= "
                                          "(c.tx_id, c.seq)"), {"r": relay_name, "t": stream_type}).scalar()
        if published > 0:
            break
        time.sleep(0.005)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    assert 0 < published < total, f"the kill should land mid-way, but {published} of {total} were acknowledged"

    second = subprocess.Popen(command, env=env)
    try:
        applied_counts = _consume_into_table(kit_engine, kafka_bootstrap, stream_type, unique, total)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(15)
    with kit_engine.connect() as conn:
        checkpoint = load_checkpoint(conn, relay_name)
    assert checkpoint.tx_id > 0
    assert len(applied_counts) == total  # every event arrived at least once
    assert set(applied_counts.values()) == {1}  # and was applied exactly once


def _consume_into_table(engine, bootstrap: str, stream_type: str, unique: str, total: int) -> dict:
    """Run a consumer that counts applications per event in a table; return event id -> times applied."""
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(43)"))
        conn.execute(text("CREATE TABLE IF NOT EXISTS test_applied (run text, event_id uuid, stream_id text)"))

    def handler(conn, envelope):
        conn.execute(text("INSERT INTO test_applied VALUES (:run, :e, :s)"),
                     {"run": unique, "e": envelope.event_id, "s": envelope.stream_id})

    runner = ConsumerRunner(engine=engine, group=f"g-{unique}", topics=[event_topic("kittest", stream_type)],
                            handler=handler, bootstrap_servers=bootstrap)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            runner.poll_once()
            with engine.connect() as conn:
                if conn.execute(text("SELECT count(DISTINCT event_id) FROM test_applied WHERE run = :run"),
                                {"run": unique}).scalar() >= total:
                    break
        # Drain what the relay may still re-send from before its kill.
        for _ in range(5):
            runner.poll_once()
    finally:
        runner.close()
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT event_id, count(*) AS n FROM test_applied WHERE run = :run "
                                 "GROUP BY event_id"), {"run": unique}).all()
    return {r.event_id: r.n for r in rows}
