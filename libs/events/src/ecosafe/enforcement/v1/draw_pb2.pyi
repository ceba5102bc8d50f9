from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class InspectorEnrolled(_message.Message):
    __slots__ = ("inspector_id", "name", "jurisdiction_code")
    INSPECTOR_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    inspector_id: str
    name: str
    jurisdiction_code: str
    def __init__(self, inspector_id: _Optional[str] = ..., name: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ...) -> None: ...

class ConflictDeclared(_message.Message):
    __slots__ = ("inspector_id", "enterprise_id", "reason")
    INSPECTOR_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    inspector_id: str
    enterprise_id: str
    reason: str
    def __init__(self, inspector_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RandomDrawPublished(_message.Message):
    __slots__ = ("draw_id", "campaign_id", "jurisdiction_code", "algorithm", "seed", "percent", "count", "inspectors_per_enterprise", "candidate_enterprise_ids", "candidate_inspector_ids", "exclusions", "selections")
    class Selection(_message.Message):
        __slots__ = ("enterprise_id", "inspector_ids")
        ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
        INSPECTOR_IDS_FIELD_NUMBER: _ClassVar[int]
        enterprise_id: str
        inspector_ids: _containers.RepeatedScalarFieldContainer[str]
        def __init__(self, enterprise_id: _Optional[str] = ..., inspector_ids: _Optional[_Iterable[str]] = ...) -> None: ...
    class Exclusion(_message.Message):
        __slots__ = ("inspector_id", "enterprise_id")
        INSPECTOR_ID_FIELD_NUMBER: _ClassVar[int]
        ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
        inspector_id: str
        enterprise_id: str
        def __init__(self, inspector_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ...) -> None: ...
    DRAW_ID_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    ALGORITHM_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    PERCENT_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    INSPECTORS_PER_ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    CANDIDATE_ENTERPRISE_IDS_FIELD_NUMBER: _ClassVar[int]
    CANDIDATE_INSPECTOR_IDS_FIELD_NUMBER: _ClassVar[int]
    EXCLUSIONS_FIELD_NUMBER: _ClassVar[int]
    SELECTIONS_FIELD_NUMBER: _ClassVar[int]
    draw_id: str
    campaign_id: str
    jurisdiction_code: str
    algorithm: str
    seed: str
    percent: int
    count: int
    inspectors_per_enterprise: int
    candidate_enterprise_ids: _containers.RepeatedScalarFieldContainer[str]
    candidate_inspector_ids: _containers.RepeatedScalarFieldContainer[str]
    exclusions: _containers.RepeatedCompositeFieldContainer[RandomDrawPublished.Exclusion]
    selections: _containers.RepeatedCompositeFieldContainer[RandomDrawPublished.Selection]
    def __init__(self, draw_id: _Optional[str] = ..., campaign_id: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., algorithm: _Optional[str] = ..., seed: _Optional[str] = ..., percent: _Optional[int] = ..., count: _Optional[int] = ..., inspectors_per_enterprise: _Optional[int] = ..., candidate_enterprise_ids: _Optional[_Iterable[str]] = ..., candidate_inspector_ids: _Optional[_Iterable[str]] = ..., exclusions: _Optional[_Iterable[_Union[RandomDrawPublished.Exclusion, _Mapping]]] = ..., selections: _Optional[_Iterable[_Union[RandomDrawPublished.Selection, _Mapping]]] = ...) -> None: ...
