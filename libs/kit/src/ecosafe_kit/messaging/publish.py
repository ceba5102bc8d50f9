"""Send envelopes to Kafka and wait for every acknowledgement; the relay, bridges, demo loaders and tests use it."""

from __future__ import annotations

from collections.abc import Sequence

from kafka import KafkaProducer

from ecosafe_kit.messaging.envelope import EventEnvelope, to_kafka
from ecosafe_kit.messaging.topics import ensure_topics


def send_and_wait(producer: KafkaProducer, messages: Sequence[tuple[str, EventEnvelope]]) -> None:
    """Send (topic, envelope) pairs in order; raises the broker's error if any was not acknowledged."""
    futures = []
    for topic, envelope in messages:
        message = to_kafka(envelope)
        key = message.key.encode() if isinstance(message.key, str) else message.key
        futures.append(producer.send(topic, key=key, value=message.value, headers=list(message.headers.items())))
    producer.flush()
    for future in futures:
        future.get(timeout=30)


def publish(bootstrap_servers: str, topic: str, envelopes: Sequence[EventEnvelope]) -> int:
    """Publish envelopes on one topic with acks=all; returns the count acknowledged."""
    ensure_topics(bootstrap_servers, [topic])
    producer = KafkaProducer(bootstrap_servers=bootstrap_servers, acks="all", enable_idempotence=True)
    try:
        send_and_wait(producer, [(topic, e) for e in envelopes])
    finally:
        producer.close(timeout=5)
    return len(envelopes)
