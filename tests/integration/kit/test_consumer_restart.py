"""The consumer runner keeps consuming across Kafka restarts and never sits idle out of its group.

The restart tests use a throwaway KRaft broker of their own (tests/support/throwaway_kafka.py), one for the
module, stopped with SIGTERM and with SIGKILL and restarted over its data; the shared test broker on 29092
is never touched. The read model and its tracking records are in the kit's test database.

The last test runs on the shared broker: it reproduces kafka-python 3.0.12 leaving a member out of its group
for good (a rebalance it starts by itself outlasting the poll() that started it; see
ecosafe_kit.messaging.consumer), which is what made a whole `make test` run apply nothing.
"""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timezone

import pytest
from kafka import KafkaProducer
from sqlalchemy import text

from ecosafe_kit.background import BackgroundWorker, start_in_thread
from ecosafe_kit.messaging.consumer import ConsumerNotReady, ConsumerRunner
from ecosafe_kit.messaging.envelope import EventEnvelope, to_kafka
from ecosafe_kit.messaging.topics import ensure_topics

from kit_helpers import INSPECTOR
from throwaway_kafka import ThrowawayKafka, installed

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not installed(), reason="Kafka jars not installed (deploy/local/install.sh) or no java"),
]

# A broker restarted after SIGKILL waits for its previous registration to time out before it serves; the
# stack's default (9 s) would only make this test slower, not different.
FAST_FENCING = {"broker.session.timeout.ms": "3000", "broker.heartbeat.interval.ms": "500"}
DEADLINE = 30.0  # seconds for events produced after a restart to reach the read model


@pytest.fixture(scope="module")
def broker(tmp_path_factory):
    kafka = ThrowawayKafka(tmp_path_factory.mktemp("throwaway-kafka"), properties=FAST_FENCING)
    kafka.start()
    try:
        yield kafka
    finally:
        kafka.close()


@pytest.fixture
def read_model(kit_engine):
    with kit_engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(45)"))
        conn.execute(text("CREATE TABLE IF NOT EXISTS test_restart_consumed "
                          "(run text, stream_id text, version int, event_id uuid)"))
    return kit_engine


def _envelope(stream_id: str, version: int) -> EventEnvelope:
    return EventEnvelope(event_id=uuid.uuid4(), event_type="ecosafe.test.v1.Thing", source="/ecosafe/kittest",
                         stream_type="thing", stream_id=stream_id, version=version,
                         occurred_at=datetime.now(timezone.utc), signer=INSPECTOR,
                         content_type="application/protobuf", payload=f"v{version}".encode())


def _publish(bootstrap: str, topic: str, stream_ids: list[str]) -> None:
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", reconnect_backoff_max_ms=1000)
    try:
        for n, stream_id in enumerate(stream_ids, 1):
            message = to_kafka(_envelope(stream_id, n))
            producer.send(topic, key=message.key.encode(), value=message.value,
                          headers=list(message.headers.items()))
        producer.flush(30)
    finally:
        producer.close(timeout=5)


def _handler(run: str):
    def handle(conn, env: EventEnvelope) -> None:
        conn.execute(text("INSERT INTO test_restart_consumed VALUES (:run, :s, :v, :e)"),
                     {"run": run, "s": env.stream_id, "v": env.version, "e": env.event_id})
    return handle


def _applied(engine, run: str) -> list[str]:
    with engine.connect() as conn:
        return sorted(r.stream_id for r in conn.execute(
            text("SELECT stream_id FROM test_restart_consumed WHERE run = :run"), {"run": run}))


