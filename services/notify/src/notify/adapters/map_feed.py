"""The live map feed table (nt_map_feed): items written in their event's transaction, read in global-log order."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from ecosafe_kit.eventstore.records import Position
from notify.adapters.tables import map_feed
from notify.domain.live_map import MapItem

# As the event store's read_after: only rows of transactions older than every one still running, so a transaction
# that commits late never lands before a position a reader has already passed.
_READ_AFTER = text(
    "SELECT tx_id::text AS tx, seq, kind, aggregate_id, event, title, urgent, jurisdiction_code, also_jurisdictions, "
    "enterprise_id, park_id, lon, lat, state, occurred_at FROM nt_map_feed "
    "WHERE (tx_id, seq) > (CAST(:tx_id AS xid8), :seq) AND tx_id < pg_snapshot_xmin(pg_current_snapshot()) "
    "ORDER BY tx_id, seq LIMIT :limit")


def add(conn: Connection, source_event_id: str, item: MapItem) -> None:
    """One item per source event: a redelivered event adds nothing."""
    conn.execute(insert(map_feed).values(
        source_event_id=source_event_id, kind=item.kind, aggregate_id=item.aggregate_id, event=item.event,
        title=item.title, urgent=item.urgent, jurisdiction_code=item.jurisdiction_code,
        also_jurisdictions=list(item.also_jurisdictions), enterprise_id=item.enterprise_id, park_id=item.park_id,
        lon=item.lon, lat=item.lat, state=item.state, occurred_at=item.occurred_at,
    ).on_conflict_do_nothing(index_elements=["source_event_id"]))


def read_after(conn: Connection, position: Position, limit: int) -> list[tuple[Position, MapItem]]:
    rows = conn.execute(_READ_AFTER, {"tx_id": str(position.tx_id), "seq": position.seq, "limit": limit})
    return [(Position(int(r.tx), r.seq), MapItem(
        kind=r.kind, aggregate_id=r.aggregate_id, event=r.event, title=r.title, urgent=r.urgent,
        jurisdiction_code=r.jurisdiction_code, occurred_at=r.occurred_at, enterprise_id=r.enterprise_id,
        park_id=r.park_id, lon=r.lon, lat=r.lat, state=r.state, also_jurisdictions=tuple(r.also_jurisdictions)))
        for r in rows]
