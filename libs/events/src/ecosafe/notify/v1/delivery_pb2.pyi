import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class NotificationDelivered(_message.Message):
    __slots__ = ("delivery_id", "notification_id", "channel_id", "attempt", "possible_duplicate", "detail")
    DELIVERY_ID_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    POSSIBLE_DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    delivery_id: str
    notification_id: str
    channel_id: str
    attempt: int
    possible_duplicate: bool
    detail: str
    def __init__(self, delivery_id: _Optional[str] = ..., notification_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., attempt: _Optional[int] = ..., possible_duplicate: _Optional[bool] = ..., detail: _Optional[str] = ...) -> None: ...

class DeliveryFailed(_message.Message):
    __slots__ = ("delivery_id", "notification_id", "channel_id", "attempt", "reason", "next_attempt_at", "possible_duplicate")
    DELIVERY_ID_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    NEXT_ATTEMPT_AT_FIELD_NUMBER: _ClassVar[int]
    POSSIBLE_DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    delivery_id: str
    notification_id: str
    channel_id: str
    attempt: int
    reason: str
    next_attempt_at: _timestamp_pb2.Timestamp
    possible_duplicate: bool
    def __init__(self, delivery_id: _Optional[str] = ..., notification_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., attempt: _Optional[int] = ..., reason: _Optional[str] = ..., next_attempt_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., possible_duplicate: _Optional[bool] = ...) -> None: ...
