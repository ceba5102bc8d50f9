from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class EnterpriseBlacklisted(_message.Message):
    __slots__ = ("entry_id", "enterprise_id", "enterprise_name", "credit_code", "jurisdiction_code", "case_id", "reason", "departments")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_NAME_FIELD_NUMBER: _ClassVar[int]
    CREDIT_CODE_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENTS_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    enterprise_id: str
    enterprise_name: str
    credit_code: str
    jurisdiction_code: str
    case_id: str
    reason: str
    departments: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, entry_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., enterprise_name: _Optional[str] = ..., credit_code: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., case_id: _Optional[str] = ..., reason: _Optional[str] = ..., departments: _Optional[_Iterable[str]] = ...) -> None: ...

class EnterpriseRemovedFromBlacklist(_message.Message):
    __slots__ = ("entry_id", "enterprise_id", "case_id", "reason", "rectification")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RECTIFICATION_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    enterprise_id: str
    case_id: str
    reason: str
    rectification: str
    def __init__(self, entry_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., case_id: _Optional[str] = ..., reason: _Optional[str] = ..., rectification: _Optional[str] = ...) -> None: ...
