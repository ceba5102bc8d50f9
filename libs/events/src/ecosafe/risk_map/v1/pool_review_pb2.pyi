import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PoolShortfallRaised(_message.Message):
    __slots__ = ("review_id", "enterprise_id", "jurisdiction_code", "park_id", "required_volume_m3", "capacity_m3", "shortfall_m3", "explanation", "note", "raised_by_role", "computed_at")
    REVIEW_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    PARK_ID_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_VOLUME_M3_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_M3_FIELD_NUMBER: _ClassVar[int]
    SHORTFALL_M3_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    RAISED_BY_ROLE_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_AT_FIELD_NUMBER: _ClassVar[int]
    review_id: str
    enterprise_id: str
    jurisdiction_code: str
    park_id: str
    required_volume_m3: float
    capacity_m3: float
    shortfall_m3: float
    explanation: str
    note: str
    raised_by_role: str
    computed_at: _timestamp_pb2.Timestamp
    def __init__(self, review_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., park_id: _Optional[str] = ..., required_volume_m3: _Optional[float] = ..., capacity_m3: _Optional[float] = ..., shortfall_m3: _Optional[float] = ..., explanation: _Optional[str] = ..., note: _Optional[str] = ..., raised_by_role: _Optional[str] = ..., computed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
