import datetime

from ecosafe.common.v1 import common_pb2 as _common_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class FindingRecorded(_message.Message):
    __slots__ = ("finding_id", "inspection_id", "enterprise_id", "campaign_id", "domain", "description", "suggested_grade", "grade_basis", "inspector_ids", "found_at", "attachments")
    FINDING_ID_FIELD_NUMBER: _ClassVar[int]
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    DOMAIN_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SUGGESTED_GRADE_FIELD_NUMBER: _ClassVar[int]
    GRADE_BASIS_FIELD_NUMBER: _ClassVar[int]
    INSPECTOR_IDS_FIELD_NUMBER: _ClassVar[int]
    FOUND_AT_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENTS_FIELD_NUMBER: _ClassVar[int]
    finding_id: str
    inspection_id: str
    enterprise_id: str
    campaign_id: str
    domain: str
    description: str
    suggested_grade: _common_pb2.HazardGrade
    grade_basis: str
    inspector_ids: _containers.RepeatedScalarFieldContainer[str]
    found_at: _timestamp_pb2.Timestamp
    attachments: _containers.RepeatedCompositeFieldContainer[_common_pb2.Attachment]
    def __init__(self, finding_id: _Optional[str] = ..., inspection_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., campaign_id: _Optional[str] = ..., domain: _Optional[str] = ..., description: _Optional[str] = ..., suggested_grade: _Optional[_Union[_common_pb2.HazardGrade, str]] = ..., grade_basis: _Optional[str] = ..., inspector_ids: _Optional[_Iterable[str]] = ..., found_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., attachments: _Optional[_Iterable[_Union[_common_pb2.Attachment, _Mapping]]] = ...) -> None: ...
