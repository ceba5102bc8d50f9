from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class ChannelRegistered(_message.Message):
    __slots__ = ("channel_id", "name", "jurisdiction_code", "kind", "target", "signed")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    SIGNED_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    name: str
    jurisdiction_code: str
    kind: str
    target: str
    signed: bool
    def __init__(self, channel_id: _Optional[str] = ..., name: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., kind: _Optional[str] = ..., target: _Optional[str] = ..., signed: _Optional[bool] = ...) -> None: ...

class ChannelRetired(_message.Message):
    __slots__ = ("channel_id", "reason")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    reason: str
    def __init__(self, channel_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...
