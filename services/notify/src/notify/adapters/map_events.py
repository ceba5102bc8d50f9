"""Hazard and incident events as items of the live map feed, and where a notification's subject lies."""

from __future__ import annotations

import json

from shapely.geometry import shape
from sqlalchemy import select
from sqlalchemy.engine import Connection

from ecosafe.hazard.v1 import hazard_pb2
from ecosafe.risk_map.v1 import incident_pb2 as ipb
from ecosafe_kit.messaging.envelope import EventEnvelope
from notify.adapters import register
from notify.adapters.tables import hazards, incidents
from notify.domain.live_map import MapItem

_HAZARD_EVENTS = {"HazardReported": ("隐患上报", "reported"), "HazardAssigned": ("隐患交办", "assigned"),
                  "HazardOverdue": ("隐患逾期未整改", None), "HazardListed": ("隐患挂牌督办", None),
                  "VerificationFailed": ("隐患督查未通过", "rectifying"), "HazardClosed": ("隐患销号", "closed")}
_LEVELS = {ipb.INCIDENT_LEVEL_GENERAL: "一般", ipb.INCIDENT_LEVEL_LARGER: "较大", ipb.INCIDENT_LEVEL_MAJOR: "重大",
           ipb.INCIDENT_LEVEL_EXTRAORDINARY: "特别重大"}
_RISK_MAP, _HAZARD = "ecosafe.risk_map.v1.", "ecosafe.hazard.v1."


def point_of(geojson: str) -> tuple[float | None, float | None]:
    """A point of a GeoJSON geometry for a marker (the point itself, else one inside it); (None, None) if unreadable."""
    try:
        geometry = shape(json.loads(geojson))
        point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
        return float(point.x), float(point.y)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None, None


def event_name(envelope: EventEnvelope, prefix: str) -> str | None:
    """The message name of an event of the package `prefix` (e.g. "HazardReported"), else None."""
    return envelope.event_type.removeprefix(prefix) if envelope.event_type.startswith(prefix) else None


def hazard_item(conn: Connection, envelope: EventEnvelope) -> MapItem | None:
    """After routing kept the hazard's facts (nt_hazards): where it is, by its enterprise's registered location."""
    name = event_name(envelope, _HAZARD)
    if name not in _HAZARD_EVENTS:
        return None
    hazard_id = getattr(hazard_pb2, name).FromString(envelope.payload).hazard_id
    row = conn.execute(select(hazards).where(hazards.c.hazard_id == hazard_id)).first()
    if row is None:
        return None  # reported before notify ran: nothing to place it by
    label, state = _HAZARD_EVENTS[name]
    enterprise = register.find(conn, row.enterprise_id)
    major = row.grade == "major"
    return MapItem(kind="hazard", aggregate_id=hazard_id, event=name, urgent=major and name != "HazardClosed",
                   title=f"{label}: {row.enterprise_name} {'重大' if major else '一般'}隐患 {row.ledger_no}",
                   jurisdiction_code=row.jurisdiction_code, occurred_at=envelope.occurred_at,
                   enterprise_id=row.enterprise_id, park_id=enterprise.park_id if enterprise else None,
                   lon=enterprise.lon if enterprise else None, lat=enterprise.lat if enterprise else None, state=state)


def incident_item(conn: Connection, envelope: EventEnvelope) -> MapItem | None:
    """After routing kept the incident (nt_incidents, with its point); an incident it could not place is left out."""
    name = event_name(envelope, _RISK_MAP)
    if name not in ("IncidentReported", "IncidentCorrelated"):
        return None
    message = getattr(ipb, name).FromString(envelope.payload)
    row = conn.execute(select(incidents).where(incidents.c.incident_id == message.incident_id)).first()
    if row is None:
        return None
    drill = "【演练】" if row.drill else ""
    if name == "IncidentReported":
        return MapItem(kind="incident", aggregate_id=row.incident_id, event=name, urgent=not row.drill,
                       title=f"{drill}突发环境事件: {row.pollutant}泄漏 ({row.level})",
                       jurisdiction_code=row.jurisdiction_code, occurred_at=envelope.occurred_at,
                       enterprise_id=row.enterprise_id, park_id=row.park_id, lon=row.lon, lat=row.lat,
                       state="reported")
    hours = (f", 预计 {message.hours_to_first_sensitive_target:.1f} 小时到达下游首个敏感目标"
             if message.HasField("hours_to_first_sensitive_target") else "")
    return MapItem(kind="incident", aggregate_id=row.incident_id, event=name, urgent=False,
                   title=f"{drill}{row.pollutant}泄漏事件关联分析完成{hours}",
                   jurisdiction_code=(message.jurisdiction_code if message.HasField("jurisdiction_code")
                                      else row.jurisdiction_code),
                   occurred_at=envelope.occurred_at,
                   enterprise_id=message.enterprise_id if message.HasField("enterprise_id") else row.enterprise_id,
                   park_id=message.park_id if message.HasField("park_id") else row.park_id, lon=row.lon, lat=row.lat,
                   state="contained" if message.contained_in_plant else "spreading",
                   also_jurisdictions=tuple(message.downstream_jurisdiction_codes))


def place_of_subject(conn: Connection, subject_id: str) -> tuple[str | None, str | None, float | None, float | None]:
    """Enterprise, park, lon, lat of what a notification is about (a hazard's enterprise, an incident's point)."""
    incident = conn.execute(select(incidents).where(incidents.c.incident_id == subject_id)).first()
    if incident is not None:
        return incident.enterprise_id, incident.park_id, incident.lon, incident.lat
    hazard = conn.execute(select(hazards.c.enterprise_id).where(hazards.c.hazard_id == subject_id)).first()
    enterprise = register.find(conn, hazard.enterprise_id) if hazard else None
    if enterprise is not None:
        return enterprise.enterprise_id, enterprise.park_id, enterprise.lon, enterprise.lat
    return None, None, None, None
