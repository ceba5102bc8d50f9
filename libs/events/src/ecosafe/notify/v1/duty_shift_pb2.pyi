import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DutyPerson(_message.Message):
    __slots__ = ("user_id", "name", "phone")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    name: str
    phone: str
    def __init__(self, user_id: _Optional[str] = ..., name: _Optional[str] = ..., phone: _Optional[str] = ...) -> None: ...

class DutyShiftSpec(_message.Message):
    __slots__ = ("jurisdiction_code", "starts_at", "ends_at", "duty_officer", "leader", "deputy")
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    ENDS_AT_FIELD_NUMBER: _ClassVar[int]
    DUTY_OFFICER_FIELD_NUMBER: _ClassVar[int]
    LEADER_FIELD_NUMBER: _ClassVar[int]
    DEPUTY_FIELD_NUMBER: _ClassVar[int]
    jurisdiction_code: str
    starts_at: _timestamp_pb2.Timestamp
    ends_at: _timestamp_pb2.Timestamp
    duty_officer: DutyPerson
    leader: DutyPerson
    deputy: DutyPerson
    def __init__(self, jurisdiction_code: _Optional[str] = ..., starts_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ends_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., duty_officer: _Optional[_Union[DutyPerson, _Mapping]] = ..., leader: _Optional[_Union[DutyPerson, _Mapping]] = ..., deputy: _Optional[_Union[DutyPerson, _Mapping]] = ...) -> None: ...

class DutyShiftScheduled(_message.Message):
    __slots__ = ("shift_id", "spec")
    SHIFT_ID_FIELD_NUMBER: _ClassVar[int]
    SPEC_FIELD_NUMBER: _ClassVar[int]
    shift_id: str
    spec: DutyShiftSpec
    def __init__(self, shift_id: _Optional[str] = ..., spec: _Optional[_Union[DutyShiftSpec, _Mapping]] = ...) -> None: ...

class DutyShiftChanged(_message.Message):
    __slots__ = ("shift_id", "spec")
    SHIFT_ID_FIELD_NUMBER: _ClassVar[int]
    SPEC_FIELD_NUMBER: _ClassVar[int]
    shift_id: str
    spec: DutyShiftSpec
    def __init__(self, shift_id: _Optional[str] = ..., spec: _Optional[_Union[DutyShiftSpec, _Mapping]] = ...) -> None: ...

class DutyShiftCancelled(_message.Message):
    __slots__ = ("shift_id", "reason")
    SHIFT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    shift_id: str
    reason: str
    def __init__(self, shift_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...
