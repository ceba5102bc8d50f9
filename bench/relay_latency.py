"""Commit-to-consumer latency through the kit's OutboxRelay, against a raw Kafka producer sending the same messages."""

from __future__ import annotations

import bisect
import multiprocessing as mp
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import KafkaAdminClient
from prometheus_client import REGISTRY
from sqlalchemy import text

from append_writers import Streams
from benchlib import EVENT_TYPE, SIGNER, Target, median, payload, percentile, release
from ecosafe_kit.db import make_engine
from ecosafe_kit.eventstore import EventStore, NewEvent
from ecosafe_kit.messaging import metrics
from ecosafe_kit.messaging.envelope import EventEnvelope, source_for, to_kafka
from ecosafe_kit.messaging.relay import OutboxRelay
from ecosafe_kit.messaging.topics import ensure_topics, event_topic

SERVICE = "bench"
DELIVERY_TIMEOUT = 60.0


@dataclass(frozen=True)
class Scenario:
    """How events are offered: `writers` processes, each sending `count` events at `rate`/s (None: flat out)."""

    name: str
    writers: int
    count: int
    rate: float | None


@dataclass
class LatencyResult:
    path: str
    scenario: str
    events: int
    delivered: int
    offered_per_second: float
    delivered_per_second: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    metric_p50: str = "–"
    metric_p99: str = "–"
    stages: dict[str, tuple[float, float]] = field(default_factory=dict)
    polls: int = 0
    held_back: float = float("nan")
    drain_per_second: float = float("nan")


class StageClock:
    """Notes when the relay read each event and when Kafka acknowledged it, by wrapping two of its calls.

    A poll that starts after an event committed but does not return it held it back: the log's horizon (a
    transaction older than the event's was still running somewhere in the cluster) or a full batch.
    """

    def __init__(self, relay: OutboxRelay) -> None:
        self.read_at: dict[str, float] = {}
        self.acked_at: dict[str, float] = {}
        self.poll_starts: list[float] = []
        read_after, send = relay.store.read_after, relay._send

        def timed_read(*args, **kwargs):
            self.poll_starts.append(time.time())
            events = read_after(*args, **kwargs)
            now = time.time()
            for event in events:
                self.read_at.setdefault(str(event.event_id), now)
            return events

        def timed_send(events):
            send(events)
            now = time.time()
            for event in events:
                self.acked_at.setdefault(str(event.event_id), now)

        relay.store.read_after = timed_read
        relay._send = timed_send

    def apply(self, result: LatencyResult, sent: dict[str, float], received: dict[str, float]) -> None:
        def stage(start: dict[str, float], end: dict[str, float]) -> tuple[float, float]:
            delays = [(end[e] - start[e]) * 1000 for e in sent if e in start and e in end]
            return percentile(delays, 50), percentile(delays, 99)

        result.stages = {
            "commit → read by the relay": stage(sent, self.read_at),
            "read → acknowledged by Kafka (build, send, flush)": stage(self.read_at, self.acked_at),
            "acknowledged → consumer receipt (checkpoint, fetch)": stage(self.acked_at, received),
        }
        result.polls = len(self.poll_starts)
        held = sum(1 for e, t in sent.items() if e in self.read_at and
                   bisect.bisect_right(self.poll_starts, t) < bisect.bisect_left(self.poll_starts, self.read_at[e]) - 1)
        result.held_back = held / len(sent) if sent else float("nan")


# -- child processes ------------------------------------------------------------------------------------

