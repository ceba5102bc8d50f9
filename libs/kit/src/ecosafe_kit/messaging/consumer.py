"""Consumer runner: applies Kafka events to a read model exactly once, with retries and a dead-letter topic.

It also watches its own group membership, because kafka-python 3.0.12 can wedge a consumer for good: when a
rebalance that kafka-python starts by itself (the group's metadata changed, e.g. a just-created topic's
partitions became known after the first join) takes longer than the `poll()` that started it, the finished
JoinGroup/SyncGroup round is never picked up. The member then stays "rebalancing" with no partitions and no
heartbeats, the broker drops it after session.timeout.ms, and `poll()` returns nothing forever, without an
error. The runner asks such a consumer to rejoin, replaces a consumer that stays out of its group, and
reports either on `check()` (for /readyz).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.structs import MemberState, OffsetAndMetadata
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from ecosafe_kit.messaging import metrics
from ecosafe_kit.messaging.clients import new_consumer
from ecosafe_kit.messaging.envelope import EventEnvelope, NotACloudEvent, from_kafka
from ecosafe_kit.messaging.topics import dead_letter_topic, ensure_topics

log = logging.getLogger(__name__)

# How long the broker keeps a member that stopped heartbeating (the broker's floor is 6 s by default).
SESSION_TIMEOUT_MS = 10_000

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


class ConsumerNotReady(RuntimeError):
    """Raised by `ConsumerRunner.check()`: the runner is not consuming, and why."""


class ConsumerRunner:
    """One consumer group: read, apply in one database transaction with the tracking record, then commit.

    `run(stop)` is the loop a service runs in a background thread; tests may call `poll_once()` directly.
    Membership is watched on every poll: a member that has been out of its group (not a stable member) for
    `rejoin_after` seconds is asked to rejoin; if it still is after `stall_timeout` seconds, `run` closes the
    consumer and connects a new one (the limit doubles after each replacement, up to 5 minutes, and resets
    once the member is stable). Nothing is skipped by a replacement: offsets are committed only after the
    database has the change, and the tracking records drop what is delivered again.
    """

    MAX_STALL_TIMEOUT = 300.0

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
        rejoin_after: float = 3.0,
        stall_timeout: float = 30.0,
        unready_after: float = 30.0,
    ) -> None:
        self.engine = engine
        self.group = group
        self.topics = topics
        self.handler = handler
        self.bootstrap_servers = bootstrap_servers
        self.retry = retry or RetryPolicy()
        self.poll_timeout_ms = poll_timeout_ms
        self.rejoin_after = rejoin_after
        self.stall_timeout = stall_timeout
        self.unready_after = unready_after
        self.dead_letter_topic = dead_letter_topic(group)
        self._consumer: KafkaConsumer | None = None
        self._producer: KafkaProducer | None = None
        self._last_lag_report = 0.0
        # Membership and health, read by check() from other threads (plain attribute writes are atomic).
        self._created = time.monotonic()
        self._unstable_since: float | None = None
        self._ever_stable = False                          # since this consumer connected
        self._last_rejoin_request = 0.0
        self._stall_limit = stall_timeout
        self._last_loop: float | None = None      # end of the last poll cycle, failed or not
        self._last_good: float | None = None      # end of the last poll cycle that left a stable member
        self._last_error: str | None = None
        self._state = "not started"               # not started | running | stopped | dead

    # -- Kafka clients -----------------------------------------------------------------------------------

    def _connect(self) -> KafkaConsumer:
        ensure_topics(self.bootstrap_servers, [*self.topics, self.dead_letter_topic])
        consumer = new_consumer(
            *self.topics,
            bootstrap_servers=self.bootstrap_servers,
            group_id=self.group,
            client_id=self.group,
            enable_auto_commit=False,  # offsets move only after the database has the change
            auto_offset_reset="earliest",
            max_poll_records=200,
            metrics_enabled=False,  # kafka-python's sensors: CPU on every record, read by nobody (lag is ours)
            # A consumer that joins before it has seen a just-created topic's partitions idles until its
            # next metadata refresh (5 minutes by default); refresh often enough that this costs seconds.
            metadata_max_age_ms=10_000,
            bootstrap_timeout_ms=15_000,
            # A member that vanished without leaving (SIGKILL, OOM, a lost host) holds its group's rebalance
            # until this timeout: with kafka-python's default of 45 s, a service restarted after a kill joined
            # its groups only after 45 s. Heartbeats come from kafka-python's own thread every 3 s.
            session_timeout_ms=SESSION_TIMEOUT_MS,
            heartbeat_interval_ms=3_000,
        )
        self._unstable_since = time.monotonic()
        self._ever_stable = False
        return consumer

    def _close_consumer(self) -> None:
        consumer, self._consumer = self._consumer, None
        if consumer is None:
            return
        try:
            # Bounded: leaving the group must not hold the loop while the broker is away.
            consumer.close(autocommit=False, timeout_ms=5000)
        except Exception:  # the consumer is being thrown away; a failed goodbye changes nothing
            log.warning("consumer %s: closing the old Kafka consumer failed", self.group, exc_info=True)

    def close(self) -> None:
        self._close_consumer()
        if self._producer is not None:
            try:
                self._producer.close(timeout=5)
            finally:
                self._producer = None

    # -- applying records --------------------------------------------------------------------------------

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
        self._watch_membership()
        self._report_lag()
        return handled

    # -- membership watch --------------------------------------------------------------------------------

    def member_state(self) -> str | None:
        """kafka-python's MemberState of the current consumer ('<stable>', ...), or None without a consumer."""
        consumer = self._consumer
        if consumer is None:
            return None
        try:
            return consumer.group_metadata().state
        except Exception:  # closed under us by the loop thread
            return None

    def _watch_membership(self) -> None:
        now = time.monotonic()
        if self.member_state() == MemberState.STABLE:
            if self._unstable_since is not None:
                log.info("consumer %s is a stable member of its group (%s)", self.group,
                         sorted(f"{p.topic}-{p.partition}" for p in self._consumer.assignment()))
            self._unstable_since = None
            self._ever_stable = True
            self._stall_limit = self.stall_timeout
            self._last_good = now
            metrics.CONSUMER_STABLE.labels(self.group).set(1)
            return
        metrics.CONSUMER_STABLE.labels(self.group).set(0)
        if self._unstable_since is None:
            self._unstable_since = now
        elif now - self._unstable_since >= self.rejoin_after and now - self._last_rejoin_request >= self.rejoin_after:
            self._request_rejoin(now)

    def _request_rejoin(self, now: float) -> None:
        """Unwedge kafka-python 3.0.12 (see the module docstring): a member that is rebalancing but no longer
        thinks it needs to rejoin is stuck; asking it to rejoin makes the next poll send a new JoinGroup. While
        a join is really under way this only makes that join be awaited again, so asking is always safe."""
        coordinator = getattr(self._consumer, "_coordinator", None)
        need_rejoin = getattr(coordinator, "need_rejoin", None)
        request_rejoin = getattr(coordinator, "request_rejoin", None)
        if need_rejoin is None or request_rejoin is None:
            return  # another kafka-python: the stall timeout in run() still replaces a stuck consumer
        self._last_rejoin_request = now
        if need_rejoin():
            return  # kafka-python is already (re)joining; the next polls drive it
        log.warning("consumer %s has been out of its group for %.0fs (state %s, generation %s) without "
                    "rejoining; asking it to rejoin", self.group, now - (self._unstable_since or now),
                    self.member_state(), self._consumer.group_metadata().generation_id)
        metrics.CONSUMER_REJOINS.labels(self.group).inc()
        request_rejoin()

    def stalled_for(self) -> float:
        """Seconds the current consumer has been out of its group (0 when stable or not connected)."""
        since = self._unstable_since
        return 0.0 if since is None or self._consumer is None else time.monotonic() - since

    def _report_lag(self) -> None:
        """Lag from what the consumer already knows (positions, high watermarks): no request, never raises."""
        now = time.monotonic()
        if self._consumer is None or now - self._last_lag_report < 5:
            return
        self._last_lag_report = now
        try:
            for partition in self._consumer.assignment():
                highwater = self._consumer.highwater(partition)
                position = self._consumer.position(partition, timeout_ms=0)
                if highwater is None or position is None:
                    continue
                metrics.CONSUMER_LAG.labels(self.group, partition.topic, str(partition.partition)).set(
                    max(highwater - position, 0))
        except Exception:  # lag is a metric: it must never stop or reset consumption
            log.debug("consumer %s: lag not reported", self.group, exc_info=True)

    # -- the loop ----------------------------------------------------------------------------------------

    def run(self, stop: threading.Event) -> None:
        """Consume until `stop` is set; a failing or stuck consumer is replaced after a pause, never given up.

        Every failure is logged with the group and its cause; the thread ends only when asked to (or on a
        BaseException such as SystemExit, which is logged and re-raised, and shows on `check()`)."""
        self._state = "running"
        backoff = 0.0
        try:
            while not stop.is_set():
                try:
                    self.poll_once()
                    backoff = 0.0
                    self._last_error = None
                    stalled = self.stalled_for()
                    if stalled >= self._stall_limit:
                        self._last_error = (f"out of its group for {stalled:.0f}s "
                                            f"(state {self.member_state()}); consumer replaced")
                        log.error("consumer %s has been out of its group for %.0fs (state %s, assignment %s); "
                                  "replacing its Kafka consumer", self.group, stalled, self.member_state(),
                                  sorted(f"{p.topic}-{p.partition}" for p in self._consumer.assignment()))
                        metrics.CONSUMER_RESTARTS.labels(self.group).inc()
                        self._close_consumer()
                        self._stall_limit = min(self._stall_limit * 2, self.MAX_STALL_TIMEOUT)
                except Exception as exc:
                    backoff = min(max(backoff * 2, 1.0), 5.0)
                    self._last_error = f"{type(exc).__name__}: {exc}"[:500]
                    log.error("consumer %s (topics %s, bootstrap %s) failed: %s; reconnecting in %.0fs",
                              self.group, ",".join(self.topics), self.bootstrap_servers, self._last_error,
                              backoff, exc_info=True)
                    metrics.CONSUMER_RESTARTS.labels(self.group).inc()
                    self._close_consumer()
                    stop.wait(backoff)
                finally:
                    self._last_loop = time.monotonic()
        except BaseException as exc:
            self._state = "dead"
            self._last_error = f"{type(exc).__name__}: {exc}"[:500]
            log.critical("consumer %s: its thread ends on %s; nothing is consumed any more", self.group,
                         self._last_error, exc_info=True)
            raise
        finally:
            if self._state != "dead":
                self._state = "stopped"
            metrics.CONSUMER_STABLE.labels(self.group).set(0)
            try:
                self.close()
            except Exception:
                log.warning("consumer %s: closing failed", self.group, exc_info=True)

    # -- health ------------------------------------------------------------------------------------------

    def check(self, *, loop_timeout: float = 120.0) -> None:
        """Readiness of this consumer: returns if it is consuming, raises ConsumerNotReady(why) if not.

        Not ready when: its thread is not running (never started, stopped or dead); its loop has not come
        round for `loop_timeout` seconds (stuck in a handler or a Kafka call); or it has not been a stable
        member of its group for `unready_after` seconds (broker away, joining fails, or the stall above).
        """
        now = time.monotonic()
        if self._state != "running":
            detail = f": {self._last_error}" if self._last_error else ""
            raise ConsumerNotReady(f"consumer {self.group} is {self._state}{detail}")
        if self._last_loop is not None and now - self._last_loop > loop_timeout:
            raise ConsumerNotReady(f"consumer {self.group}: poll loop stuck for {now - self._last_loop:.0f}s")
        last_good = self._last_good if self._last_good is not None else self._created
        if now - last_good > self.unready_after:
            raise ConsumerNotReady(f"consumer {self.group}: {self._membership_story(now)}")

    def _membership_story(self, now: float) -> str:
        """Why this consumer is not a stable member, and since when, in the words an operator needs."""
        state = self.member_state() or "not connected"
        unstable_since = self._unstable_since
        if self._last_error is not None or unstable_since is None:
            last_good = self._last_good if self._last_good is not None else self._created
            return f"not a stable group member for {now - last_good:.0f}s ({self._last_error or f'state {state}'})"
        since_utc = datetime.now(timezone.utc) - timedelta(seconds=now - unstable_since)
        since = f"since {since_utc:%Y-%m-%dT%H:%M:%SZ} ({now - unstable_since:.0f}s, state {state})"
        if self._ever_stable:
            return f"rejoining consumer group {self.group} {since}"
        # The usual cause of a long first join: the previous process was killed and did not leave the group.
        return (f"joining consumer group {self.group} {since}; a member that stopped without leaving "
                f"holds the join for up to {SESSION_TIMEOUT_MS / 1000:g}s")


class ConsumersCheck:
    """A readiness check (see ecosafe_kit.web.readiness) over the runners added to it; ready when all are.

    Build it before the app (readiness checks are fixed then) and `add` each runner as it starts."""

    def __init__(self) -> None:
        self._runners: list[ConsumerRunner] = []

    def add(self, runner: ConsumerRunner) -> None:
        self._runners.append(runner)

    def __call__(self) -> None:
        problems = []
        for runner in list(self._runners):
            try:
                runner.check()
            except ConsumerNotReady as exc:
                problems.append(str(exc))
        if problems:
            raise ConsumerNotReady("; ".join(problems))
