"""Consumer runner: applies Kafka events to a read model exactly once, with retries and a dead-letter topic."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.structs import OffsetAndMetadata
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from ecosafe_kit.messaging import metrics
from ecosafe_kit.messaging.envelope import EventEnvelope, NotACloudEvent, from_kafka
from ecosafe_kit.messaging.topics import dead_letter_topic, ensure_topics

log = logging.getLogger(__name__)

Handler = Callable[[Connection, EventEnvelope], None]

_TRACK = text(
    "INSERT INTO es_tracking (consumer, event_id) VALUES (:consumer, :event_id) "
    "ON CONFLICT DO NOTHING RETURNING 1"
)


def apply_once(conn: Connection, consumer: str, envelope: EventEnvelope, handler: Handler) -> bool:
    """Apply `handler` unless this consumer already applied the event; the record commits with the change."""
    if conn.execute(_TRACK, {"consumer": consumer, "event_id": envelope.event_id}).first() is None:
        return False
    handler(conn, envelope)
    return True


@dataclass
class RetryPolicy:
    """How often a failing message is tried before it goes to the dead-letter topic."""

    max_attempts: int = 5
    first_backoff: float = 0.1
    max_backoff: float = 5.0

    def backoff(self, attempt: int) -> float:
        return min(self.first_backoff * (2 ** (attempt - 1)), self.max_backoff)


class ConsumerRunner:
    """One consumer group: read, apply in one database transaction with the tracking record, then commit."""

    def __init__(
        self,
        *,
        engine: Engine,
        group: str,
        topics: list[str],
        handler: Handler,
        bootstrap_servers: str,
        retry: RetryPolicy | None = None,
        poll_timeout_ms: int = 200,
    ) -> None:
        self.engine = engine
        self.group = group
        self.topics = topics
        self.handler = handler
        self.bootstrap_servers = bootstrap_servers
        self.retry = retry or RetryPolicy()
        self.poll_timeout_ms = poll_timeout_ms
        self.dead_letter_topic = dead_letter_topic(group)
        self._consumer: KafkaConsumer | None = None
        self._producer: KafkaProducer | None = None
        self._last_lag_report = 0.0

    def _connect(self) -> KafkaConsumer:
        ensure_topics(self.bootstrap_servers, [*self.topics, self.dead_letter_topic])
        consumer = KafkaConsumer(
            *self.topics,
            bootstrap_servers=self.bootstrap_servers,
            group_id=self.group,
            client_id=self.group,
            enable_auto_commit=False,  # offsets move only after the database has the change
            auto_offset_reset="earliest",
            max_poll_records=200,
            # A consumer that joins before it has seen a just-created topic's partitions idles until its
            # next metadata refresh (5 minutes by default); refresh often enough that this costs seconds.
            metadata_max_age_ms=10_000,
        )
        return consumer

    def close(self) -> None:
        if self._consumer is not None:
            self._consumer.close()
            self._consumer = None
        if self._producer is not None:
            self._producer.close(timeout=5)
            self._producer = None

    def handle(self, record) -> str:
        """Apply one Kafka record; returns 'applied', 'duplicate' or 'dead-lettered'."""
        try:
            envelope = from_kafka(record.headers, record.key, record.value)
        except NotACloudEvent as exc:
            self._dead_letter(record, exc, attempts=0)
            return "dead-lettered"
        attempt = 0
        while True:
            attempt += 1
            try:
                with self.engine.begin() as conn:
                    applied = apply_once(conn, self.group, envelope, self.handler)
                if applied:
                    metrics.CONSUMER_APPLIED.labels(self.group).inc()
                    return "applied"
                metrics.CONSUMER_DUPLICATES.labels(self.group).inc()
                return "duplicate"
            except Exception as exc:
                if attempt >= self.retry.max_attempts:
                    log.error("consumer %s gives up on %s after %d attempts: %s",
                              self.group, envelope.event_id, attempt, exc, exc_info=True)
                    self._dead_letter(record, exc, attempts=attempt)
                    return "dead-lettered"
                metrics.CONSUMER_RETRIES.labels(self.group).inc()
                log.warning("consumer %s attempt %d on %s failed: %s", self.group, attempt, envelope.event_id, exc)
                time.sleep(self.retry.backoff(attempt))

    def _dead_letter(self, record, error: Exception, *, attempts: int) -> None:
        headers = list(record.headers or []) + [
            ("ecosafe_error", f"{type(error).__name__}: {error}"[:2000].encode()),
            ("ecosafe_original_topic", record.topic.encode()),
            ("ecosafe_original_partition", str(record.partition).encode()),
            ("ecosafe_original_offset", str(record.offset).encode()),
            ("ecosafe_attempts", str(attempts).encode()),
        ]
        if self._producer is None:
            self._producer = KafkaProducer(bootstrap_servers=self.bootstrap_servers, acks="all",
                                           client_id=f"{self.group}-dlq")
        self._producer.send(self.dead_letter_topic, key=record.key, value=record.value, headers=headers).get(30)
        metrics.CONSUMER_DEAD_LETTERS.labels(self.group).inc()

    def poll_once(self) -> int:
        """Poll, apply every record, then commit the offsets; returns how many records were handled."""
        if self._consumer is None:
            self._consumer = self._connect()
        batches = self._consumer.poll(timeout_ms=self.poll_timeout_ms)
        handled = 0
        offsets: dict[TopicPartition, OffsetAndMetadata] = {}
        for partition, records in batches.items():
            for record in records:
                self.handle(record)
                offsets[partition] = OffsetAndMetadata(record.offset + 1, "", -1)
                handled += 1
        if offsets:
            self._consumer.commit(offsets)
        self._report_lag()
        return handled

    def _report_lag(self) -> None:
        now = time.monotonic()
        if self._consumer is None or now - self._last_lag_report < 5:
            return
        self._last_lag_report = now
        assigned = list(self._consumer.assignment())
        if not assigned:
            return
        ends = self._consumer.end_offsets(assigned)
        for partition in assigned:
            lag = ends.get(partition, 0) - self._consumer.position(partition)
            metrics.CONSUMER_LAG.labels(self.group, partition.topic, str(partition.partition)).set(max(lag, 0))

    def run(self, stop: threading.Event) -> None:
        """Consume until `stop` is set; a broken connection is re-opened after a pause."""
        while not stop.is_set():
            try:
                self.poll_once()
            except Exception:
                log.exception("consumer %s failed; reconnecting", self.group)
                self.close()
                stop.wait(1.0)
        self.close()
