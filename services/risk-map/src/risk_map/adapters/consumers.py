"""Read models of other services' events: the enterprise register and findings (enforcement), open hazards (hazard)."""

from __future__ import annotations

import json
from datetime import timezone

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ecosafe import registry
from ecosafe_kit.messaging.envelope import EventEnvelope
from ecosafe_kit.messaging.topics import event_topic

ENTERPRISE_TOPIC = event_topic("enforcement", "enterprise")
HAZARD_TOPIC = event_topic("hazard", "hazard")
FINDING_TOPIC = event_topic("enforcement", "inspection")
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


ENTERPRISE_STATES = ("ecosafe.enforcement.v1.EnterpriseRegistered", "ecosafe.enforcement.v1.EnterpriseUpdated")


def decode_enterprise_state(envelope: EventEnvelope):
    """The register entry an EnterpriseRegistered / EnterpriseUpdated carries (its full state), else None."""
    if envelope.event_type not in ENTERPRISE_STATES:
        return None
    return registry.message_class(envelope.event_type).FromString(envelope.payload)


def upsert_enterprise(conn: Connection, m, at) -> None:
    """Keep the register entry `m` (EnterpriseRegistered / EnterpriseUpdated) in `rm_enterprises`."""
    has_location = m.HasField("location")
    conn.execute(_UPSERT_ENTERPRISE, {
        "id": m.enterprise_id, "name": m.name, "credit": m.credit_code, "industry": m.industry,
        "risk": _RISK.get(m.risk_level), "park": m.park_id if m.HasField("park_id") else None,
        "jc": m.jurisdiction_code, "address": m.address, "lon": m.location.lon if has_location else None,
        "lat": m.location.lat if has_location else None, "at": at})


DEREGISTERED = "ecosafe.enforcement.v1.EnterpriseDeregistered"
# The first deregistration stands: a replay (or a republished copy) changes nothing.
_DEREGISTER = text("""
UPDATE rm_enterprises SET deregistered_at = COALESCE(deregistered_at, :at),
    deregistered_reason = COALESCE(deregistered_reason, :reason)
WHERE enterprise_id = :id
""")


def mark_deregistered(conn: Connection, envelope: EventEnvelope) -> None:
    """EnterpriseDeregistered: the register row says the enterprise left, when and why; its facilities stay."""
    m = registry.message_class(envelope.event_type).FromString(envelope.payload)
    conn.execute(_DEREGISTER, {"id": m.enterprise_id, "reason": m.reason, "at": envelope.occurred_at})


# The hazard's position is its enterprise's: the registered site if the map has one, else the register's point.
_OPEN_HAZARD = text("""
INSERT INTO rm_hazards (hazard_id, enterprise_id, ledger_no, grade, description, status, geom, updated_at,
                        pool_review_id)
VALUES (:id, :e, :ledger, :grade, :description, 'open',
        COALESCE((SELECT ST_PointOnSurface(geom) FROM rm_facilities WHERE enterprise_id = :e AND kind = 'site' LIMIT 1),
                 (SELECT location FROM rm_enterprises WHERE enterprise_id = :e)), :at, :review)
ON CONFLICT (hazard_id) DO UPDATE SET ledger_no = EXCLUDED.ledger_no, grade = EXCLUDED.grade,
    description = EXCLUDED.description, updated_at = EXCLUDED.updated_at,
    pool_review_id = COALESCE(EXCLUDED.pool_review_id, rm_hazards.pool_review_id)
""")
_GRADES = {1: "general", 2: "major"}
_REGRADE_HAZARD = text("UPDATE rm_hazards SET grade = :grade, updated_at = :at WHERE hazard_id = :id")


class HazardMap:
    """The small interface hazards reach the map through: a hazard opens at an enterprise, later it closes."""

    @staticmethod
    def open(conn: Connection, hazard_id: str, enterprise_id: str, ledger_no: str, grade: str | None,
             description: str, at, pool_review_id: str | None = None) -> None:
        # pool_review_id: the review this hazard was opened from; while the hazard is open the review stands.
        conn.execute(_OPEN_HAZARD, {"id": hazard_id, "e": enterprise_id, "ledger": ledger_no, "grade": grade,
                                    "description": description, "at": at, "review": pool_review_id})

    @staticmethod
    def regrade(conn: Connection, hazard_id: str, grade: str | None, at) -> None:
        conn.execute(_REGRADE_HAZARD, {"id": hazard_id, "grade": grade, "at": at})

    @staticmethod
    def close(conn: Connection, hazard_id: str, at) -> None:
        conn.execute(text("UPDATE rm_hazards SET status = 'closed', updated_at = :at WHERE hazard_id = :id"),
                     {"id": hazard_id, "at": at})


