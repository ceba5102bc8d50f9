import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class IncidentTask(_message.Message):
    __slots__ = ("task_id", "kind", "target_id", "target_name", "jurisdiction_code", "assignee", "eta_hours", "due_at", "notification_id")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_NAME_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    ASSIGNEE_FIELD_NUMBER: _ClassVar[int]
    ETA_HOURS_FIELD_NUMBER: _ClassVar[int]
    DUE_AT_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    kind: str
    target_id: str
    target_name: str
    jurisdiction_code: str
    assignee: str
    eta_hours: float
    due_at: _timestamp_pb2.Timestamp
    notification_id: str
    def __init__(self, task_id: _Optional[str] = ..., kind: _Optional[str] = ..., target_id: _Optional[str] = ..., target_name: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., assignee: _Optional[str] = ..., eta_hours: _Optional[float] = ..., due_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., notification_id: _Optional[str] = ...) -> None: ...

class IncidentTasksDispatched(_message.Message):
    __slots__ = ("incident_id", "jurisdiction_code", "drill", "tasks")
    INCIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    DRILL_FIELD_NUMBER: _ClassVar[int]
    TASKS_FIELD_NUMBER: _ClassVar[int]
    incident_id: str
    jurisdiction_code: str
    drill: bool
    tasks: _containers.RepeatedCompositeFieldContainer[IncidentTask]
    def __init__(self, incident_id: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., drill: _Optional[bool] = ..., tasks: _Optional[_Iterable[_Union[IncidentTask, _Mapping]]] = ...) -> None: ...

class IncidentTaskAcknowledged(_message.Message):
    __slots__ = ("incident_id", "task_id", "user_id", "note")
    INCIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    incident_id: str
    task_id: str
    user_id: str
    note: str
    def __init__(self, incident_id: _Optional[str] = ..., task_id: _Optional[str] = ..., user_id: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class IncidentTaskEscalated(_message.Message):
    __slots__ = ("incident_id", "task_id", "notification_id")
    INCIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    incident_id: str
    task_id: str
    notification_id: str
    def __init__(self, incident_id: _Optional[str] = ..., task_id: _Optional[str] = ..., notification_id: _Optional[str] = ...) -> None: ...

class IncidentTaskCompleted(_message.Message):
    __slots__ = ("incident_id", "task_id", "note", "source", "device_event_id")
    INCIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    DEVICE_EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    incident_id: str
    task_id: str
    note: str
    source: str
    device_event_id: str
    def __init__(self, incident_id: _Optional[str] = ..., task_id: _Optional[str] = ..., note: _Optional[str] = ..., source: _Optional[str] = ..., device_event_id: _Optional[str] = ...) -> None: ...
