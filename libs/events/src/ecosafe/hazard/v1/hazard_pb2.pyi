import datetime

from ecosafe.common.v1 import common_pb2 as _common_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class HazardSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HAZARD_SOURCE_UNSPECIFIED: _ClassVar[HazardSource]
    HAZARD_SOURCE_SELF_INSPECTION: _ClassVar[HazardSource]
    HAZARD_SOURCE_INSPECTION: _ClassVar[HazardSource]
    HAZARD_SOURCE_PUBLIC_REPORT: _ClassVar[HazardSource]
    HAZARD_SOURCE_SUPERIOR_REFERRAL: _ClassVar[HazardSource]

class ConfirmationLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONFIRMATION_LEVEL_UNSPECIFIED: _ClassVar[ConfirmationLevel]
    CONFIRMATION_LEVEL_PRINCIPAL: _ClassVar[ConfirmationLevel]
    CONFIRMATION_LEVEL_PARENT: _ClassVar[ConfirmationLevel]
    CONFIRMATION_LEVEL_BUREAU: _ClassVar[ConfirmationLevel]
HAZARD_SOURCE_UNSPECIFIED: HazardSource
HAZARD_SOURCE_SELF_INSPECTION: HazardSource
HAZARD_SOURCE_INSPECTION: HazardSource
HAZARD_SOURCE_PUBLIC_REPORT: HazardSource
HAZARD_SOURCE_SUPERIOR_REFERRAL: HazardSource
CONFIRMATION_LEVEL_UNSPECIFIED: ConfirmationLevel
CONFIRMATION_LEVEL_PRINCIPAL: ConfirmationLevel
CONFIRMATION_LEVEL_PARENT: ConfirmationLevel
CONFIRMATION_LEVEL_BUREAU: ConfirmationLevel

class HazardReported(_message.Message):
    __slots__ = ("hazard_id", "ledger_no", "enterprise_id", "enterprise_name", "jurisdiction_code", "source", "domain", "grade", "grade_basis", "description", "site", "campaign_id", "finding_id", "attachments", "found_at", "referred_by", "pool_review_id", "on_behalf_of", "reporter_contact_sealed")
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    LEDGER_NO_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_NAME_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    DOMAIN_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    GRADE_BASIS_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SITE_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    FINDING_ID_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENTS_FIELD_NUMBER: _ClassVar[int]
    FOUND_AT_FIELD_NUMBER: _ClassVar[int]
    REFERRED_BY_FIELD_NUMBER: _ClassVar[int]
    POOL_REVIEW_ID_FIELD_NUMBER: _ClassVar[int]
    ON_BEHALF_OF_FIELD_NUMBER: _ClassVar[int]
    REPORTER_CONTACT_SEALED_FIELD_NUMBER: _ClassVar[int]
    hazard_id: str
    ledger_no: str
    enterprise_id: str
    enterprise_name: str
    jurisdiction_code: str
    source: HazardSource
    domain: str
    grade: _common_pb2.HazardGrade
    grade_basis: str
    description: str
    site: str
    campaign_id: str
    finding_id: str
    attachments: _containers.RepeatedCompositeFieldContainer[_common_pb2.Attachment]
    found_at: _timestamp_pb2.Timestamp
    referred_by: str
    pool_review_id: str
    on_behalf_of: str
    reporter_contact_sealed: bool
    def __init__(self, hazard_id: _Optional[str] = ..., ledger_no: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., enterprise_name: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., source: _Optional[_Union[HazardSource, str]] = ..., domain: _Optional[str] = ..., grade: _Optional[_Union[_common_pb2.HazardGrade, str]] = ..., grade_basis: _Optional[str] = ..., description: _Optional[str] = ..., site: _Optional[str] = ..., campaign_id: _Optional[str] = ..., finding_id: _Optional[str] = ..., attachments: _Optional[_Iterable[_Union[_common_pb2.Attachment, _Mapping]]] = ..., found_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., referred_by: _Optional[str] = ..., pool_review_id: _Optional[str] = ..., on_behalf_of: _Optional[str] = ..., reporter_contact_sealed: _Optional[bool] = ...) -> None: ...

class HazardAssigned(_message.Message):
    __slots__ = ("hazard_id", "responsible_unit", "responsible_person", "deadline", "instructions")
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    RESPONSIBLE_UNIT_FIELD_NUMBER: _ClassVar[int]
    RESPONSIBLE_PERSON_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    INSTRUCTIONS_FIELD_NUMBER: _ClassVar[int]
    hazard_id: str
    responsible_unit: str
    responsible_person: str
    deadline: _timestamp_pb2.Timestamp
    instructions: str
    def __init__(self, hazard_id: _Optional[str] = ..., responsible_unit: _Optional[str] = ..., responsible_person: _Optional[str] = ..., deadline: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., instructions: _Optional[str] = ...) -> None: ...

class RectificationPlanSubmitted(_message.Message):
    __slots__ = ("hazard_id", "owner", "measures", "funding", "deadline", "contingency_plan")
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    MEASURES_FIELD_NUMBER: _ClassVar[int]
    FUNDING_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    CONTINGENCY_PLAN_FIELD_NUMBER: _ClassVar[int]
    hazard_id: str
    owner: str
    measures: _containers.RepeatedScalarFieldContainer[str]
    funding: int
    deadline: _timestamp_pb2.Timestamp
    contingency_plan: str
    def __init__(self, hazard_id: _Optional[str] = ..., owner: _Optional[str] = ..., measures: _Optional[_Iterable[str]] = ..., funding: _Optional[int] = ..., deadline: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., contingency_plan: _Optional[str] = ...) -> None: ...