def consumer_main(bootstrap: str, topic: str, ready, expected, results) -> None:
    """Read the topic from its start; note when each event id arrived, until the parent's expected count is in."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False,
                             client_id="bench-latency-consumer")
    try:
        partitions = _partitions(consumer, topic)
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        consumer.poll(timeout_ms=200)  # connects and resolves the offsets before the writers start
        ready.set()
        received: dict[str, float] = {}
        deadline = None
        while True:
            wanted = expected.value
            if wanted and len(received) >= wanted:
                break
            if wanted and deadline is None:
                deadline = time.time() + DELIVERY_TIMEOUT
            if deadline is not None and time.time() > deadline:
                break
            batch = consumer.poll(timeout_ms=50)
            now = time.time()
            for records in batch.values():
                for record in records:
                    received.setdefault(_event_id(record.headers), now)
        results.put(received)
    except BaseException as exc:
        results.put(exc)
        raise
    finally:
        consumer.close()


def _partitions(consumer: KafkaConsumer, topic: str) -> list[TopicPartition]:
    deadline = time.time() + 30
    while time.time() < deadline:
        found = consumer.partitions_for_topic(topic)
        if found:
            return [TopicPartition(topic, p) for p in sorted(found)]
        time.sleep(0.1)
    raise RuntimeError(f"topic {topic} has no partitions after 30 s")


def _event_id(headers: list[tuple[str, bytes]]) -> str:
    for name, value in headers:
        if name == "ce_id":
            return value.decode()
    return ""


def store_writer_main(target: Target, stream_type: str, prefix: str, scenario: Scenario, barrier, results) -> None:
    """Append single-event transactions on the schedule; the timestamp is taken right after each commit."""
    try:
        engine = make_engine(target.url, pool_size=1)
        store = EventStore(engine)
        streams = Streams(prefix)
        body = payload()
        with engine.connect() as conn:  # connect now, so the first append pays no connection set-up
            conn.execute(text("SELECT 1"))
        barrier.wait(timeout=180)
        sent = []
        for due in _schedule(scenario):
            _sleep_until(due)
            event = NewEvent(event_type=EVENT_TYPE, payload=body, signer=SIGNER)
            stream_id, expected = streams.take(1)
            with store.transaction() as conn:
                store.append(conn, stream_type=stream_type, stream_id=stream_id, expected_version=expected,
                             events=[event])
            sent.append((str(event.event_id), time.time()))
        engine.dispose()
        results.put(sent)
    except BaseException as exc:
        barrier.abort()
        results.put(exc)
        raise


def producer_main(target: Target, topic: str, prefix: str, scenario: Scenario, barrier, results) -> None:
    """Send the same CloudEvents messages straight to Kafka, producer set up as the relay's; timestamp at send."""
    try:
        # The settings of OutboxRelay._producer_or_new, so only what the relay adds differs.
        producer = KafkaProducer(bootstrap_servers=target.kafka, acks="all", enable_idempotence=True, linger_ms=1,
                                 max_request_size=4 * 1024 * 1024, client_id="bench-raw-producer")
        streams = Streams(prefix)
        body = payload()
        _send(producer, topic, streams, body)[1].get(timeout=30)  # connection, metadata, producer id: not timed
        barrier.wait(timeout=180)
        sent = []
        for due in _schedule(scenario):
            _sleep_until(due)
            sent_at = time.time()
            event_id, _ = _send(producer, topic, streams, body)
            sent.append((event_id, sent_at))
        producer.flush(timeout=30)
        producer.close(timeout=5)
        results.put(sent)
    except BaseException as exc:
        barrier.abort()
        results.put(exc)
        raise


def _send(producer: KafkaProducer, topic: str, streams: Streams, body: bytes):
    """Send the next event's message; returns its id and the send's future. Building it is timed, as in the relay."""
    stream_id, expected = streams.take(1)
    event_id, message = _message(stream_id, expected + 1, body)
    key = message.key.encode() if isinstance(message.key, str) else message.key
    return event_id, producer.send(topic, key=key, value=message.value, headers=list(message.headers.items()))


def _message(stream_id: str, version: int, body: bytes):
    """The message the relay would build for such an event (same headers, key and value sizes)."""
    event_id = uuid.uuid4()
    envelope = EventEnvelope(
        event_id=event_id, event_type=EVENT_TYPE, source=source_for(SERVICE), stream_type="raw",
        stream_id=stream_id, version=version, occurred_at=datetime.now(timezone.utc), signer=SIGNER,
        content_type="application/protobuf", payload=body, hash=uuid.uuid4().hex * 2,  # 32 bytes as hex
    )
    return str(event_id), to_kafka(envelope)


