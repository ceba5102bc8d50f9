"""The other services' events as items of the live map feed; keeps the facilities and cases the items need."""

from __future__ import annotations

import json
import logging

from shapely.geometry import shape
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from ecosafe.enforcement.v1 import case_pb2
from ecosafe.hazard.v1 import hazard_pb2
from ecosafe.risk_map.v1 import facility_pb2 as fpb, incident_pb2 as ipb
from ecosafe_kit.messaging.envelope import EventEnvelope
from notify.adapters import map_feed, register
from notify.adapters.tables import cases, facilities, hazards, incidents
from notify.domain.live_map import MapItem

log = logging.getLogger(__name__)

_HAZARD_EVENTS = {"HazardReported": ("隐患上报", "reported"), "HazardAssigned": ("隐患交办", "assigned"),
                  "HazardOverdue": ("隐患逾期未整改", None), "HazardListed": ("隐患挂牌督办", None),
                  "VerificationFailed": ("隐患督查未通过", "rectifying"), "HazardClosed": ("隐患销号", "closed")}
_CASE_EVENTS = {"CaseOpened": "立案", "PenaltyImposed": "行政处罚", "CaseReferred": "移送司法机关",
                "SuspensionOrdered": "责令停产整治", "ClosureProposed": "提请关闭", "AdmonitionHeld": "约谈",
                "CaseExposed": "曝光", "JointPunishmentDecided": "联合惩戒", "TypicalCasePublished": "典型案例发布",
                "TransferSent": "移交", "TransferReceived": "移交回执", "CaseClosed": "结案"}
_LEVELS = {ipb.INCIDENT_LEVEL_GENERAL: "一般", ipb.INCIDENT_LEVEL_LARGER: "较大", ipb.INCIDENT_LEVEL_MAJOR: "重大",
           ipb.INCIDENT_LEVEL_EXTRAORDINARY: "特别重大"}
FACILITY_LABELS = {"rain_outlet": "雨水排口", "river_gate": "闸门", "emergency_pool": "事故应急池",
                   "emergency_space": "应急空间", "interception_point": "拦截点"}
_STATE_LABELS = {"open": "开启", "closed": "关闭", "unknown": "状态未知"}
_RISK_MAP, _HAZARD, _CASE = "ecosafe.risk_map.v1.", "ecosafe.hazard.v1.", "ecosafe.enforcement.v1."


def point_of(geojson: str) -> tuple[float | None, float | None]:
    """A point of a GeoJSON geometry for a marker (the point itself, else one inside it); (None, None) if unreadable."""
    try:
        geometry = shape(json.loads(geojson))
        point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
        return float(point.x), float(point.y)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None, None


def _name(envelope: EventEnvelope, prefix: str) -> str | None:
    return envelope.event_type.removeprefix(prefix) if envelope.event_type.startswith(prefix) else None


def hazard_item(conn: Connection, envelope: EventEnvelope) -> MapItem | None:
    """After routing kept the hazard's facts (nt_hazards): where it is, by its enterprise's registered location."""
    name = _name(envelope, _HAZARD)
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
    name = _name(envelope, _RISK_MAP)
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


def _keep_facility(conn: Connection, envelope: EventEnvelope, message) -> None:
    lon, lat = point_of(message.geometry_geojson)
    try:
        attributes = json.loads(message.attributes_json or "{}")
    except ValueError:
        attributes = {}
    kind = fpb.FacilityKind.Name(message.kind).removeprefix("FACILITY_KIND_").lower()
    state = attributes.get("valve_state") or attributes.get("gate_state")
    row = {"kind": kind, "name": message.name, "jurisdiction_code": message.jurisdiction_code,
           "enterprise_id": message.enterprise_id if message.HasField("enterprise_id") else None,
           "park_id": message.park_id if message.HasField("park_id") else None, "lon": lon, "lat": lat,
           "attributes": attributes, "state": state, "retired": False, "version": envelope.version}
    statement = insert(facilities).values(facility_id=message.facility_id, **row)
    conn.execute(statement.on_conflict_do_update(index_elements=["facility_id"], set_=row,
                                                 where=facilities.c.version < statement.excluded.version))


