"""The consumer runner against the real Kafka and PostgreSQL: exactly-once application, retries, dead letters."""

from __future__ import annotations

import time
import uuid

from kafka import KafkaProducer
from sqlalchemy import text

from ecosafe_kit.messaging.consumer import ConsumerRunner, RetryPolicy
from ecosafe_kit.messaging.envelope import EventEnvelope, to_kafka
from ecosafe_kit.messaging.topics import ensure_topics

from kit_helpers import INSPECTOR


def _envelope(stream_id: str, version: int, event_type: str = "ecosafe.test.v1.Thing") -> EventEnvelope:
    from datetime import datetime, timezone
    return EventEnvelope(event_id=uuid.uuid4(), event_type=event_type, source="/ecosafe/kittest",
                         stream_type="thing", stream_id=stream_id, version=version,
                         occurred_at=datetime.now(timezone.utc), signer=INSPECTOR,
                         content_type="application/protobuf", payload=f"v{version}".encode())


def _publish(bootstrap: str, topic: str, envelopes: list[EventEnvelope], raw: list[bytes] = ()) -> None:
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all")
    for envelope in envelopes:
        message = to_kafka(envelope)
        producer.send(topic, key=message.key.encode(), value=message.value, headers=list(message.headers.items()))
    for value in raw:
        producer.send(topic, key=b"raw", value=value)
    producer.flush()
    producer.close()


def _applied(engine, run: str) -> list[str]:
    with engine.connect() as conn:
        return [r.stream_id for r in conn.execute(
            text("SELECT stream_id FROM test_consumed WHERE run = :run ORDER BY version, stream_id"), {"run": run})]


def _make_table(engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(44)"))
        conn.execute(text("CREATE TABLE IF NOT EXISTS test_consumed (run text, stream_id text, version int)"))


def _poll_until(runner: ConsumerRunner, condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not condition():
        runner.poll_once()


def test_an_event_delivered_twice_is_applied_once(kit_engine, kafka_bootstrap, unique):
    _make_table(kit_engine)
    topic = f"test.consumer.{unique}"
    ensure_topics(kafka_bootstrap, [topic], partitions=1)
    envelope = _envelope(f"s-{unique}", 1)
    _publish(kafka_bootstrap, topic, [envelope, envelope, _envelope(f"t-{unique}", 2)])

    def handler(conn, env):
        conn.execute(text("INSERT INTO test_consumed VALUES (:run, :s, :v)"),
                     {"run": unique, "s": env.stream_id, "v": env.version})

    runner = ConsumerRunner(engine=kit_engine, group=f"g-{unique}", topics=[topic], handler=handler,
                            bootstrap_servers=kafka_bootstrap)
    try:
        _poll_until(runner, lambda: len(_applied(kit_engine, unique)) >= 2)
        runner.poll_once()
    finally:
        runner.close()
    assert _applied(kit_engine, unique) == [f"s-{unique}", f"t-{unique}"]


def test_a_message_that_always_fails_goes_to_the_dead_letter_topic_and_later_ones_still_flow(
        kit_engine, kafka_bootstrap, unique):
    _make_table(kit_engine)
    topic = f"test.consumer.{unique}"
    ensure_topics(kafka_bootstrap, [topic], partitions=1)
    poison = _envelope(f"poison-{unique}", 1, event_type="ecosafe.test.v1.Poison")
    later = [_envelope(f"ok{i}-{unique}", 2 + i) for i in range(3)]
    _publish(kafka_bootstrap, topic, [poison, *later], raw=[b"not a cloudevent"])
    attempts = []

    def handler(conn, env):
        conn.execute(text("INSERT INTO test_consumed VALUES (:run, :s, :v)"),
                     {"run": unique, "s": env.stream_id, "v": env.version})
        if env.event_type.endswith("Poison"):
            attempts.append(env.event_id)
            raise RuntimeError("处理失败:模拟的坏消息")

    group = f"g-{unique}"
    runner = ConsumerRunner(engine=kit_engine, group=group, topics=[topic], handler=handler,
                            bootstrap_servers=kafka_bootstrap,
                            retry=RetryPolicy(max_attempts=3, first_backoff=0.01))
    try:
        _poll_until(runner, lambda: len(_applied(kit_engine, unique)) >= 3)
    finally:
        runner.close()
    assert _applied(kit_engine, unique) == [f"ok{i}-{unique}" for i in range(3)]  # the poison's writes rolled back
    assert len(attempts) == 3
    dead = read_topic_raw(kafka_bootstrap, f"{group}.dlq", 2)
    errors = {dict(h).get("ecosafe_error", b"").decode() for h in dead}
    assert any("模拟的坏消息" in e for e in errors)
    assert any("CloudEvents" in e for e in errors)
    poisoned = [dict(h) for h in dead if dict(h).get("ce_id") == str(poison.event_id).encode()]
    assert poisoned and poisoned[0]["ecosafe_attempts"] == b"3"
    assert poisoned[0]["ecosafe_original_topic"] == topic.encode()


def read_topic_raw(bootstrap: str, topic: str, expected: int, timeout: float = 20.0) -> list[list]:
    """Headers of the first `expected` records of a topic."""
    from kafka import KafkaConsumer
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None)
    got = []
    deadline = time.monotonic() + timeout
    try:
        while len(got) < expected and time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=500).values():
                got.extend(r.headers for r in records)
    finally:
        consumer.close()
    return got
