"""Facility aggregate: one element of the risk map (site, line of defence, river feature, resource)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ecosafe_kit.domain import Aggregate
from risk_map.domain.errors import Conflict, invalid
from risk_map.domain.events import (DeviceStateChanged, FacilityRegistered, FacilityRetired, FacilityUpdated,
                                    GateCommandIssued)
from risk_map.domain.kinds import COMMANDABLE, RULES, VALVE_STATES, FacilityKind


@dataclass(frozen=True)
class FacilityData:
    """What a registration or an update states, already validated (geometry in EPSG:4326)."""

    kind: FacilityKind
    name: str
    enterprise_id: str | None
    park_id: str | None
    jurisdiction_code: str
    geometry_geojson: str
    attributes: dict
    declared_crs: str


def _dump(attributes: dict) -> str:
    return json.dumps(attributes, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Facility(Aggregate):
    def _init_state(self) -> None:
        self.kind: FacilityKind | None = None
        self.name = ""
        self.enterprise_id: str | None = None
        self.park_id: str | None = None
        self.jurisdiction_code = ""
        self.geometry_geojson = ""
        self.attributes: dict = {}
        self.declared_crs = "EPSG:4326"
        self.retired = False

    @classmethod
    def register(cls, facility_id: str, data: FacilityData) -> Facility:
        if not data.name.strip():
            raise invalid("properties.name", "名称不能为空")
        facility = cls(facility_id)
        facility._init_state()
        facility._record(FacilityRegistered(
            facility_id=facility_id, kind=data.kind.value, name=data.name.strip(), enterprise_id=data.enterprise_id,
            park_id=data.park_id, jurisdiction_code=data.jurisdiction_code, geometry_geojson=data.geometry_geojson,
            attributes_json=_dump(data.attributes), declared_crs=data.declared_crs))
        return facility

    def update(self, data: FacilityData) -> bool:
        """Record the new state if anything changed; returns whether an event was recorded."""
        self._ensure_active()
        if data.kind != self.kind:
            raise invalid("properties.kind", f"设施类别不能变更 (当前为 {RULES[self.kind].label})")
        changed = [name for name, old, new in (
            ("name", self.name, data.name.strip()), ("enterprise_id", self.enterprise_id, data.enterprise_id),
            ("park_id", self.park_id, data.park_id), ("jurisdiction_code", self.jurisdiction_code, data.jurisdiction_code),
            ("geometry_geojson", self.geometry_geojson, data.geometry_geojson)) if old != new]
        keys = sorted(set(self.attributes) | set(data.attributes))
        changed += [f"attributes.{k}" for k in keys if self.attributes.get(k) != data.attributes.get(k)]
        if not changed:
            return False
        self._record(FacilityUpdated(
            facility_id=self.id, kind=data.kind.value, name=data.name.strip(), enterprise_id=data.enterprise_id,
            park_id=data.park_id, jurisdiction_code=data.jurisdiction_code, geometry_geojson=data.geometry_geojson,
            attributes_json=_dump(data.attributes), declared_crs=data.declared_crs, changed_fields=tuple(changed)))
        return True

    def retire(self, reason: str) -> None:
        self._ensure_active()
        self._record(FacilityRetired(self.id, reason))

    def issue_command(self, command: str, reason: str, incident_id: str | None) -> None:
        """一键启闭: order the valve or gate to open or close."""
        self._ensure_active()
        if self.kind not in COMMANDABLE:
            raise Conflict(f"{RULES[self.kind].label}没有可启闭的阀门或闸门")
        if command not in ("close", "open"):
            raise invalid("command", "指令须为 close (关闭) 或 open (开启)")
        self._record(GateCommandIssued(self.id, command, reason, incident_id))

    def report_state(self, state: str | None, free_volume_m3: float | None, source: str) -> None:
        """A reading from the device or a person: valve/gate state, or a pool's free volume."""
        self._ensure_active()
        if state is not None:
            if self.kind not in COMMANDABLE:
                raise invalid("state", f"{RULES[self.kind].label}没有阀门或闸门状态")
            if state not in VALVE_STATES:
                raise invalid("state", "状态须为 open (开启)、closed (关闭) 或 unknown (未知)")
        if free_volume_m3 is not None:
            if self.kind != FacilityKind.emergency_pool:
                raise invalid("free_volume_m3", "只有事故应急池有剩余容积")
            if free_volume_m3 < 0 or free_volume_m3 > self.attributes.get("capacity_m3", 0):
                raise invalid("free_volume_m3", f"剩余容积须在 0 与设计容积 {self.attributes.get('capacity_m3')} m³ 之间")
        if state is None and free_volume_m3 is None:
            raise invalid("state", "须给出阀门/闸门状态或应急池剩余容积")
        self._record(DeviceStateChanged(self.id, state or "", free_volume_m3, source))

    @property
    def pending_command(self) -> str | None:
        return self.attributes.get("pending_command")

    def _ensure_active(self) -> None:
        if self.retired:
            raise Conflict(f"设施 {self.id} 已注销")

    # --- state ---------------------------------------------------------------------------------------
    def _set(self, event) -> None:
        self.kind = FacilityKind(event.kind)
        self.name = event.name
        self.enterprise_id = event.enterprise_id
        self.park_id = event.park_id
        self.jurisdiction_code = event.jurisdiction_code
        self.geometry_geojson = event.geometry_geojson
        pending = self.attributes.get("pending_command")
        self.attributes = json.loads(event.attributes_json)
        if pending:
            self.attributes["pending_command"] = pending
        self.declared_crs = event.declared_crs

    def apply_FacilityRegistered(self, event: FacilityRegistered) -> None:
        self._set(event)

    def apply_FacilityUpdated(self, event: FacilityUpdated) -> None:
        self._set(event)

    def apply_FacilityRetired(self, event: FacilityRetired) -> None:
        self.retired = True

    def apply_GateCommandIssued(self, event: GateCommandIssued) -> None:
        self.attributes["pending_command"] = event.command

    def apply_DeviceStateChanged(self, event: DeviceStateChanged) -> None:
        if event.state:
            key = "valve_state" if self.kind == FacilityKind.rain_outlet else "gate_state"
            self.attributes[key] = event.state
            wanted = {"close": "closed", "open": "open"}.get(self.attributes.get("pending_command") or "")
            if wanted == event.state:
                self.attributes.pop("pending_command", None)
        if event.free_volume_m3 is not None:
            self.attributes["free_volume_m3"] = event.free_volume_m3
