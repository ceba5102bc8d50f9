"""Projection: a named read model, its handlers per event type, and how to clear it for a rebuild."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.engine import Connection

from ecosafe_kit.eventstore import StoredEvent
from ecosafe_kit.messaging.envelope import EventEnvelope

Handler = Callable[[Connection, EventEnvelope], None]


@dataclass
class Projection:
    """A read model fed by events; `tables` are locked and cleared when it is rebuilt."""

    name: str
    handlers: dict[str, Handler]
    tables: list[str] = field(default_factory=list)
    stream_types: list[str] | None = None

    def apply(self, conn: Connection, envelope: EventEnvelope) -> None:
        handler = self.handlers.get(envelope.event_type)
        if handler is not None:
            handler(conn, envelope)


def apply_stored(conn: Connection, projections: Iterable[Projection], events: Iterable[StoredEvent], source: str) -> None:
    """Apply freshly appended events to the service's own read models in the same transaction."""
    envelopes = [EventEnvelope.from_stored(e, source) for e in events]
    for projection in projections:
        for envelope in envelopes:
            projection.apply(conn, envelope)