def _schedule(scenario: Scenario):
    """Due times (perf_counter) of each event; flat out when there is no rate."""
    start = time.perf_counter()
    for k in range(scenario.count):
        yield start + k / scenario.rate if scenario.rate else 0.0


def _sleep_until(due: float) -> None:
    delay = due - time.perf_counter()
    if delay > 0:
        time.sleep(delay)


# -- one scenario, run from the parent ------------------------------------------------------------------

def run_relay(target: Target, scenario: Scenario, run_id: str, topics: list[str]) -> LatencyResult:
    """Store writers append while the kit's relay (a thread here) publishes; a consumer process times arrival."""
    stream_type = f"lat{run_id}{scenario.name}"
    relay_name = f"bench-relay-{run_id}-{scenario.name}"
    relay = OutboxRelay(engine=make_engine(target.url, pool_size=2), service=SERVICE,
                        bootstrap_servers=target.kafka, stream_types=[stream_type], name=relay_name)
    relay.prepare()  # the topic must exist before the consumer assigns its partitions
    topic = event_topic(SERVICE, stream_type)
    topics.append(topic)

    clock = StageClock(relay)

    def start_relay():
        thread, stop = _start(relay)
        _wait_for_first_poll(relay_name)
        _warm_up(relay, clock, stream_type, f"{run_id}-{scenario.name}-warmup")
        return lambda: _stop(relay, thread, stop)

    result = _run(target, scenario, topic, "relay", start_relay,
                  lambda i: (store_writer_main, (target, stream_type, f"{run_id}-{scenario.name}-w{i}")),
                  warm_ups=1, clock=clock)
    result.metric_p50, result.metric_p99 = _relay_metric_quantiles(relay_name)
    return result


def run_raw(target: Target, scenario: Scenario, run_id: str, topics: list[str]) -> LatencyResult:
    """The baseline: producers send the same messages to Kafka directly; the same consumer times arrival."""
    topic = f"ecosafe.{SERVICE}.raw{run_id}{scenario.name}"
    topics.append(topic)
    ensure_topics(target.kafka, [topic])  # same partitions and settings as the relay's topic
    return _run(target, scenario, topic, "raw producer", lambda: (lambda: None),
                lambda i: (producer_main, (target, topic, f"{run_id}-{scenario.name}-raw-w{i}")),
                warm_ups=scenario.writers)


def _start_consumer(ctx, target: Target, topic: str):
    """A consumer process reading `topic` from its start; returns it, its expected count and its result queue."""
    ready, expected, received_queue = ctx.Event(), ctx.Value("i", 0), ctx.Queue()
    consumer = ctx.Process(target=consumer_main, args=(target.kafka, topic, ready, expected, received_queue),
                           name="bench-consumer", daemon=True)
    consumer.start()
    if not ready.wait(timeout=60):
        consumer.terminate()
        raise RuntimeError("the latency consumer did not get ready within 60 s")
    return consumer, expected, received_queue


def _received(received_queue) -> dict[str, float]:
    received = received_queue.get(timeout=DELIVERY_TIMEOUT + 30)
    if isinstance(received, BaseException):
        raise RuntimeError(f"the latency consumer failed: {received!r}") from received
    return received


