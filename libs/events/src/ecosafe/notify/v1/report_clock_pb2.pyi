import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ReportClock(_message.Message):
    __slots__ = ("stage", "limit_hours", "due_at")
    STAGE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_HOURS_FIELD_NUMBER: _ClassVar[int]
    DUE_AT_FIELD_NUMBER: _ClassVar[int]
    stage: str
    limit_hours: float
    due_at: _timestamp_pb2.Timestamp
    def __init__(self, stage: _Optional[str] = ..., limit_hours: _Optional[float] = ..., due_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ReportClocksStarted(_message.Message):
    __slots__ = ("incident_id", "jurisdiction_code", "level", "started_at", "clocks")
    INCIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    CLOCKS_FIELD_NUMBER: _ClassVar[int]
    incident_id: str
    jurisdiction_code: str
    level: str
    started_at: _timestamp_pb2.Timestamp
    clocks: _containers.RepeatedCompositeFieldContainer[ReportClock]
    def __init__(self, incident_id: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., level: _Optional[str] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., clocks: _Optional[_Iterable[_Union[ReportClock, _Mapping]]] = ...) -> None: ...

class ReportClockReminded(_message.Message):
    __slots__ = ("incident_id", "stage", "notification_id")
    INCIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    incident_id: str
    stage: str
    notification_id: str
    def __init__(self, incident_id: _Optional[str] = ..., stage: _Optional[str] = ..., notification_id: _Optional[str] = ...) -> None: ...

class ReportClockMissed(_message.Message):
    __slots__ = ("incident_id", "stage", "notification_id")
    INCIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    incident_id: str
    stage: str
    notification_id: str
    def __init__(self, incident_id: _Optional[str] = ..., stage: _Optional[str] = ..., notification_id: _Optional[str] = ...) -> None: ...

class ReportClockSubmitted(_message.Message):
    __slots__ = ("incident_id", "stage", "summary")
    INCIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    incident_id: str
    stage: str
    summary: str
    def __init__(self, incident_id: _Optional[str] = ..., stage: _Optional[str] = ..., summary: _Optional[str] = ...) -> None: ...
