import datetime

from ecosafe.enforcement.v1 import enterprise_pb2 as _enterprise_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CampaignLaunched(_message.Message):
    __slots__ = ("campaign_id", "name", "issuing_bureau", "jurisdiction_code", "starts_at", "ends_at", "sectors", "risk_levels", "phases", "targets")
    class Phase(_message.Message):
        __slots__ = ("phase", "starts_at", "ends_at")
        PHASE_FIELD_NUMBER: _ClassVar[int]
        STARTS_AT_FIELD_NUMBER: _ClassVar[int]
        ENDS_AT_FIELD_NUMBER: _ClassVar[int]
        phase: str
        starts_at: _timestamp_pb2.Timestamp
        ends_at: _timestamp_pb2.Timestamp
        def __init__(self, phase: _Optional[str] = ..., starts_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ends_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
    class Target(_message.Message):
        __slots__ = ("kind", "level", "percent", "starts_at", "ends_at")
        KIND_FIELD_NUMBER: _ClassVar[int]
        LEVEL_FIELD_NUMBER: _ClassVar[int]
        PERCENT_FIELD_NUMBER: _ClassVar[int]
        STARTS_AT_FIELD_NUMBER: _ClassVar[int]
        ENDS_AT_FIELD_NUMBER: _ClassVar[int]
        kind: str
        level: str
        percent: int
        starts_at: _timestamp_pb2.Timestamp
        ends_at: _timestamp_pb2.Timestamp
        def __init__(self, kind: _Optional[str] = ..., level: _Optional[str] = ..., percent: _Optional[int] = ..., starts_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ends_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ISSUING_BUREAU_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    ENDS_AT_FIELD_NUMBER: _ClassVar[int]
    SECTORS_FIELD_NUMBER: _ClassVar[int]
    RISK_LEVELS_FIELD_NUMBER: _ClassVar[int]
    PHASES_FIELD_NUMBER: _ClassVar[int]
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    name: str
    issuing_bureau: str
    jurisdiction_code: str
    starts_at: _timestamp_pb2.Timestamp
    ends_at: _timestamp_pb2.Timestamp
    sectors: _containers.RepeatedScalarFieldContainer[str]
    risk_levels: _containers.RepeatedScalarFieldContainer[_enterprise_pb2.RiskLevel]
    phases: _containers.RepeatedCompositeFieldContainer[CampaignLaunched.Phase]
    targets: _containers.RepeatedCompositeFieldContainer[CampaignLaunched.Target]
    def __init__(self, campaign_id: _Optional[str] = ..., name: _Optional[str] = ..., issuing_bureau: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., starts_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ends_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sectors: _Optional[_Iterable[str]] = ..., risk_levels: _Optional[_Iterable[_Union[_enterprise_pb2.RiskLevel, str]]] = ..., phases: _Optional[_Iterable[_Union[CampaignLaunched.Phase, _Mapping]]] = ..., targets: _Optional[_Iterable[_Union[CampaignLaunched.Target, _Mapping]]] = ...) -> None: ...

class CampaignPhaseStarted(_message.Message):
    __slots__ = ("campaign_id", "phase")
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    PHASE_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    phase: str
    def __init__(self, campaign_id: _Optional[str] = ..., phase: _Optional[str] = ...) -> None: ...