def run_relay_backlog(target: Target, count: int, run_id: str, topics: list[str], rep: int) -> LatencyResult:
    """How fast the relay publishes a backlog: `count` events committed first, then the relay started."""
    stream_type = f"backlog{run_id}r{rep}"
    relay = OutboxRelay(engine=make_engine(target.url, pool_size=2), service=SERVICE,
                        bootstrap_servers=target.kafka, stream_types=[stream_type], name=f"bench-relay-{stream_type}")
    relay.prepare()
    topic = event_topic(SERVICE, stream_type)
    topics.append(topic)
    sent = _append_backlog(relay.store, stream_type, f"{run_id}-backlog-r{rep}", count)
    ctx = mp.get_context("spawn")
    consumer, expected, received_queue = _start_consumer(ctx, target, topic)
    expected.value = count
    thread, stop = _start(relay)
    try:
        received = _received(received_queue)
    finally:
        _stop(relay, thread, stop)
        consumer.join(timeout=15)
    return _latency("relay", "backlog", sent, received)


def _append_backlog(store: EventStore, stream_type: str, prefix: str, count: int) -> dict[str, float]:
    sent: dict[str, float] = {}
    body = payload()
    for number, start in enumerate(range(0, count, 100)):
        events = [NewEvent(event_type=EVENT_TYPE, payload=body, signer=SIGNER) for _ in range(min(100, count - start))]
        with store.transaction() as conn:
            store.append(conn, stream_type=stream_type, stream_id=f"{prefix}-s{number}", expected_version=0,
                         events=events)
        committed = time.time()
        sent.update((str(e.event_id), committed) for e in events)
    return sent


def run_raw_backlog(target: Target, count: int, run_id: str, topics: list[str], rep: int) -> LatencyResult:
    """The baseline for the backlog: one producer (the relay has one) sends the same number flat out."""
    scenario = Scenario(f"backlog{rep}", 1, count, None)
    return run_raw(target, scenario, run_id, topics)


def _run(target: Target, scenario: Scenario, topic: str, path: str, start_path, writer_for, *, warm_ups: int,
         clock: StageClock | None = None) -> LatencyResult:
    ctx = mp.get_context("spawn")
    consumer, expected, received_queue = _start_consumer(ctx, target, topic)
    stop_path = lambda: None  # noqa: E731 - replaced once the path under test is running
    barrier, sent_queue = ctx.Barrier(scenario.writers + 1), ctx.Queue()
    writers = []
    try:
        stop_path = start_path()
        for i in range(scenario.writers):
            main, args = writer_for(i)
            writers.append(ctx.Process(target=main, args=(*args, scenario, barrier, sent_queue), daemon=True))
            writers[-1].start()
        release(barrier, sent_queue)
        sent_lists = [sent_queue.get(timeout=600) for _ in writers]
        failures = [s for s in sent_lists if isinstance(s, BaseException)]
        if failures:
            raise RuntimeError(f"a {path} writer failed: {failures[0]!r}") from failures[0]
        sent = dict(pair for pairs in sent_lists for pair in pairs)
        expected.value = len(sent) + warm_ups  # the consumer sees the warm-up messages too
        received = _received(received_queue)
    finally:
        stop_path()
        for process in (*writers, consumer):
            process.join(timeout=15)
            if process.is_alive():
                process.terminate()
    result = _latency(path, scenario.name, sent, received)
    if clock is not None:
        clock.apply(result, sent, received)
    return result


def _latency(path: str, scenario: str, sent: dict[str, float], received: dict[str, float]) -> LatencyResult:
    delays = [(received[e] - t) * 1000 for e, t in sent.items() if e in received]
    starts = sorted(sent.values())
    arrivals = [received[e] for e in sent if e in received]
    arrivals.sort()
    offered_span = starts[-1] - starts[0] if len(starts) > 1 else 0
    drain_span = arrivals[-1] - arrivals[0] if len(arrivals) > 1 else 0
    delivered_span = arrivals[-1] - starts[0] if arrivals else 0
    return LatencyResult(
        path=path, scenario=scenario, events=len(sent), delivered=len(delays),
        offered_per_second=len(sent) / offered_span if offered_span else float("nan"),
        delivered_per_second=len(delays) / delivered_span if delivered_span else float("nan"),
        p50_ms=percentile(delays, 50), p99_ms=percentile(delays, 99), max_ms=max(delays, default=float("nan")),
        drain_per_second=(len(arrivals) - 1) / drain_span if drain_span else float("nan"),
    )