class RectificationProgressed(_message.Message):
    __slots__ = ("hazard_id", "note", "percent", "attachments")
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    PERCENT_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENTS_FIELD_NUMBER: _ClassVar[int]
    hazard_id: str
    note: str
    percent: int
    attachments: _containers.RepeatedCompositeFieldContainer[_common_pb2.Attachment]
    def __init__(self, hazard_id: _Optional[str] = ..., note: _Optional[str] = ..., percent: _Optional[int] = ..., attachments: _Optional[_Iterable[_Union[_common_pb2.Attachment, _Mapping]]] = ...) -> None: ...

class RectificationCompleted(_message.Message):
    __slots__ = ("hazard_id", "summary", "attachments")
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENTS_FIELD_NUMBER: _ClassVar[int]
    hazard_id: str
    summary: str
    attachments: _containers.RepeatedCompositeFieldContainer[_common_pb2.Attachment]
    def __init__(self, hazard_id: _Optional[str] = ..., summary: _Optional[str] = ..., attachments: _Optional[_Iterable[_Union[_common_pb2.Attachment, _Mapping]]] = ...) -> None: ...

class VerificationPassed(_message.Message):
    __slots__ = ("hazard_id", "opinion")
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    OPINION_FIELD_NUMBER: _ClassVar[int]
    hazard_id: str
    opinion: str
    def __init__(self, hazard_id: _Optional[str] = ..., opinion: _Optional[str] = ...) -> None: ...

class VerificationFailed(_message.Message):
    __slots__ = ("hazard_id", "reasons")
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    hazard_id: str
    reasons: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, hazard_id: _Optional[str] = ..., reasons: _Optional[_Iterable[str]] = ...) -> None: ...

class HazardClosed(_message.Message):
    __slots__ = ("hazard_id", "note")
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    hazard_id: str
    note: str
    def __init__(self, hazard_id: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class HazardOverdue(_message.Message):
    __slots__ = ("hazard_id", "deadline", "ledger_no", "jurisdiction_code", "enterprise_id")
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    LEDGER_NO_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    hazard_id: str
    deadline: _timestamp_pb2.Timestamp
    ledger_no: str
    jurisdiction_code: str
    enterprise_id: str
    def __init__(self, hazard_id: _Optional[str] = ..., deadline: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ledger_no: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., enterprise_id: _Optional[str] = ...) -> None: ...

class HazardListed(_message.Message):
    __slots__ = ("hazard_id", "supervising_unit", "reason", "supervisor")
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    SUPERVISING_UNIT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_FIELD_NUMBER: _ClassVar[int]
    hazard_id: str
    supervising_unit: str
    reason: str
    supervisor: str
    def __init__(self, hazard_id: _Optional[str] = ..., supervising_unit: _Optional[str] = ..., reason: _Optional[str] = ..., supervisor: _Optional[str] = ...) -> None: ...

class HazardConfirmed(_message.Message):
    __slots__ = ("hazard_id", "level", "note")
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    hazard_id: str
    level: ConfirmationLevel
    note: str
    def __init__(self, hazard_id: _Optional[str] = ..., level: _Optional[_Union[ConfirmationLevel, str]] = ..., note: _Optional[str] = ...) -> None: ...

class HazardRegraded(_message.Message):
    __slots__ = ("hazard_id", "grade", "previous_grade", "grade_basis")
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_GRADE_FIELD_NUMBER: _ClassVar[int]
    GRADE_BASIS_FIELD_NUMBER: _ClassVar[int]
    hazard_id: str
    grade: _common_pb2.HazardGrade
    previous_grade: _common_pb2.HazardGrade
    grade_basis: str
    def __init__(self, hazard_id: _Optional[str] = ..., grade: _Optional[_Union[_common_pb2.HazardGrade, str]] = ..., previous_grade: _Optional[_Union[_common_pb2.HazardGrade, str]] = ..., grade_basis: _Optional[str] = ...) -> None: ...

class HazardDeadlineExtended(_message.Message):
    __slots__ = ("hazard_id", "previous_deadline", "deadline", "reason")
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_DEADLINE_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    hazard_id: str
    previous_deadline: _timestamp_pb2.Timestamp
    deadline: _timestamp_pb2.Timestamp
    reason: str
    def __init__(self, hazard_id: _Optional[str] = ..., previous_deadline: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., deadline: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class ReporterContactUnsealRequested(_message.Message):
    __slots__ = ("hazard_id", "reason")
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    hazard_id: str
    reason: str
    def __init__(self, hazard_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ReporterContactUnsealed(_message.Message):
    __slots__ = ("hazard_id",)
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    hazard_id: str
    def __init__(self, hazard_id: _Optional[str] = ...) -> None: ...

class ReportRewardFlagged(_message.Message):
    __slots__ = ("hazard_id", "reason")
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    hazard_id: str
    reason: str
    def __init__(self, hazard_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ReportRewardDecided(_message.Message):
    __slots__ = ("hazard_id", "granted", "amount", "reason")
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    GRANTED_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    hazard_id: str
    granted: bool
    amount: int
    reason: str
    def __init__(self, hazard_id: _Optional[str] = ..., granted: _Optional[bool] = ..., amount: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...
