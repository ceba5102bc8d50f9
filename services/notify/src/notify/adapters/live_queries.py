"""Where a live stream starts: just before the oldest transaction still running, so no late commit is missed."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ecosafe_kit.eventstore.records import Position

_HORIZON = text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
_LAST_SEQ = 2 ** 62


def start_position(conn: Connection) -> Position:
    """Everything of transactions from the oldest running one on is still to come (a few just committed may be
    sent although they happened just before the stream opened)."""
    return Position(conn.execute(_HORIZON).scalar_one() - 1, _LAST_SEQ)