def _start(relay: OutboxRelay) -> tuple[threading.Thread, threading.Event]:
    """The relay's own loop (`run`) in a daemon thread, as a service runs it."""
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,), name=relay.name, daemon=True)
    thread.start()
    return thread, stop


def _stop(relay: OutboxRelay, thread: threading.Thread, stop: threading.Event) -> None:
    stop.set()
    thread.join(timeout=15)
    relay.engine.dispose()  # run() closed its producer and lock session; this closes the pooled connections


def _warm_up(relay: OutboxRelay, clock: StageClock, stream_type: str, stream_id: str) -> None:
    # The relay makes its Kafka producer on the first event it sends; that start-up is not what is measured.
    with relay.store.transaction() as conn:
        relay.store.append(conn, stream_type=stream_type, stream_id=stream_id, expected_version=0,
                           events=[NewEvent(event_type=EVENT_TYPE, payload=payload(), signer=SIGNER)])
    deadline = time.time() + 30
    while not clock.acked_at:
        if time.time() > deadline:
            raise RuntimeError(f"relay {relay.name} did not publish its warm-up event within 30 s")
        time.sleep(0.01)


def _wait_for_first_poll(relay_name: str, timeout: float = 30) -> None:
    # The relay sets its lag gauge on every poll; once it exists the relay leads and has read the log once.
    deadline = time.time() + timeout
    while time.time() < deadline:
        if REGISTRY.get_sample_value("ecosafe_relay_lag_seconds", {"relay": relay_name}) is not None:
            return
        time.sleep(0.01)
    raise RuntimeError(f"relay {relay_name} did not start polling within {timeout:.0f} s")


def _relay_metric_quantiles(relay_name: str) -> tuple[str, str]:
    """p50 and p99 of the relay's own commit-to-ack histogram, as the upper bounds of their buckets."""
    buckets: list[tuple[float, float]] = []
    for family in metrics.RELAY_COMMIT_TO_ACK.collect():
        for sample in family.samples:
            if sample.name.endswith("_bucket") and sample.labels.get("relay") == relay_name:
                buckets.append((float(sample.labels["le"]), sample.value))
    buckets.sort()
    total = buckets[-1][1] if buckets else 0
    if not total:
        return "–", "–"

    def bound(q: float) -> str:
        for upper, cumulative in buckets:
            if cumulative >= q * total:
                return f"≤ {upper * 1000:,.0f}" if upper != float("inf") else "> 30,000"
        return "–"

    return bound(0.50), bound(0.99)


def median_latency(results: list[LatencyResult]) -> LatencyResult:
    """Medians over repetitions of one scenario and path (the relay metric is taken from the first)."""
    first = results[0]
    return LatencyResult(
        path=first.path, scenario=first.scenario, events=sum(r.events for r in results),
        delivered=sum(r.delivered for r in results),
        offered_per_second=median([r.offered_per_second for r in results]),
        delivered_per_second=median([r.delivered_per_second for r in results]),
        p50_ms=median([r.p50_ms for r in results]), p99_ms=median([r.p99_ms for r in results]),
        max_ms=median([r.max_ms for r in results]), metric_p50=first.metric_p50, metric_p99=first.metric_p99,
        stages={name: (median([r.stages[name][0] for r in results]), median([r.stages[name][1] for r in results]))
                for name in first.stages},
        polls=int(median([r.polls for r in results])), held_back=median([r.held_back for r in results]),
        drain_per_second=median([r.drain_per_second for r in results]),
    )


def delete_topics(bootstrap: str, topics: list[str]) -> None:
    """Remove this run's topics: event topics are kept forever, and these carry nothing anyone replays."""
    if not topics:
        return
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="bench-cleanup")
    try:
        existing = set(admin.list_topics())
        mine = [t for t in topics if t in existing]
        if mine:
            admin.delete_topics(mine, timeout_ms=15000)
    finally:
        admin.close()
