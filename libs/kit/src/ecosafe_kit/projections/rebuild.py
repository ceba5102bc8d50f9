"""Rebuild a projection by replaying the service's own event store in global order, with a progress bar."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine
from tqdm import tqdm

from ecosafe_kit.eventstore import EventStore, Position
from ecosafe_kit.messaging.envelope import EventEnvelope, source_for
from ecosafe_kit.projections.projection import Projection

_COUNT = text("SELECT count(*) FROM es_events WHERE CAST(:types AS text[]) IS NULL OR stream_type = ANY(CAST(:types AS text[]))")


def rebuild(engine: Engine, projection: Projection, service: str, *, batch_size: int = 1000,
            progress: bool = True) -> int:
    """Clear and replay `projection` in one transaction; returns how many events were replayed.

    The read model's tables are locked first, so writers that would update it wait until the rebuild
    commits, then apply their own events on top; every event committed before the lock is replayed.
    """
    store = EventStore(engine)
    source = source_for(service)
    replayed = 0
    with engine.begin() as conn:
        for table in projection.tables:
            # Identifier quoting by the dialect: table names come from code, never from input.
            quoted = conn.dialect.identifier_preparer.quote_identifier(table)
            conn.execute(text("LOCK TABLE " + quoted + " IN ACCESS EXCLUSIVE MODE"))
            conn.execute(text("DELETE FROM " + quoted))
        total = conn.execute(_COUNT, {"types": projection.stream_types}).scalar_one()
        position = Position()
        with tqdm(total=total, desc=f"重建投影 {projection.name}", unit="事件", disable=not progress) as bar:
            while True:
                events = store.read_after(conn, position, limit=batch_size, stream_types=projection.stream_types,
                                          horizon=False)
                if not events:
                    break
                for event in events:
                    projection.apply(conn, EventEnvelope.from_stored(event, source))
                replayed += len(events)
                bar.update(len(events))
                position = events[-1].position
    return replayed
