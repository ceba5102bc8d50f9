"""Helpers for the kit's integration tests: making events and reading a topic back from the real broker."""

from __future__ import annotations

import time

from kafka import KafkaConsumer

from ecosafe_kit.eventstore import NewEvent, Signer
from ecosafe_kit.messaging.envelope import EventEnvelope, from_kafka

INSPECTOR = Signer(subject="u-inspector-1", name="李检查", roles=("inspector",), jurisdiction="140525")


def new_event(n: int, event_type: str = "ecosafe.test.v1.Thing", signer: Signer = INSPECTOR) -> NewEvent:
    return NewEvent(event_type=event_type, payload=f"payload-{n}".encode(), signer=signer, metadata={"n": n})


def read_topic(bootstrap: str, topic: str, expected: int, timeout: float = 30.0) -> list[EventEnvelope]:
    """Read a topic from the beginning until `expected` messages arrived or the time is up."""
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                             enable_auto_commit=False, group_id=None)
    got: list[EventEnvelope] = []
    deadline = time.monotonic() + timeout
    try:
        while len(got) < expected and time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=500).values():
                got.extend(from_kafka(r.headers, r.key, r.value) for r in records)
    finally:
        consumer.close()
    return got
