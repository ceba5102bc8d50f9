from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class ResponsibilityListRecorded(_message.Message):
    __slots__ = ("lists_id", "enterprise_id", "kind", "present", "document_ref", "campaign_id", "note")
    LISTS_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PRESENT_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_REF_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    lists_id: str
    enterprise_id: str
    kind: str
    present: bool
    document_ref: str
    campaign_id: str
    note: str
    def __init__(self, lists_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., kind: _Optional[str] = ..., present: _Optional[bool] = ..., document_ref: _Optional[str] = ..., campaign_id: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...
