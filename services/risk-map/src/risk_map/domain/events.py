"""Domain events of the risk map (past tense); the codec maps each to its protobuf message of the same name."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class FacilityRegistered:
    facility_id: str
    kind: str
    name: str
    enterprise_id: str | None
    park_id: str | None
    jurisdiction_code: str
    geometry_geojson: str
    attributes_json: str
    declared_crs: str


@dataclass(frozen=True)
class FacilityUpdated:
    facility_id: str
    kind: str
    name: str
    enterprise_id: str | None
    park_id: str | None
    jurisdiction_code: str
    geometry_geojson: str
    attributes_json: str
    declared_crs: str
    changed_fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class FacilityRetired:
    facility_id: str
    reason: str


@dataclass(frozen=True)
class GateCommandIssued:
    facility_id: str
    command: str
    reason: str
    incident_id: str | None = None


@dataclass(frozen=True)
class DeviceStateChanged:
    facility_id: str
    state: str
    free_volume_m3: float | None
    source: str


@dataclass(frozen=True)
class ParkRegistered:
    park_id: str
    name: str
    jurisdiction_code: str
    geometry_geojson: str
    declared_crs: str


@dataclass(frozen=True)
class ParkUpdated:
    park_id: str
    name: str
    jurisdiction_code: str
    geometry_geojson: str
    declared_crs: str


@dataclass(frozen=True)
class ParkListUpdated:
    park_id: str
    list_kind: str
    updated_on: str
    entry_count: int
    entries_json: str


@dataclass(frozen=True)
class ParkRetired:
    park_id: str
    reason: str


@dataclass(frozen=True)
class RiverPlanVersionPublished:
    plan_id: str
    river_name: str
    version_no: int
    title: str
    actions: tuple[dict, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class IncidentReported:
    incident_id: str
    occurred_at: datetime
    location_geojson: str
    pollutant: str
    volume_m3: float
    level: str
    enterprise_id: str | None
    drill: bool = False  # 演练


@dataclass(frozen=True)
class IncidentCorrelated:
    incident_id: str
    picture_json: str
    contained_in_plant: bool
    first_sensitive_target_id: str | None
    hours_to_first_sensitive_target: float | None
    jurisdiction_code: str | None = None  # 事发地辖区 (None in events recorded before it was kept)
    park_id: str | None = None
    downstream_jurisdiction_codes: tuple[str, ...] = ()
    enterprise_id: str | None = None  # 涉事企业 as correlated (reported, else the site's)


@dataclass(frozen=True)
class PoolShortfallRaised:
    review_id: str
    enterprise_id: str
    jurisdiction_code: str
    park_id: str | None
    required_volume_m3: float
    capacity_m3: float
    shortfall_m3: float
    explanation: str
    note: str
    raised_by_role: str
    computed_at: datetime


@dataclass(frozen=True)
class MapTokenIssued:
    token_id: str
    token_sha256: str
    label: str
    expires_at: datetime
    scope_roles: tuple[str, ...]
    scope_jurisdiction: str | None
    scope_park_id: str | None
    scope_enterprise_id: str | None


@dataclass(frozen=True)
class MapTokenRevoked:
    token_id: str
    reason: str
