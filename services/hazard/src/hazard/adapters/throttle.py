"""A fixed-window rate limit kept in PostgreSQL, so it holds across every replica of the service."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import text
from sqlalchemy.engine import Connection

_HIT = text(
    "INSERT INTO hazard_report_throttle (client_key, window_start, attempts) VALUES (:key, :window, 1) "
    "ON CONFLICT (client_key, window_start) DO UPDATE SET attempts = hazard_report_throttle.attempts + 1 "
    "RETURNING attempts"
)
_FORGET = text("DELETE FROM hazard_report_throttle WHERE window_start < :before")


def window_start(now: datetime, window_seconds: int) -> datetime:
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % window_seconds, tz=now.tzinfo)


def hit(conn: Connection, client_key: str, now: datetime, window_seconds: int) -> int:
    """Count one attempt of `client_key` in the current window; returns the attempts so far in it."""
    window = window_start(now, window_seconds)
    conn.execute(_FORGET, {"before": window - timedelta(seconds=window_seconds)})
    return conn.execute(_HIT, {"key": client_key, "window": window}).scalar_one()
