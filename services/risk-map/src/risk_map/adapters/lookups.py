"""Small read-model lookups the use cases need: enterprises of the register, parks, facility owners."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection


@dataclass(frozen=True)
class EnterpriseRef:
    enterprise_id: str
    name: str
    park_id: str | None
    jurisdiction_code: str
    risk_level: str | None


def enterprise(conn: Connection, enterprise_id: str) -> EnterpriseRef | None:
    row = conn.execute(text("SELECT enterprise_id, name, park_id, jurisdiction_code, risk_level FROM rm_enterprises "
                            "WHERE enterprise_id = :id"), {"id": enterprise_id}).first()
    return EnterpriseRef(*row) if row else None


def park_jurisdiction(conn: Connection, park_id: str) -> str | None:
    return conn.execute(text("SELECT jurisdiction_code FROM rm_parks WHERE park_id = :id"), {"id": park_id}).scalar()


def stream_type(conn: Connection, stream_id: str) -> str | None:
    """The stream type an id is already used for (ids are unique across parks, facilities, plans, incidents)."""
    return conn.execute(text("SELECT stream_type FROM es_events WHERE stream_id = :id LIMIT 1"), {"id": stream_id}).scalar()


def facility_exists(conn: Connection, facility_id: str) -> bool:
    return stream_type(conn, facility_id) is not None
