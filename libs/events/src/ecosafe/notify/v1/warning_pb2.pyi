import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class WarningIssued(_message.Message):
    __slots__ = ("warning_id", "kind", "level", "title", "content", "jurisdiction_code", "area_geojson", "valid_until", "enterprise_ids", "park_ids", "notification_id")
    WARNING_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    AREA_GEOJSON_FIELD_NUMBER: _ClassVar[int]
    VALID_UNTIL_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_IDS_FIELD_NUMBER: _ClassVar[int]
    PARK_IDS_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    warning_id: str
    kind: str
    level: str
    title: str
    content: str
    jurisdiction_code: str
    area_geojson: str
    valid_until: _timestamp_pb2.Timestamp
    enterprise_ids: _containers.RepeatedScalarFieldContainer[str]
    park_ids: _containers.RepeatedScalarFieldContainer[str]
    notification_id: str
    def __init__(self, warning_id: _Optional[str] = ..., kind: _Optional[str] = ..., level: _Optional[str] = ..., title: _Optional[str] = ..., content: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., area_geojson: _Optional[str] = ..., valid_until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., enterprise_ids: _Optional[_Iterable[str]] = ..., park_ids: _Optional[_Iterable[str]] = ..., notification_id: _Optional[str] = ...) -> None: ...