def _device_item(row, envelope: EventEnvelope, name: str, state: str | None, urgent: bool, title: str) -> MapItem:
    return MapItem(kind="device", aggregate_id=row.facility_id, event=name, urgent=urgent, title=title,
                   jurisdiction_code=row.jurisdiction_code, occurred_at=envelope.occurred_at,
                   enterprise_id=row.enterprise_id, park_id=row.park_id, lon=row.lon, lat=row.lat, state=state)


def handle_facility_event(conn: Connection, envelope: EventEnvelope) -> None:
    """Consumer handler (ecosafe.risk-map.facility): keep the facilities; commands and device states go on the map."""
    name = _name(envelope, _RISK_MAP)
    if name in ("FacilityRegistered", "FacilityUpdated"):
        _keep_facility(conn, envelope, getattr(fpb, name).FromString(envelope.payload))
        return
    if name == "FacilityRetired":
        m = fpb.FacilityRetired.FromString(envelope.payload)
        conn.execute(update(facilities).where(facilities.c.facility_id == m.facility_id).values(retired=True))
        return
    if name not in ("GateCommandIssued", "DeviceStateChanged"):
        return
    message = getattr(fpb, name).FromString(envelope.payload)
    row = conn.execute(select(facilities).where(facilities.c.facility_id == message.facility_id)
                       .with_for_update()).first()
    if row is None:
        log.warning("%s for facility %s, which notify has not seen registered; not on the live map",
                    name, message.facility_id)
        return
    label = f"{FACILITY_LABELS.get(row.kind, '设施')} {row.name}"
    if name == "GateCommandIssued":
        closing = message.command == "close"
        conn.execute(update(facilities).where(facilities.c.facility_id == row.facility_id)
                     .values(close_commanded_at=envelope.occurred_at if closing else None))
        item = _device_item(row, envelope, name, row.state, False,
                            f"{label}: 已下达{'关闭' if closing else '开启'}指令")
    else:
        state = message.state or None
        failing = row.close_commanded_at is not None and state in ("open", "unknown")
        values = {"state": state} if state else {}
        if state == "closed":
            values["close_commanded_at"] = None
        if values:
            conn.execute(update(facilities).where(facilities.c.facility_id == row.facility_id).values(**values))
        if state:
            words = f"关闭指令下达后仍为{_STATE_LABELS[state]}" if failing else _STATE_LABELS.get(state, state)
        else:
            words = (f"剩余容积 {message.free_volume_m3:g} 立方米" if message.HasField("free_volume_m3")
                     else "状态更新")
        item = _device_item(row, envelope, name, state, failing, f"{label}: {words}")
    map_feed.add(conn, str(envelope.event_id), item)


def handle_case_event(conn: Connection, envelope: EventEnvelope) -> None:
    """Consumer handler (ecosafe.enforcement.case): every case event on the map at its enterprise's location."""
    name = _name(envelope, _CASE)
    if name not in _CASE_EVENTS:
        return
    message = getattr(case_pb2, name).FromString(envelope.payload)
    if name == "CaseOpened":
        conn.execute(insert(cases).values(case_id=message.case_id, enterprise_id=message.enterprise_id,
                                          enterprise_name=message.enterprise_name,
                                          jurisdiction_code=message.jurisdiction_code)
                     .on_conflict_do_nothing(index_elements=["case_id"]))
    row = conn.execute(select(cases).where(cases.c.case_id == message.case_id)).first()
    if row is None:
        log.warning("%s for case %s, opened before notify read the cases; not on the live map", name, message.case_id)
        return
    enterprise = register.find(conn, row.enterprise_id)
    map_feed.add(conn, str(envelope.event_id), MapItem(
        kind="case", aggregate_id=row.case_id, event=name, urgent=False,
        title=f"{_CASE_EVENTS[name]}: {row.enterprise_name}", jurisdiction_code=row.jurisdiction_code,
        occurred_at=envelope.occurred_at, enterprise_id=row.enterprise_id,
        park_id=enterprise.park_id if enterprise else None, lon=enterprise.lon if enterprise else None,
        lat=enterprise.lat if enterprise else None, state="closed" if name == "CaseClosed" else "open"))


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
