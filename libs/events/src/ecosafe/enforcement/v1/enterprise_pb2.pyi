from ecosafe.common.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RiskLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RISK_LEVEL_UNSPECIFIED: _ClassVar[RiskLevel]
    RISK_LEVEL_GENERAL: _ClassVar[RiskLevel]
    RISK_LEVEL_ELEVATED: _ClassVar[RiskLevel]
    RISK_LEVEL_MAJOR: _ClassVar[RiskLevel]
RISK_LEVEL_UNSPECIFIED: RiskLevel
RISK_LEVEL_GENERAL: RiskLevel
RISK_LEVEL_ELEVATED: RiskLevel
RISK_LEVEL_MAJOR: RiskLevel

class EnterpriseRegistered(_message.Message):
    __slots__ = ("enterprise_id", "name", "credit_code", "industry", "risk_level", "principal_name", "principal_phone", "parent_enterprise_id", "park_id", "jurisdiction_code", "address", "location", "sector", "boundary_geojson", "hazardous_waste_permit_no")
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CREDIT_CODE_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_FIELD_NUMBER: _ClassVar[int]
    RISK_LEVEL_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_NAME_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_PHONE_FIELD_NUMBER: _ClassVar[int]
    PARENT_ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    PARK_ID_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    SECTOR_FIELD_NUMBER: _ClassVar[int]
    BOUNDARY_GEOJSON_FIELD_NUMBER: _ClassVar[int]
    HAZARDOUS_WASTE_PERMIT_NO_FIELD_NUMBER: _ClassVar[int]
    enterprise_id: str
    name: str
    credit_code: str
    industry: str
    risk_level: RiskLevel
    principal_name: str
    principal_phone: str
    parent_enterprise_id: str
    park_id: str
    jurisdiction_code: str
    address: str
    location: _common_pb2.GeoPoint
    sector: str
    boundary_geojson: str
    hazardous_waste_permit_no: str
    def __init__(self, enterprise_id: _Optional[str] = ..., name: _Optional[str] = ..., credit_code: _Optional[str] = ..., industry: _Optional[str] = ..., risk_level: _Optional[_Union[RiskLevel, str]] = ..., principal_name: _Optional[str] = ..., principal_phone: _Optional[str] = ..., parent_enterprise_id: _Optional[str] = ..., park_id: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., address: _Optional[str] = ..., location: _Optional[_Union[_common_pb2.GeoPoint, _Mapping]] = ..., sector: _Optional[str] = ..., boundary_geojson: _Optional[str] = ..., hazardous_waste_permit_no: _Optional[str] = ...) -> None: ...

class EnterpriseUpdated(_message.Message):
    __slots__ = ("enterprise_id", "name", "credit_code", "industry", "risk_level", "principal_name", "principal_phone", "parent_enterprise_id", "park_id", "jurisdiction_code", "address", "location", "changed_fields", "sector", "boundary_geojson", "hazardous_waste_permit_no")
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CREDIT_CODE_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_FIELD_NUMBER: _ClassVar[int]
    RISK_LEVEL_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_NAME_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_PHONE_FIELD_NUMBER: _ClassVar[int]
    PARENT_ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    PARK_ID_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    SECTOR_FIELD_NUMBER: _ClassVar[int]
    BOUNDARY_GEOJSON_FIELD_NUMBER: _ClassVar[int]
    HAZARDOUS_WASTE_PERMIT_NO_FIELD_NUMBER: _ClassVar[int]
    enterprise_id: str
    name: str
    credit_code: str
    industry: str
    risk_level: RiskLevel
    principal_name: str
    principal_phone: str
    parent_enterprise_id: str
    park_id: str
    jurisdiction_code: str
    address: str
    location: _common_pb2.GeoPoint
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    sector: str
    boundary_geojson: str
    hazardous_waste_permit_no: str
    def __init__(self, enterprise_id: _Optional[str] = ..., name: _Optional[str] = ..., credit_code: _Optional[str] = ..., industry: _Optional[str] = ..., risk_level: _Optional[_Union[RiskLevel, str]] = ..., principal_name: _Optional[str] = ..., principal_phone: _Optional[str] = ..., parent_enterprise_id: _Optional[str] = ..., park_id: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., address: _Optional[str] = ..., location: _Optional[_Union[_common_pb2.GeoPoint, _Mapping]] = ..., changed_fields: _Optional[_Iterable[str]] = ..., sector: _Optional[str] = ..., boundary_geojson: _Optional[str] = ..., hazardous_waste_permit_no: _Optional[str] = ...) -> None: ...

class EnterpriseDeregistered(_message.Message):
    __slots__ = ("enterprise_id", "reason")
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    enterprise_id: str
    reason: str
    def __init__(self, enterprise_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...
