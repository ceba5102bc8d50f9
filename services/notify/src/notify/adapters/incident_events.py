"""Incident events of the risk map (ecosafe.risk-map.incident) as routing sees them."""

from __future__ import annotations

import logging
from datetime import timezone

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from ecosafe.risk_map.v1 import incident_pb2 as pb
from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.messaging.envelope import EventEnvelope
from notify.adapters import register
from notify.adapters.map_events import point_of
from notify.adapters.tables import incidents
from notify.domain.times import local_text
from notify.domain.values import EventFacts, Incoming

log = logging.getLogger(__name__)

_LEVELS = {pb.INCIDENT_LEVEL_GENERAL: "一般", pb.INCIDENT_LEVEL_LARGER: "较大", pb.INCIDENT_LEVEL_MAJOR: "重大",
           pb.INCIDENT_LEVEL_EXTRAORDINARY: "特别重大"}
REPORTED = "ecosafe.risk_map.v1.IncidentReported"
CORRELATED = "ecosafe.risk_map.v1.IncidentCorrelated"


def _reported(conn: Connection, envelope: EventEnvelope) -> Incoming | None:
    m = pb.IncidentReported.FromString(envelope.payload)
    enterprise = register.find(conn, m.enterprise_id if m.HasField("enterprise_id") else None)
    # Where it happened: the register's jurisdiction of the enterprise involved, else the reporting officer's.
    code = enterprise.jurisdiction_code if enterprise else envelope.signer.jurisdiction
    if not jurisdiction.is_valid_code(code):
        log.warning("incident %s has no jurisdiction (no known enterprise, signer without one); not routed",
                    m.incident_id)
        return None
    level = _LEVELS.get(m.level, "未定级")
    lon, lat = point_of(m.location_geojson)
    conn.execute(insert(incidents).values(lon=lon, lat=lat,
        incident_id=m.incident_id, jurisdiction_code=code, enterprise_id=enterprise.enterprise_id if enterprise else None,
        park_id=enterprise.park_id if enterprise else None, pollutant=m.pollutant, level=level, drill=m.drill,
        reported_by=envelope.signer.subject).on_conflict_do_nothing(index_elements=["incident_id"]))
    details = [f"事件级别: {level}突发环境事件", f"污染物: {m.pollutant}, 估计泄漏量 {m.volume_m3:g} 立方米"]
    if m.HasField("occurred_at"):
        details.insert(0, f"事发时间: {local_text(m.occurred_at.ToDatetime(tzinfo=timezone.utc))}")
    facts = EventFacts(event_type="incident.reported", jurisdiction_code=code,
                       park_id=enterprise.park_id if enterprise else None,
                       enterprise_id=enterprise.enterprise_id if enterprise else None,
                       party_users={"reporter": envelope.signer.subject})
    place = f"{enterprise.name} (辖区 {code})" if enterprise else f"辖区 {code}"
    return Incoming(facts=facts, subject_id=m.incident_id, record_kind="incident", subject=f"{m.pollutant}泄漏事件",
                    place=place, details=tuple(details), drill=m.drill)


def _correlated(conn: Connection, envelope: EventEnvelope) -> Incoming | None:
    m = pb.IncidentCorrelated.FromString(envelope.payload)
    row = conn.execute(select(incidents).where(incidents.c.incident_id == m.incident_id)).first()
    if row is None:
        return None  # its report was not routed (no jurisdiction), so neither is its analysis
    details = ["厂内可控: " + ("是, 厂内应急池和关闭的排口可容纳泄漏量" if m.contained_in_plant else "否, 须启动厂外防线")]
    if m.HasField("hours_to_first_sensitive_target"):
        details.append(f"预计 {m.hours_to_first_sensitive_target:.1f} 小时到达下游首个敏感目标")
    enterprise = register.find(conn, row.enterprise_id)
    facts = EventFacts(event_type="incident.correlated", jurisdiction_code=row.jurisdiction_code,
                       park_id=row.park_id, enterprise_id=row.enterprise_id,
                       party_users={"reporter": row.reported_by})
    place = f"{enterprise.name} (辖区 {row.jurisdiction_code})" if enterprise else f"辖区 {row.jurisdiction_code}"
    return Incoming(facts=facts, subject_id=row.incident_id, record_kind="incident",
                    subject=f"{row.pollutant}泄漏事件", place=place, details=tuple(details), drill=row.drill)


def incoming(conn: Connection, envelope: EventEnvelope) -> Incoming | None:
    if envelope.event_type == REPORTED:
        return _reported(conn, envelope)
    if envelope.event_type == CORRELATED:
        return _correlated(conn, envelope)
    return None
