from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class FacilityKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FACILITY_KIND_UNSPECIFIED: _ClassVar[FacilityKind]
    FACILITY_KIND_SITE: _ClassVar[FacilityKind]
    FACILITY_KIND_RISK_UNIT: _ClassVar[FacilityKind]
    FACILITY_KIND_DRAIN_PIPE: _ClassVar[FacilityKind]
    FACILITY_KIND_EMERGENCY_POOL: _ClassVar[FacilityKind]
    FACILITY_KIND_RAIN_OUTLET: _ClassVar[FacilityKind]
    FACILITY_KIND_RIVER_REACH: _ClassVar[FacilityKind]
    FACILITY_KIND_RIVER_GATE: _ClassVar[FacilityKind]
    FACILITY_KIND_INTERCEPTION_POINT: _ClassVar[FacilityKind]
    FACILITY_KIND_MONITORING_SECTION: _ClassVar[FacilityKind]
    FACILITY_KIND_SENSITIVE_TARGET: _ClassVar[FacilityKind]
    FACILITY_KIND_EMERGENCY_SPACE: _ClassVar[FacilityKind]
    FACILITY_KIND_MATERIAL_DEPOT: _ClassVar[FacilityKind]
    FACILITY_KIND_RESPONSE_TEAM: _ClassVar[FacilityKind]
    FACILITY_KIND_PARK_RAIN_PIPE: _ClassVar[FacilityKind]
FACILITY_KIND_UNSPECIFIED: FacilityKind
FACILITY_KIND_SITE: FacilityKind
FACILITY_KIND_RISK_UNIT: FacilityKind
FACILITY_KIND_DRAIN_PIPE: FacilityKind
FACILITY_KIND_EMERGENCY_POOL: FacilityKind
FACILITY_KIND_RAIN_OUTLET: FacilityKind
FACILITY_KIND_RIVER_REACH: FacilityKind
FACILITY_KIND_RIVER_GATE: FacilityKind
FACILITY_KIND_INTERCEPTION_POINT: FacilityKind
FACILITY_KIND_MONITORING_SECTION: FacilityKind
FACILITY_KIND_SENSITIVE_TARGET: FacilityKind
FACILITY_KIND_EMERGENCY_SPACE: FacilityKind
FACILITY_KIND_MATERIAL_DEPOT: FacilityKind
FACILITY_KIND_RESPONSE_TEAM: FacilityKind
FACILITY_KIND_PARK_RAIN_PIPE: FacilityKind

class FacilityRegistered(_message.Message):
    __slots__ = ("facility_id", "kind", "name", "enterprise_id", "park_id", "jurisdiction_code", "geometry_geojson", "attributes_json", "declared_crs")
    FACILITY_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    PARK_ID_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    GEOMETRY_GEOJSON_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_JSON_FIELD_NUMBER: _ClassVar[int]
    DECLARED_CRS_FIELD_NUMBER: _ClassVar[int]
    facility_id: str
    kind: FacilityKind
    name: str
    enterprise_id: str
    park_id: str
    jurisdiction_code: str
    geometry_geojson: str
    attributes_json: str
    declared_crs: str
    def __init__(self, facility_id: _Optional[str] = ..., kind: _Optional[_Union[FacilityKind, str]] = ..., name: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., park_id: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., geometry_geojson: _Optional[str] = ..., attributes_json: _Optional[str] = ..., declared_crs: _Optional[str] = ...) -> None: ...

class FacilityUpdated(_message.Message):
    __slots__ = ("facility_id", "kind", "name", "enterprise_id", "park_id", "jurisdiction_code", "geometry_geojson", "attributes_json", "declared_crs", "changed_fields")
    FACILITY_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    PARK_ID_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    GEOMETRY_GEOJSON_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_JSON_FIELD_NUMBER: _ClassVar[int]
    DECLARED_CRS_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    facility_id: str
    kind: FacilityKind
    name: str
    enterprise_id: str
    park_id: str
    jurisdiction_code: str
    geometry_geojson: str
    attributes_json: str
    declared_crs: str
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, facility_id: _Optional[str] = ..., kind: _Optional[_Union[FacilityKind, str]] = ..., name: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., park_id: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., geometry_geojson: _Optional[str] = ..., attributes_json: _Optional[str] = ..., declared_crs: _Optional[str] = ..., changed_fields: _Optional[_Iterable[str]] = ...) -> None: ...

class FacilityRetired(_message.Message):
    __slots__ = ("facility_id", "reason")
    FACILITY_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    facility_id: str
    reason: str
    def __init__(self, facility_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GateCommandIssued(_message.Message):
    __slots__ = ("facility_id", "command", "reason", "incident_id")
    FACILITY_ID_FIELD_NUMBER: _ClassVar[int]
    COMMAND_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    INCIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    facility_id: str
    command: str
    reason: str
    incident_id: str
    def __init__(self, facility_id: _Optional[str] = ..., command: _Optional[str] = ..., reason: _Optional[str] = ..., incident_id: _Optional[str] = ...) -> None: ...

class DeviceStateChanged(_message.Message):
    __slots__ = ("facility_id", "state", "free_volume_m3", "source")
    FACILITY_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    FREE_VOLUME_M3_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    facility_id: str
    state: str
    free_volume_m3: float
    source: str
    def __init__(self, facility_id: _Optional[str] = ..., state: _Optional[str] = ..., free_volume_m3: _Optional[float] = ..., source: _Optional[str] = ...) -> None: ...
