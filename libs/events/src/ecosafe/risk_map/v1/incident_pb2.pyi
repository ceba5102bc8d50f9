import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class IncidentLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INCIDENT_LEVEL_UNSPECIFIED: _ClassVar[IncidentLevel]
    INCIDENT_LEVEL_GENERAL: _ClassVar[IncidentLevel]
    INCIDENT_LEVEL_LARGER: _ClassVar[IncidentLevel]
    INCIDENT_LEVEL_MAJOR: _ClassVar[IncidentLevel]
    INCIDENT_LEVEL_EXTRAORDINARY: _ClassVar[IncidentLevel]
INCIDENT_LEVEL_UNSPECIFIED: IncidentLevel
INCIDENT_LEVEL_GENERAL: IncidentLevel
INCIDENT_LEVEL_LARGER: IncidentLevel
INCIDENT_LEVEL_MAJOR: IncidentLevel
INCIDENT_LEVEL_EXTRAORDINARY: IncidentLevel

class IncidentReported(_message.Message):
    __slots__ = ("incident_id", "occurred_at", "location_geojson", "pollutant", "volume_m3", "level", "enterprise_id", "drill")
    INCIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    LOCATION_GEOJSON_FIELD_NUMBER: _ClassVar[int]
    POLLUTANT_FIELD_NUMBER: _ClassVar[int]
    VOLUME_M3_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    DRILL_FIELD_NUMBER: _ClassVar[int]
    incident_id: str
    occurred_at: _timestamp_pb2.Timestamp
    location_geojson: str
    pollutant: str
    volume_m3: float
    level: IncidentLevel
    enterprise_id: str
    drill: bool
    def __init__(self, incident_id: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., location_geojson: _Optional[str] = ..., pollutant: _Optional[str] = ..., volume_m3: _Optional[float] = ..., level: _Optional[_Union[IncidentLevel, str]] = ..., enterprise_id: _Optional[str] = ..., drill: _Optional[bool] = ...) -> None: ...

class IncidentCorrelated(_message.Message):
    __slots__ = ("incident_id", "picture_json", "contained_in_plant", "first_sensitive_target_id", "hours_to_first_sensitive_target", "jurisdiction_code", "park_id", "downstream_jurisdiction_codes", "enterprise_id")
    INCIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    PICTURE_JSON_FIELD_NUMBER: _ClassVar[int]
    CONTAINED_IN_PLANT_FIELD_NUMBER: _ClassVar[int]
    FIRST_SENSITIVE_TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    HOURS_TO_FIRST_SENSITIVE_TARGET_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    PARK_ID_FIELD_NUMBER: _ClassVar[int]
    DOWNSTREAM_JURISDICTION_CODES_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    incident_id: str
    picture_json: str
    contained_in_plant: bool
    first_sensitive_target_id: str
    hours_to_first_sensitive_target: float
    jurisdiction_code: str
    park_id: str
    downstream_jurisdiction_codes: _containers.RepeatedScalarFieldContainer[str]
    enterprise_id: str
    def __init__(self, incident_id: _Optional[str] = ..., picture_json: _Optional[str] = ..., contained_in_plant: _Optional[bool] = ..., first_sensitive_target_id: _Optional[str] = ..., hours_to_first_sensitive_target: _Optional[float] = ..., jurisdiction_code: _Optional[str] = ..., park_id: _Optional[str] = ..., downstream_jurisdiction_codes: _Optional[_Iterable[str]] = ..., enterprise_id: _Optional[str] = ...) -> None: ...
