"""Read models of other services' events: the enterprise register (enforcement) and open hazards (hazard)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ecosafe import registry
from ecosafe_kit.messaging.envelope import EventEnvelope
from ecosafe_kit.messaging.topics import event_topic

ENTERPRISE_TOPIC = event_topic("enforcement", "enterprise")
HAZARD_TOPIC = event_topic("hazard", "hazard")
_RISK = {1: "general", 2: "elevated", 3: "major"}

_UPSERT_ENTERPRISE = text("""
INSERT INTO rm_enterprises (enterprise_id, name, credit_code, industry, risk_level, park_id, jurisdiction_code,
                            address, location, updated_at)
VALUES (:id, :name, :credit, :industry, :risk, :park, :jc, :address,
        CASE WHEN :lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) END, :at)
ON CONFLICT (enterprise_id) DO UPDATE SET name = EXCLUDED.name, credit_code = EXCLUDED.credit_code,
    industry = EXCLUDED.industry, risk_level = EXCLUDED.risk_level, park_id = EXCLUDED.park_id,
    jurisdiction_code = EXCLUDED.jurisdiction_code, address = EXCLUDED.address, location = EXCLUDED.location,
    updated_at = EXCLUDED.updated_at
""")


def apply_enterprise_event(conn: Connection, envelope: EventEnvelope) -> None:
    """EnterpriseRegistered / EnterpriseUpdated carry the full state: upsert it."""
    if envelope.event_type not in ("ecosafe.enforcement.v1.EnterpriseRegistered",
                                   "ecosafe.enforcement.v1.EnterpriseUpdated"):
        return  # other register events are not the map's business
    m = registry.message_class(envelope.event_type).FromString(envelope.payload)
    has_location = m.HasField("location")
    conn.execute(_UPSERT_ENTERPRISE, {
        "id": m.enterprise_id, "name": m.name, "credit": m.credit_code, "industry": m.industry,
        "risk": _RISK.get(m.risk_level), "park": m.park_id if m.HasField("park_id") else None,
        "jc": m.jurisdiction_code, "address": m.address, "lon": m.location.lon if has_location else None,
        "lat": m.location.lat if has_location else None, "at": envelope.occurred_at})


# The hazard's position is its enterprise's: the registered site if the map has one, else the register's point.
_OPEN_HAZARD = text("""
INSERT INTO rm_hazards (hazard_id, enterprise_id, ledger_no, grade, description, status, geom, updated_at)
VALUES (:id, :e, :ledger, :grade, :description, 'open',
        COALESCE((SELECT ST_PointOnSurface(geom) FROM rm_facilities WHERE enterprise_id = :e AND kind = 'site' LIMIT 1),
                 (SELECT location FROM rm_enterprises WHERE enterprise_id = :e)), :at)
ON CONFLICT (hazard_id) DO UPDATE SET ledger_no = EXCLUDED.ledger_no, grade = EXCLUDED.grade,
    description = EXCLUDED.description, updated_at = EXCLUDED.updated_at
""")
_GRADES = {1: "general", 2: "major"}


class HazardMap:
    """The small interface hazards reach the map through: a hazard opens at an enterprise, later it closes."""

    @staticmethod
    def open(conn: Connection, hazard_id: str, enterprise_id: str, ledger_no: str, grade: str | None,
             description: str, at) -> None:
        conn.execute(_OPEN_HAZARD, {"id": hazard_id, "e": enterprise_id, "ledger": ledger_no, "grade": grade,
                                    "description": description, "at": at})

    @staticmethod
    def close(conn: Connection, hazard_id: str, at) -> None:
        conn.execute(text("UPDATE rm_hazards SET status = 'closed', updated_at = :at WHERE hazard_id = :id"),
                     {"id": hazard_id, "at": at})


def apply_hazard_event(conn: Connection, envelope: EventEnvelope) -> None:
    """HazardReported opens a hazard at its enterprise's site; HazardClosed closes it; the rest leave the map as is."""
    name = envelope.event_type.rsplit(".", 1)[-1]
    if name not in ("HazardReported", "HazardClosed"):
        return
    m = registry.message_class(envelope.event_type).FromString(envelope.payload)
    if name == "HazardReported":
        HazardMap.open(conn, m.hazard_id, m.enterprise_id, m.ledger_no, _GRADES.get(m.grade), m.description,
                       envelope.occurred_at)
    else:
        HazardMap.close(conn, m.hazard_id, envelope.occurred_at)
