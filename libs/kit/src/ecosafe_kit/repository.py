"""Event-sourced repository: loads aggregates from the store and saves their new events, signed, in one step."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy.engine import Connection

from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import NotFound
from ecosafe_kit.eventstore import EventStore, NewEvent, Signer, StoredEvent, StreamHead

A = TypeVar("A", bound=Aggregate)


class EventCodec(Protocol):
    """Maps a service's domain events to their wire form (protobuf type name and bytes) and back."""

    def encode(self, event: Any) -> tuple[str, bytes]: ...

    def decode(self, event_type: str, payload: bytes) -> Any: ...


class Repository(Generic[A]):
    """Aggregates of one type, stored as streams of one stream type."""

    def __init__(self, store: EventStore, codec: EventCodec, aggregate_type: type[A], stream_type: str,
                 not_found: str = "对象不存在") -> None:
        self.store = store
        self.codec = codec
        self.aggregate_type = aggregate_type
        self.stream_type = stream_type
        self.not_found = not_found

    def _rehydrate(self, aggregate_id: str, stored: list[StoredEvent]) -> A:
        if not stored:
            raise NotFound(f"{self.not_found}: {aggregate_id}", extra={"id": aggregate_id})
        return self.aggregate_type.rehydrate(
            aggregate_id, (self.codec.decode(e.event_type, e.payload) for e in stored))

    def get(self, conn: Connection, aggregate_id: str) -> A:
        stored = self.store.load(conn, aggregate_id)
        aggregate = self._rehydrate(aggregate_id, stored)
        # What `save` appends after, so the store need not read the stream's head again.
        aggregate._stored_head = StreamHead.of(stored)  # type: ignore[attr-defined]
        return aggregate

    def get_as_of(self, conn: Connection, aggregate_id: str, at: datetime) -> A:
        return self._rehydrate(aggregate_id, self.store.load_as_of(conn, aggregate_id, at))

    def save(self, conn: Connection, aggregate: A, signer: Signer, metadata: dict | None = None) -> list[StoredEvent]:
        """Append the aggregate's pending events after the version it was loaded at."""
        new_events = []
        for event in aggregate.pending_events:
            event_type, payload = self.codec.encode(event)
            new_events.append(NewEvent(event_type=event_type, payload=payload, signer=signer,
                                       metadata=dict(metadata or {})))
        head = getattr(aggregate, "_stored_head", None)
        stored = self.store.append(conn, stream_type=self.stream_type, stream_id=aggregate.id,
                                   expected_version=aggregate.version, events=new_events,
                                   head=head if head is not None and head.version == aggregate.version else None)
        aggregate.mark_saved()
        aggregate._stored_head = StreamHead.of(stored) or head  # type: ignore[attr-defined]
        return stored
