from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ReachAction(_message.Message):
    __slots__ = ("reach_id", "action", "facility_ids", "materials", "responsible")
    REACH_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    FACILITY_IDS_FIELD_NUMBER: _ClassVar[int]
    MATERIALS_FIELD_NUMBER: _ClassVar[int]
    RESPONSIBLE_FIELD_NUMBER: _ClassVar[int]
    reach_id: str
    action: str
    facility_ids: _containers.RepeatedScalarFieldContainer[str]
    materials: _containers.RepeatedScalarFieldContainer[str]
    responsible: str
    def __init__(self, reach_id: _Optional[str] = ..., action: _Optional[str] = ..., facility_ids: _Optional[_Iterable[str]] = ..., materials: _Optional[_Iterable[str]] = ..., responsible: _Optional[str] = ...) -> None: ...

class RiverPlanVersionPublished(_message.Message):
    __slots__ = ("plan_id", "river_name", "version_no", "title", "actions")
    PLAN_ID_FIELD_NUMBER: _ClassVar[int]
    RIVER_NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_NO_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    ACTIONS_FIELD_NUMBER: _ClassVar[int]
    plan_id: str
    river_name: str
    version_no: int
    title: str
    actions: _containers.RepeatedCompositeFieldContainer[ReachAction]
    def __init__(self, plan_id: _Optional[str] = ..., river_name: _Optional[str] = ..., version_no: _Optional[int] = ..., title: _Optional[str] = ..., actions: _Optional[_Iterable[_Union[ReachAction, _Mapping]]] = ...) -> None: ...
