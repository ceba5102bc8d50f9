"""Every event the reports count, read straight from their sources: this service's event store and the hazard,
notify and risk-map topics from their first offset (kept forever) — for reconciling the read model and rebuilding it."""

from __future__ import annotations

from collections.abc import Iterator

from kafka import TopicPartition
from sqlalchemy.engine import Engine

from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.eventstore.records import Position
from ecosafe_kit.messaging.clients import new_consumer
from ecosafe_kit.messaging.envelope import EventEnvelope, from_kafka, source_for
from enforcement.adapters.case_projections import CASE_STREAM
from enforcement.adapters.inspection_projections import INSPECTION_STREAM
from enforcement.domain.reports_dispatch import Fact
from enforcement.reports.facts import fact_of
from enforcement.reports.oversight import OVERSIGHT_STREAM
from enforcement.reports.topics import FOREIGN_TOPICS

STORE_STREAMS = [INSPECTION_STREAM, CASE_STREAM, OVERSIGHT_STREAM]


def store_events(engine: Engine, batch_size: int = 1000) -> Iterator[EventEnvelope]:
    """This service's inspection, case and oversight events, in the order they were committed."""
    store, source, position = EventStore(engine), source_for("enforcement"), Position()
    with engine.connect() as conn:
        while True:
            events = store.read_after(conn, position, limit=batch_size, stream_types=STORE_STREAMS)
            if not events:
                return
            for event in events:
                yield EventEnvelope.from_stored(event, source)
            position = events[-1].position


def topic_events(bootstrap: str, topic: str, poll_ms: int = 1000) -> Iterator[EventEnvelope]:
    """Every event on `topic` from its start up to its end as it stood when the read began (no consumer group)."""
    consumer = new_consumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False)
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        if not partitions:
            return
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        while any(consumer.position(tp) < ends[tp] for tp in partitions):
            for tp, records in consumer.poll(timeout_ms=poll_ms).items():
                for record in records:
                    if record.offset < ends[tp]:
                        yield from_kafka(record.headers, record.key, record.value)
    finally:
        consumer.close()


def all_facts(engine: Engine, bootstrap: str, hazard_topic: str) -> list[Fact]:
    """The facts the events make, each once (a topic may hold an event twice: a relay resending)."""
    facts: dict[str, Fact] = {}
    foreign = [e for topic in (hazard_topic, *FOREIGN_TOPICS) for e in topic_events(bootstrap, topic)]
    for envelope in [*foreign, *store_events(engine)]:
        fact = fact_of(envelope)
        if fact is not None:
            facts.setdefault(fact.fact_id, fact)
    return list(facts.values())
