from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class CaseOpened(_message.Message):
    __slots__ = ("case_id", "enterprise_id", "enterprise_name", "principal_name", "jurisdiction_code", "origin", "finding_id", "hazard_id", "legal_basis", "description", "rule", "dual_penalty_proposed", "decided_on")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_NAME_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_NAME_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_CODE_FIELD_NUMBER: _ClassVar[int]
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    FINDING_ID_FIELD_NUMBER: _ClassVar[int]
    HAZARD_ID_FIELD_NUMBER: _ClassVar[int]
    LEGAL_BASIS_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    DUAL_PENALTY_PROPOSED_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    enterprise_id: str
    enterprise_name: str
    principal_name: str
    jurisdiction_code: str
    origin: str
    finding_id: str
    hazard_id: str
    legal_basis: str
    description: str
    rule: str
    dual_penalty_proposed: bool
    decided_on: str
    def __init__(self, case_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., enterprise_name: _Optional[str] = ..., principal_name: _Optional[str] = ..., jurisdiction_code: _Optional[str] = ..., origin: _Optional[str] = ..., finding_id: _Optional[str] = ..., hazard_id: _Optional[str] = ..., legal_basis: _Optional[str] = ..., description: _Optional[str] = ..., rule: _Optional[str] = ..., dual_penalty_proposed: _Optional[bool] = ..., decided_on: _Optional[str] = ...) -> None: ...

class PenaltyImposed(_message.Message):
    __slots__ = ("case_id", "penalty_id", "enterprise_id", "target", "party_name", "amount_fen", "legal_basis", "decision_no", "dual", "decided_on")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    PENALTY_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    PARTY_NAME_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    LEGAL_BASIS_FIELD_NUMBER: _ClassVar[int]
    DECISION_NO_FIELD_NUMBER: _ClassVar[int]
    DUAL_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    penalty_id: str
    enterprise_id: str
    target: str
    party_name: str
    amount_fen: int
    legal_basis: str
    decision_no: str
    dual: bool
    decided_on: str
    def __init__(self, case_id: _Optional[str] = ..., penalty_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., target: _Optional[str] = ..., party_name: _Optional[str] = ..., amount_fen: _Optional[int] = ..., legal_basis: _Optional[str] = ..., decision_no: _Optional[str] = ..., dual: _Optional[bool] = ..., decided_on: _Optional[str] = ...) -> None: ...

