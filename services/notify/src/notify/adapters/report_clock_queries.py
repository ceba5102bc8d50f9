"""Reading report clocks: an incident's clocks, the incidents whose clocks are near or past their deadline."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Connection

from notify.adapters.tables import incidents, report_clocks
from notify.domain.report_clocks import STAGES

_ORDER = list(STAGES)


def incident(conn: Connection, incident_id: str) -> dict | None:
    """The incident as routing placed it (jurisdiction, level, drill), if it was placed."""
    row = conn.execute(select(incidents).where(incidents.c.incident_id == incident_id)).first()
    return dict(row._mapping) if row is not None else None


def clocks_of(conn: Connection, incident_id: str) -> list[dict]:
    rows = conn.execute(select(report_clocks).where(report_clocks.c.incident_id == incident_id))
    return sorted((dict(r._mapping) for r in rows), key=lambda r: _ORDER.index(r["stage"]))


def due_incidents(conn: Connection, until: datetime) -> list[str]:
    """Incidents with a clock still running whose deadline (or reminder time) falls before `until`."""
    rows = conn.execute(select(report_clocks.c.incident_id).distinct().where(
        report_clocks.c.submitted_at.is_(None), report_clocks.c.missed_at.is_(None), report_clocks.c.due_at <= until)
        .order_by(report_clocks.c.incident_id))
    return [r.incident_id for r in rows]
