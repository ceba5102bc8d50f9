"""The risk map's facility events (ecosafe.risk-map.facility): facilities kept for tasks and the map; gate commands
and device states on the live map."""

from __future__ import annotations

import json
import logging

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from ecosafe.risk_map.v1 import facility_pb2 as fpb
from ecosafe_kit.messaging.envelope import EventEnvelope
from notify.adapters import map_feed
from notify.adapters.map_events import event_name, point_of
from notify.adapters.tables import facilities
from notify.domain.live_map import MapItem

log = logging.getLogger(__name__)

FACILITY_LABELS = {"rain_outlet": "雨水排口", "river_gate": "闸门", "emergency_pool": "事故应急池",
                   "emergency_space": "应急空间", "interception_point": "拦截点"}
_STATE_LABELS = {"open": "开启", "closed": "关闭", "unknown": "状态未知"}
_RISK_MAP = "ecosafe.risk_map.v1."


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
    name = event_name(envelope, _RISK_MAP)
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


def device_reading(envelope: EventEnvelope) -> tuple[str, str] | None:
    """(facility_id, state) of a DeviceStateChanged that reads a valve or gate state; None for anything else."""
    if envelope.event_type != _RISK_MAP + "DeviceStateChanged":
        return None
    message = fpb.DeviceStateChanged.FromString(envelope.payload)
    return (message.facility_id, message.state) if message.state else None
