import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class InspectionMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INSPECTION_MODE_UNSPECIFIED: _ClassVar[InspectionMode]
    INSPECTION_MODE_OPEN: _ClassVar[InspectionMode]
    INSPECTION_MODE_UNANNOUNCED: _ClassVar[InspectionMode]
    INSPECTION_MODE_COVERT: _ClassVar[InspectionMode]
INSPECTION_MODE_UNSPECIFIED: InspectionMode
INSPECTION_MODE_OPEN: InspectionMode
INSPECTION_MODE_UNANNOUNCED: InspectionMode
INSPECTION_MODE_COVERT: InspectionMode

class InspectionPlanned(_message.Message):
    __slots__ = ("inspection_id", "enterprise_id", "jurisdiction_code", "campaign_id", "draw_id", "mode", "inspector_ids", "joint_departments", "planned_for")
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    DRAW_ID_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    INSPECTOR_IDS_FIELD_NUMBER: _ClassVar[int]
    JOINT_DEPARTMENTS_FIELD_NUMBER: _ClassVar[int]
    PLANNED_FOR_FIELD_NUMBER: _ClassVar[int]
    inspection_id: str
    enterprise_id: str
    jurisdiction_code: str
    campaign_id: str
    draw_id: str
    mode: InspectionMode
    inspector_ids: _containers.RepeatedScalarFieldContainer[str]
    joint_departments: _containers.RepeatedScalarFieldContainer[str]
    planned_for: _timestamp_pb2.Timestamp
    def __init__(self, inspection_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., campaign_id: _Optional[str] = ..., draw_id: _Optional[str] = ..., mode: _Optional[_Union[InspectionMode, str]] = ..., inspector_ids: _Optional[_Iterable[str]] = ..., joint_departments: _Optional[_Iterable[str]] = ..., planned_for: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class InspectionCompleted(_message.Message):
    __slots__ = ("inspection_id", "enterprise_id", "campaign_id", "completed_at", "bureau_code", "checklist", "finding_ids", "summary")
    class ChecklistResult(_message.Message):
        __slots__ = ("item", "violated", "note")
        ITEM_FIELD_NUMBER: _ClassVar[int]
        VIOLATED_FIELD_NUMBER: _ClassVar[int]
        NOTE_FIELD_NUMBER: _ClassVar[int]
        item: str
        violated: bool
        note: str
        def __init__(self, item: _Optional[str] = ..., violated: _Optional[bool] = ..., note: _Optional[str] = ...) -> None: ...
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    BUREAU_CODE_FIELD_NUMBER: _ClassVar[int]
    CHECKLIST_FIELD_NUMBER: _ClassVar[int]
    FINDING_IDS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    inspection_id: str
    enterprise_id: str
    campaign_id: str
    completed_at: _timestamp_pb2.Timestamp
    bureau_code: str
    checklist: _containers.RepeatedCompositeFieldContainer[InspectionCompleted.ChecklistResult]
    finding_ids: _containers.RepeatedScalarFieldContainer[str]
    summary: str
    def __init__(self, inspection_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., campaign_id: _Optional[str] = ..., completed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., bureau_code: _Optional[str] = ..., checklist: _Optional[_Iterable[_Union[InspectionCompleted.ChecklistResult, _Mapping]]] = ..., finding_ids: _Optional[_Iterable[str]] = ..., summary: _Optional[str] = ...) -> None: ...
