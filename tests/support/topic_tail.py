"""Reading what arrives on a topic from now on: the end offsets are taken first, so a long topic is not read again."""

from __future__ import annotations

import time

from kafka import KafkaConsumer, TopicPartition

from ecosafe_kit.messaging.envelope import EventEnvelope, from_kafka


class TopicTail:
    """Open before the action that publishes; `read` then returns what came after that moment."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        self.consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None)
        partitions = self.consumer.partitions_for_topic(topic) or set()
        self.assigned = [TopicPartition(topic, p) for p in sorted(partitions)]
        self.consumer.assign(self.assigned)
        self.consumer.seek_to_end(*self.assigned)
        for tp in self.assigned:
            self.consumer.position(tp)  # resolve the end offsets now, before anything is published

    def read(self, wanted, expected: int, timeout: float = 60.0) -> list[EventEnvelope]:
        """Envelopes for which `wanted(envelope)` holds, until `expected` of them came or the time is up."""
        got: list[EventEnvelope] = []
        deadline = time.monotonic() + timeout
        try:
            while len(got) < expected and time.monotonic() < deadline:
                for records in self.consumer.poll(timeout_ms=500).values():
                    got.extend(e for e in (from_kafka(r.headers, r.key, r.value) for r in records) if wanted(e))
        finally:
            self.consumer.close()
        return got