class CaseReferred(_message.Message):
    __slots__ = ("case_id", "enterprise_id", "authority", "persons", "dangerous_operation_crime", "reason", "decided_on")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    PERSONS_FIELD_NUMBER: _ClassVar[int]
    DANGEROUS_OPERATION_CRIME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    enterprise_id: str
    authority: str
    persons: _containers.RepeatedScalarFieldContainer[str]
    dangerous_operation_crime: bool
    reason: str
    decided_on: str
    def __init__(self, case_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., authority: _Optional[str] = ..., persons: _Optional[_Iterable[str]] = ..., dangerous_operation_crime: _Optional[bool] = ..., reason: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...

class SuspensionOrdered(_message.Message):
    __slots__ = ("case_id", "enterprise_id", "reason", "decided_on")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    enterprise_id: str
    reason: str
    decided_on: str
    def __init__(self, case_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., reason: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...

class ClosureProposed(_message.Message):
    __slots__ = ("case_id", "enterprise_id", "reason", "principal_industry_ban", "rule", "decided_on")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_INDUSTRY_BAN_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    enterprise_id: str
    reason: str
    principal_industry_ban: bool
    rule: str
    decided_on: str
    def __init__(self, case_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., reason: _Optional[str] = ..., principal_industry_ban: _Optional[bool] = ..., rule: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...

class AdmonitionHeld(_message.Message):
    __slots__ = ("case_id", "enterprise_id", "persons", "note", "decided_on")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    PERSONS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    enterprise_id: str
    persons: _containers.RepeatedScalarFieldContainer[str]
    note: str
    decided_on: str
    def __init__(self, case_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., persons: _Optional[_Iterable[str]] = ..., note: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...

class CaseExposed(_message.Message):
    __slots__ = ("case_id", "enterprise_id", "channel", "note", "decided_on")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    enterprise_id: str
    channel: str
    note: str
    decided_on: str
    def __init__(self, case_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., channel: _Optional[str] = ..., note: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...

class JointPunishmentDecided(_message.Message):
    __slots__ = ("case_id", "enterprise_id", "departments", "reason", "decided_on")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENTS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    enterprise_id: str
    departments: _containers.RepeatedScalarFieldContainer[str]
    reason: str
    decided_on: str
    def __init__(self, case_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., departments: _Optional[_Iterable[str]] = ..., reason: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...

class TypicalCasePublished(_message.Message):
    __slots__ = ("case_id", "enterprise_id", "title", "summary", "dangerous_operation_crime", "decided_on")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    DANGEROUS_OPERATION_CRIME_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    enterprise_id: str
    title: str
    summary: str
    dangerous_operation_crime: bool
    decided_on: str
    def __init__(self, case_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., title: _Optional[str] = ..., summary: _Optional[str] = ..., dangerous_operation_crime: _Optional[bool] = ..., decided_on: _Optional[str] = ...) -> None: ...

class TransferSent(_message.Message):
    __slots__ = ("case_id", "transfer_id", "enterprise_id", "department", "department_name", "note", "decided_on")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_NAME_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    transfer_id: str
    enterprise_id: str
    department: str
    department_name: str
    note: str
    decided_on: str
    def __init__(self, case_id: _Optional[str] = ..., transfer_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., department: _Optional[str] = ..., department_name: _Optional[str] = ..., note: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...

class TransferReceived(_message.Message):
    __slots__ = ("case_id", "transfer_id", "receiver", "note", "decided_on")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_ID_FIELD_NUMBER: _ClassVar[int]
    RECEIVER_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    transfer_id: str
    receiver: str
    note: str
    decided_on: str
    def __init__(self, case_id: _Optional[str] = ..., transfer_id: _Optional[str] = ..., receiver: _Optional[str] = ..., note: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...

class CaseClosed(_message.Message):
    __slots__ = ("case_id", "enterprise_id", "conclusion", "decided_on")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    CONCLUSION_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    enterprise_id: str
    conclusion: str
    decided_on: str
    def __init__(self, case_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., conclusion: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...

class SuspensionLifted(_message.Message):
    __slots__ = ("case_id", "enterprise_id", "acceptance", "reason", "decided_on")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    ACCEPTANCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    enterprise_id: str
    acceptance: str
    reason: str
    decided_on: str
    def __init__(self, case_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., acceptance: _Optional[str] = ..., reason: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...

class ClosureDecided(_message.Message):
    __slots__ = ("case_id", "enterprise_id", "government", "document_no", "decided_on", "attachment_uri", "attachment_name", "principal_industry_ban")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    GOVERNMENT_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_NO_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENT_URI_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENT_NAME_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_INDUSTRY_BAN_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    enterprise_id: str
    government: str
    document_no: str
    decided_on: str
    attachment_uri: str
    attachment_name: str
    principal_industry_ban: bool
    def __init__(self, case_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., government: _Optional[str] = ..., document_no: _Optional[str] = ..., decided_on: _Optional[str] = ..., attachment_uri: _Optional[str] = ..., attachment_name: _Optional[str] = ..., principal_industry_ban: _Optional[bool] = ...) -> None: ...

class ClosureDeclined(_message.Message):
    __slots__ = ("case_id", "enterprise_id", "government", "document_no", "decided_on", "reason")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    GOVERNMENT_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_NO_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    enterprise_id: str
    government: str
    document_no: str
    decided_on: str
    reason: str
    def __init__(self, case_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., government: _Optional[str] = ..., document_no: _Optional[str] = ..., decided_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ClosureProposalWithdrawn(_message.Message):
    __slots__ = ("case_id", "enterprise_id", "reason", "decided_on")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    enterprise_id: str
    reason: str
    decided_on: str
    def __init__(self, case_id: _Optional[str] = ..., enterprise_id: _Optional[str] = ..., reason: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...
