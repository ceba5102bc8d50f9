import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class MapTokenIssued(_message.Message):
    __slots__ = ("token_id", "token_sha256", "label", "expires_at", "scope_roles", "scope_jurisdiction", "scope_park_id", "scope_enterprise_id")
    TOKEN_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_SHA256_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    SCOPE_ROLES_FIELD_NUMBER: _ClassVar[int]
    SCOPE_JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    SCOPE_PARK_ID_FIELD_NUMBER: _ClassVar[int]
    SCOPE_ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    token_id: str
    token_sha256: str
    label: str
    expires_at: _timestamp_pb2.Timestamp
    scope_roles: _containers.RepeatedScalarFieldContainer[str]
    scope_jurisdiction: str
    scope_park_id: str
    scope_enterprise_id: str
    def __init__(self, token_id: _Optional[str] = ..., token_sha256: _Optional[str] = ..., label: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., scope_roles: _Optional[_Iterable[str]] = ..., scope_jurisdiction: _Optional[str] = ..., scope_park_id: _Optional[str] = ..., scope_enterprise_id: _Optional[str] = ...) -> None: ...

class MapTokenRevoked(_message.Message):
    __slots__ = ("token_id", "reason")
    TOKEN_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    token_id: str
    reason: str
    def __init__(self, token_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...
