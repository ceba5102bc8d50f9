"""Outbox relay: publishes committed events to Kafka in log order and resumes from the last acknowledged one."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

import psycopg
from kafka import KafkaProducer
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from ecosafe_kit.eventstore import EventStore, Position, StoredEvent
from ecosafe_kit.eventstore.schema import RELAY_ASLEEP_LOCK, RELAY_CHANNEL
from ecosafe_kit.messaging import metrics
from ecosafe_kit.messaging.envelope import EventEnvelope, source_for
from ecosafe_kit.messaging.publish import send_and_wait
from ecosafe_kit.messaging.topics import ensure_topics, event_topic

log = logging.getLogger(__name__)

_LOAD_CHECKPOINT = text("SELECT tx_id::text AS tx_text, seq FROM es_relay_checkpoints WHERE relay = :relay")
_SAVE_CHECKPOINT = text(
    "INSERT INTO es_relay_checkpoints (relay, tx_id, seq, updated_at) "
    "VALUES (:relay, CAST(:tx_id AS xid8), :seq, now()) "
    "ON CONFLICT (relay) DO UPDATE SET tx_id = EXCLUDED.tx_id, seq = EXCLUDED.seq, updated_at = now()"
)
# Only one relay per service publishes at a time (several replicas may run): a session advisory lock.
_TRY_LEAD = text("SELECT pg_try_advisory_lock(hashtext('ecosafe-relay:' || :relay))")
_LISTEN = text(f"LISTEN {RELAY_CHANNEL}")  # a constant channel name
# Held while the relay sleeps (or may sleep): appends notify only then (kit schema v3; see schema.py).
_TRY_SLEEP = text("SELECT pg_try_advisory_lock(:key)")
_WAKE = text("SELECT pg_advisory_unlock(:key)")
# After a notification whose transaction the log does not show yet (held back by an older transaction still
# running, or not one of this relay's stream types), poll at `poll_interval` for this long before sleeping.
_PENDING_SECONDS = 2.0


def load_checkpoint(conn: Connection, relay: str) -> Position:
    row = conn.execute(_LOAD_CHECKPOINT, {"relay": relay}).first()
    return Position(int(row.tx_text), row.seq) if row else Position()


class OutboxRelay:
    """Reads the store's global log after its checkpoint, publishes each batch with acks=all, then advances."""

    def __init__(
        self,
        *,
        engine: Engine,
        service: str,
        bootstrap_servers: str,
        stream_types: list[str],
        name: str | None = None,
        batch_size: int = 500,
        poll_interval: float = 0.02,
        idle_read_interval: float = 1.0,
        topic_for: Callable[[str], str] | None = None,
    ) -> None:
        self.engine = engine
        self.store = EventStore(engine)
        self.service = service
        self.name = name or f"{service}-relay"
        self.bootstrap_servers = bootstrap_servers
        self.stream_types = stream_types
        self.batch_size = batch_size
        self.poll_interval = poll_interval
        # The leader reads the log when a commit notifies it, and at least this often in case none does (an
        # appending database without kit schema v2).
        self.idle_read_interval = idle_read_interval
        self.topic_for = topic_for or (lambda stream_type: event_topic(service, stream_type))
        self._producer: KafkaProducer | None = None
        self._lock_conn: Connection | None = None
        # While leading: the checkpoint as last saved (only the leader writes it), and the newest transaction a
        # notification named, with when it came.
        self._position: Position | None = None
        self._notified_tx = 0
        self._notified_at = 0.0
        # Whether the lock session holds RELAY_ASLEEP_LOCK, and whether the log was read since it took it.
        self._asleep = False
        self._read_since_asleep = False

    @property
    def leading(self) -> bool:
        """Whether this relay holds the lead and has loaded its checkpoint (it publishes from here on)."""
        return self._position is not None

    # -- lifecycle -------------------------------------------------------------------------------------

    def _producer_or_new(self) -> KafkaProducer:
        if self._producer is None:
            self._producer = KafkaProducer(
                bootstrap_servers=self.bootstrap_servers,
                client_id=self.name,
                acks="all",
                enable_idempotence=True,  # broker-side dedup of retries keeps per-partition order
                linger_ms=1,
                max_request_size=4 * 1024 * 1024,
                # kafka-python's own sensors cost CPU on every record and nothing reads them: our metrics are
                # Prometheus's (relay lag, commit → ack).
                metrics_enabled=False,
            )
        return self._producer

    def _is_leader(self) -> bool:
        if self._lock_conn is not None:
            # Still leading while the session lives; a dead one fails the next read, and `run` checks it then.
            return True
        try:
            conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            # Held from here on, so that a failure below still closes the session that may hold the lock.
            self._lock_conn = conn
            if not conn.execute(_TRY_LEAD, {"relay": self.name}).scalar():
                self._lock_conn = None
                conn.close()
                return False
            # Listen before reading the checkpoint: a commit after this is notified, one before it is read.
            conn.execute(_LISTEN)
            self._position = load_checkpoint(conn, self.name)
            return True
        except Exception:
            log.exception("relay %s could not open its database session; it will try to lead again", self.name)
            self._drop_lock()
            return False

    def _session_alive(self) -> bool:
        """After a failure: is the leader's session still usable? If not, it is dropped (and with it the lead)."""
        if self._lock_conn is None:
            return False
        try:
            self._lock_conn.execute(text("SELECT 1"))
            return True
        except Exception:
            log.warning("relay %s lost its database session; it will try to lead again", self.name)
            self._drop_lock()
            return False

    def _drop_lock(self) -> None:
        if self._lock_conn is not None:
            try:
                # Closed for good rather than returned to the pool: the session holds the advisory lock and
                # listens on the relay channel, and neither should outlive the lead in some other user's hands.
                self._lock_conn.invalidate()
                self._lock_conn.close()
            except Exception:  # the session is already gone; closing is only tidying up
                log.debug("closing a broken relay session failed", exc_info=True)
            self._lock_conn = None
        self._position = None
        self._asleep = False  # the session that held it is gone, and the lock with it

    def close(self) -> None:
        if self._producer is not None:
            self._producer.close(timeout=5)
            self._producer = None
        self._drop_lock()

    # -- work ------------------------------------------------------------------------------------------

    def prepare(self) -> None:
        """Create the topics this relay writes to (kept forever)."""
        ensure_topics(self.bootstrap_servers, [self.topic_for(t) for t in self.stream_types])

    @contextmanager
    def _session(self) -> Iterator[Connection]:
        """Where a poll reads and a checkpoint is saved: the leader's own session, the one holding its lock
        (autocommit, so each statement is its own transaction; under READ COMMITTED each statement had its own
        snapshot anyway), which spares every poll a pool checkout, a pre-ping, BEGIN and ROLLBACK. Without a
        lock session (`publish_batch` called directly), one pooled transaction per use."""
        if self._lock_conn is not None:
            yield self._lock_conn
            return
        with self.engine.begin() as conn:
            yield conn

    def publish_batch(self) -> int:
        """Publish the next batch after the checkpoint; returns how many events were acknowledged."""
        with self._session() as conn:
            checkpoint = self._position if self._position is not None else load_checkpoint(conn, self.name)
            events = self.store.read_after(conn, checkpoint, limit=self.batch_size, stream_types=self.stream_types)
        if not events:
            metrics.RELAY_LAG_SECONDS.labels(self.name).set(0)
            return 0
        now = datetime.now(timezone.utc)
        metrics.RELAY_LAG_SECONDS.labels(self.name).set((now - events[0].occurred_at).total_seconds())
        self._send(events)
        with self._session() as conn:
            last = events[-1].position
            conn.execute(_SAVE_CHECKPOINT, {"relay": self.name, "tx_id": str(last.tx_id), "seq": last.seq})
        if self._lock_conn is not None:
            self._position = last
        return len(events)

    def _send(self, events: list[StoredEvent]) -> None:
        source = source_for(self.service)
        send_and_wait(self._producer_or_new(),
                      [(self.topic_for(e.stream_type), EventEnvelope.from_stored(e, source)) for e in events])
        acked_at = datetime.now(timezone.utc)
        for event in events:
            metrics.RELAY_COMMIT_TO_ACK.labels(self.name).observe((acked_at - event.occurred_at).total_seconds())
        metrics.RELAY_PUBLISHED.labels(self.name).inc(len(events))

    def run(self, stop: threading.Event) -> None:
        """Publish until `stop` is set; failures are retried with back-off and never skip an event."""
        prepared = False
        backoff = self.poll_interval
        while not stop.is_set():
            try:
                if not self._is_leader():
                    stop.wait(1.0)
                    continue
                if not prepared:
                    self.prepare()
                    prepared = True
                published = self.publish_batch()
                backoff = self.poll_interval
                if published >= self.batch_size:
                    self._wake_up()
                    continue  # a backlog: read on at once
                if published <= 1:
                    self._wait_for_commits(stop)  # light load: the next commit is read as soon as it notifies
                else:
                    # Commits arrive faster than one per read: let the next ones gather for a poll interval, or
                    # each would be read, flushed and checkpointed alone; and spare the writers their NOTIFY.
                    self._wake_up()
                    stop.wait(self.poll_interval)
            except Exception:
                metrics.RELAY_FAILURES.labels(self.name).inc()
                log.exception("relay %s failed to publish; retrying from its checkpoint", self.name)
                if self._producer is not None:
                    self._producer.close(timeout=1)
                    self._producer = None
                self._session_alive()
                backoff = min(backoff * 2 if backoff > self.poll_interval else 0.25, 10.0)
                stop.wait(backoff)
        self.close()

    # -- waiting for commits ---------------------------------------------------------------------------

    def _wait_for_commits(self, stop: threading.Event) -> None:
        """Return when a commit has notified, when a notified transaction may have become readable, at the idle
        read interval, or when `stop` is set."""
        if self._lock_conn is None or self._pending():
            stop.wait(self.poll_interval)
            return
        if not self._asleep:
            if not self._lock_conn.execute(_TRY_SLEEP, {"key": RELAY_ASLEEP_LOCK}).scalar():
                # A writer holds it shared between its append and its commit, and will not notify: poll. (Or
                # another relay of this database sleeps; writers notify it, and this one polls.)
                stop.wait(self.poll_interval)
                return
            # Commits from here on notify; the ones before did not, so the log is read once more first.
            self._asleep, self._read_since_asleep = True, False
            return
        if not self._read_since_asleep:
            self._read_since_asleep = True
            if self._held_back():
                return
        raw = self._lock_conn.connection.dbapi_connection
        deadline = time.monotonic() + self.idle_read_interval
        while not stop.is_set():
            remaining = deadline - time.monotonic()
            # A short slice, so that `stop` is seen within 0.1 s; waiting for a notification costs no query.
            if self._take_notifications(raw, max(0.0, min(remaining, 0.1))):
                return
            if remaining <= 0:
                return

    def _held_back(self) -> bool:
        """Events committed before the relay took its lock, but behind the log's horizon when it read: they will
        notify no one, so they are treated as notified (polled for) instead of waiting for the idle read."""
        held = self.store.read_after(self._lock_conn, self._position, limit=1, stream_types=self.stream_types,
                                     horizon=False)
        if held:
            self._notified_tx = max(self._notified_tx, held[0].position.tx_id)
            self._notified_at = time.monotonic()
        return bool(held)

    def _wake_up(self) -> None:
        """Stop asking writers to notify: the relay reads on its own for now."""
        if self._asleep and self._lock_conn is not None:
            self._lock_conn.execute(_WAKE, {"key": RELAY_ASLEEP_LOCK})
            self._asleep = False

    def _take_notifications(self, raw: psycopg.Connection, timeout: float) -> bool:
        """Wait up to `timeout` seconds for notifications; take the ones that came in the meantime (psycopg keeps
        those that arrive during other statements for its next `notifies()`) or the first batch that comes."""
        received = False
        for notification in raw.notifies(timeout=timeout, stop_after=1):
            received = True
            try:
                self._notified_tx = max(self._notified_tx, int(notification.payload))
            except ValueError:  # someone else's NOTIFY on the channel: still a reason to read
                pass
        if received:
            self._notified_at = time.monotonic()
        return received

    def _pending(self) -> bool:
        """A notified transaction is not published yet: the log may still be holding it back."""
        published_up_to = self._position.tx_id if self._position is not None else 0
        return (self._notified_tx > published_up_to
                and time.monotonic() - self._notified_at < _PENDING_SECONDS)