def _wait_applied(engine, run: str, expected: list[str], timeout: float = DEADLINE) -> float:
    """Seconds until the read model holds `expected` (each once); fails with what it holds otherwise."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if len(_applied(engine, run)) >= len(expected):
            break
        time.sleep(0.2)
    assert _applied(engine, run) == sorted(expected)  # nothing missing, nothing applied twice
    return time.monotonic() - started


def _wait_ready(runner: ConsumerRunner, timeout: float = DEADLINE) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            runner.check()
            return
        except ConsumerNotReady:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _start(engine, bootstrap: str, run: str, topic: str, **options) -> tuple[ConsumerRunner, BackgroundWorker]:
    runner = ConsumerRunner(engine=engine, group=f"g-{run}", topics=[topic], handler=_handler(run),
                            bootstrap_servers=bootstrap, **options)
    return runner, start_in_thread(runner.group, runner.run)


def test_events_produced_after_a_broker_restart_are_applied_exactly_once(broker, read_model, unique):
    topic = f"test.restart.{unique}"
    runner, worker = _start(read_model, broker.bootstrap, unique, topic)
    try:
        before = [f"before-{i}" for i in range(20)]
        _publish(broker.bootstrap, topic, before)
        _wait_applied(read_model, unique, before)

        broker.stop()  # SIGTERM: a controlled shutdown, as `stack.sh stop`
        broker.start()
        after = [f"after-{i}" for i in range(20)]
        _publish(broker.bootstrap, topic, after)
        _wait_applied(read_model, unique, before + after)
        _wait_ready(runner)
        assert worker.thread.is_alive()
    finally:
        worker.stop()


def test_after_a_kill_and_for_a_runner_started_while_the_broker_is_down(broker, read_model, unique):
    topic = f"test.restart.{unique}"
    first, first_worker = _start(read_model, broker.bootstrap, unique, topic)
    late_run, late_topic = f"{unique}-late", f"test.restart.{unique}-late"
    late_worker = None
    try:
        before = [f"before-{i}" for i in range(10)]
        _publish(broker.bootstrap, topic, before)
        _wait_applied(read_model, unique, before)
        _wait_ready(first)

        broker.kill()  # SIGKILL: no controlled shutdown, logs recovered on start
        # A service that starts while Kafka is away: its runner must wait for it, and say it is not ready.
        late, late_worker = _start(read_model, broker.bootstrap, late_run, late_topic, unready_after=1.0)
        time.sleep(1.5)
        with pytest.raises(ConsumerNotReady):
            late.check()

        broker.start()
        after = [f"after-{i}" for i in range(10)]
        _publish(broker.bootstrap, topic, after)
        late_events = [f"late-{i}" for i in range(10)]
        _publish(broker.bootstrap, late_topic, late_events)
        _wait_applied(read_model, unique, before + after)
        _wait_applied(read_model, late_run, late_events)
        _wait_ready(first)
        _wait_ready(late)
        assert first_worker.thread.is_alive() and late_worker.thread.is_alive()
    finally:
        first_worker.stop_event.set()
        if late_worker is not None:
            late_worker.stop()
        first_worker.stop()


def test_a_member_that_kafka_python_leaves_out_of_its_group_rejoins(read_model, kafka_bootstrap, unique):
    """Several fresh groups on just-created topics, each consumer polling in 5 ms slices: without the
    runner's rejoin request some of them never get their partitions (seen on 2 of 8 in a run)."""
    runners = []
    try:
        for i in range(6):
            topic = f"test.rejoin.{unique}-{i}"
            ensure_topics(kafka_bootstrap, [topic])
            runners.append((f"{unique}-{i}", topic,
                            *_start(read_model, kafka_bootstrap, f"{unique}-{i}", topic,
                                    poll_timeout_ms=5, rejoin_after=1.0)))
        time.sleep(2)  # let every group go through its first (empty) and second rebalance
        for run, topic, _, _ in runners:
            _publish(kafka_bootstrap, topic, [f"{run}-{n}" for n in range(3)])
        for run, _, runner, _ in runners:
            _wait_applied(read_model, run, [f"{run}-{n}" for n in range(3)], timeout=20)
            runner.check()
    finally:
        for _, _, _, worker in runners:
            worker.stop_event.set()
        for _, _, _, worker in runners:
            worker.stop()
