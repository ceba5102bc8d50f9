"""Reading response tasks: an incident's tasks, the open ones of a facility, the incidents with tasks past due."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Connection

from notify.adapters.tables import facilities, incident_tasks
from notify.domain.incident_tasks import CLOSING, Owner


def tasks_of(conn: Connection, incident_id: str) -> list[dict]:
    rows = conn.execute(select(incident_tasks).where(incident_tasks.c.incident_id == incident_id)
                        .order_by(incident_tasks.c.due_at, incident_tasks.c.kind, incident_tasks.c.target_id))
    return [dict(r._mapping) for r in rows]


def incidents_closed_by(conn: Connection, facility_id: str) -> list[str]:
    """Incidents with an open gate or outlet task on `facility_id`."""
    rows = conn.execute(select(incident_tasks.c.incident_id).distinct().where(
        incident_tasks.c.target_id == facility_id, incident_tasks.c.completed_at.is_(None),
        incident_tasks.c.kind.in_(CLOSING)))
    return [r.incident_id for r in rows]


def overdue_incidents(conn: Connection, now: datetime) -> list[str]:
    rows = conn.execute(select(incident_tasks.c.incident_id).distinct().where(
        incident_tasks.c.completed_at.is_(None), incident_tasks.c.escalated_at.is_(None),
        incident_tasks.c.due_at <= now).order_by(incident_tasks.c.incident_id))
    return [r.incident_id for r in rows]


def owner_of(conn: Connection, facility_id: str) -> Owner | None:
    """Who operates or keeps a facility of the risk map, as notify saw it registered."""
    row = conn.execute(select(facilities.c.jurisdiction_code, facilities.c.enterprise_id, facilities.c.park_id)
                       .where(facilities.c.facility_id == facility_id)).first()
    return Owner(row.jurisdiction_code, row.enterprise_id, row.park_id) if row is not None else None


def reach_code(conn: Connection, reach_id: str) -> str | None:
    return conn.execute(select(facilities.c.jurisdiction_code).where(facilities.c.facility_id == reach_id)).scalar()


def reads_closed(conn: Connection, facility_id: str) -> bool:
    """True when the facility's last valve or gate state notify saw is "closed"."""
    return conn.execute(select(facilities.c.state).where(facilities.c.facility_id == facility_id)).scalar() == "closed"
