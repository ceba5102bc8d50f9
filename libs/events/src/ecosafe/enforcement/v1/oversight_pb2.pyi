import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OversightActivityRecorded(_message.Message):
    __slots__ = ("activity_id", "kind", "bureau_code", "campaign_id", "occurred_on", "target", "persons", "note")
    ACTIVITY_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    BUREAU_CODE_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_ON_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    PERSONS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    activity_id: str
    kind: str
    bureau_code: str
    campaign_id: str
    occurred_on: _timestamp_pb2.Timestamp
    target: str
    persons: int
    note: str
    def __init__(self, activity_id: _Optional[str] = ..., kind: _Optional[str] = ..., bureau_code: _Optional[str] = ..., campaign_id: _Optional[str] = ..., occurred_on: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., target: _Optional[str] = ..., persons: _Optional[int] = ..., note: _Optional[str] = ...) -> None: ...