def apply_hazard_event(conn: Connection, envelope: EventEnvelope) -> None:
    """HazardReported opens a hazard at its enterprise's site, HazardRegraded changes its grade, HazardClosed closes
    it; the rest leave the map as is."""
    name = envelope.event_type.rsplit(".", 1)[-1]
    if name not in ("HazardReported", "HazardRegraded", "HazardClosed"):
        return
    m = registry.message_class(envelope.event_type).FromString(envelope.payload)
    if name == "HazardReported":
        HazardMap.open(conn, m.hazard_id, m.enterprise_id, m.ledger_no, _GRADES.get(m.grade), m.description,
                       envelope.occurred_at, m.pool_review_id if m.HasField("pool_review_id") else None)
    elif name == "HazardRegraded":
        HazardMap.regrade(conn, m.hazard_id, _GRADES.get(m.grade), envelope.occurred_at)
    else:
        HazardMap.close(conn, m.hazard_id, envelope.occurred_at)


# Inspection findings (enforcement): the map keeps them per enterprise and shows the recent ones at the site.
FINDING_TYPE = "ecosafe.enforcement.v1.FindingRecorded"
# The proto's known domain codes with the labels people read; subscribers treat an unknown code as "other".
FINDING_DOMAINS = {
    "hazardous_waste": "危险废物", "nuclear_radiation": "核与辐射", "pollution_control": "污染防治设施",
    "explosive_dust": "涉爆粉尘", "voc_recovery": "VOCs回收", "sewage_treatment": "污水处理",
    "rto_incinerator": "RTO焚烧炉", "other": "其他",
}
FINDING_GRADES = {"general": "一般隐患", "major": "重大事故隐患", "unspecified": "待核定"}
_FINDING_GRADES = {1: "general", 2: "major"}

# A finding republished under a new event id (the tracking record does not know it) updates the same row.
_UPSERT_FINDING = text("""
INSERT INTO rm_findings (finding_id, inspection_id, enterprise_id, campaign_id, domain, description, suggested_grade,
                         grade_basis, inspector_ids, found_at, recorded_by, updated_at)
VALUES (:id, :inspection, :e, :campaign, :domain, :description, :grade, :basis, CAST(:inspectors AS jsonb), :found,
        CAST(:by AS jsonb), :at)
ON CONFLICT (finding_id) DO UPDATE SET inspection_id = EXCLUDED.inspection_id, enterprise_id = EXCLUDED.enterprise_id,
    campaign_id = EXCLUDED.campaign_id, domain = EXCLUDED.domain, description = EXCLUDED.description,
    suggested_grade = EXCLUDED.suggested_grade, grade_basis = EXCLUDED.grade_basis,
    inspector_ids = EXCLUDED.inspector_ids, found_at = EXCLUDED.found_at, recorded_by = EXCLUDED.recorded_by,
    updated_at = EXCLUDED.updated_at
""")


def apply_finding_event(conn: Connection, envelope: EventEnvelope) -> None:
    """FindingRecorded → one row per finding; other inspection events are not the map's business."""
    if envelope.event_type != FINDING_TYPE:
        return
    m = registry.message_class(envelope.event_type).FromString(envelope.payload)
    found_at = m.found_at.ToDatetime(tzinfo=timezone.utc) if m.HasField("found_at") else envelope.occurred_at
    conn.execute(_UPSERT_FINDING, {
        "id": m.finding_id, "inspection": m.inspection_id, "e": m.enterprise_id,
        "campaign": m.campaign_id if m.HasField("campaign_id") else None,
        "domain": m.domain if m.domain in FINDING_DOMAINS else "other", "description": m.description,
        "grade": _FINDING_GRADES.get(m.suggested_grade, "unspecified"), "basis": m.grade_basis,
        "inspectors": json.dumps(list(m.inspector_ids)), "found": found_at,
        "by": json.dumps(envelope.signer.as_dict(), ensure_ascii=False), "at": envelope.occurred_at})
