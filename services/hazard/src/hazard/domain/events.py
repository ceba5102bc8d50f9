"""Domain events of the Hazard aggregate: what happened, in the past tense (who signed is the store's business)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from hazard.domain.values import Attachment, ConfirmationLevel, Grade, Source


@dataclass(frozen=True)
class HazardReported:
    hazard_id: str
    ledger_no: str
    enterprise_id: str
    enterprise_name: str
    jurisdiction_code: str
    source: Source
    domain: str
    grade: Grade
    grade_basis: str
    description: str
    found_at: datetime
    site: str = ""
    campaign_id: str | None = None
    finding_id: str | None = None
    attachments: tuple[Attachment, ...] = ()
    referred_by: str = ""
    pool_review_id: str | None = None
    # 代企业登记: the enterprise person whose self-inspection finding an officer recorded (empty: their own user did).
    on_behalf_of: str = ""
    # A public report's reporter left a contact, kept encrypted outside the events.
    reporter_contact_sealed: bool = False


@dataclass(frozen=True)
class HazardAssigned:
    hazard_id: str
    responsible_unit: str
    responsible_person: str
    deadline: date
    instructions: str = ""


@dataclass(frozen=True)
class RectificationPlanSubmitted:
    hazard_id: str
    owner: str
    measures: tuple[str, ...]
    funding: int
    deadline: date
    contingency_plan: str


@dataclass(frozen=True)
class RectificationProgressed:
    hazard_id: str
    note: str
    percent: int
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class RectificationCompleted:
    hazard_id: str
    summary: str
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class VerificationPassed:
    hazard_id: str
    opinion: str


@dataclass(frozen=True)
class VerificationFailed:
    hazard_id: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class HazardClosed:
    hazard_id: str
    note: str = ""


@dataclass(frozen=True)
class HazardOverdue:
    hazard_id: str
    deadline: date
    ledger_no: str
    jurisdiction_code: str
    enterprise_id: str


@dataclass(frozen=True)
class HazardListed:
    hazard_id: str
    supervising_unit: str
    reason: str
    supervisor: str


@dataclass(frozen=True)
class HazardConfirmed:
    hazard_id: str
    level: ConfirmationLevel
    note: str = ""


@dataclass(frozen=True)
class HazardRegraded:
    hazard_id: str
    grade: Grade
    previous_grade: Grade
    grade_basis: str


@dataclass(frozen=True)
class HazardDeadlineExtended:
    hazard_id: str
    previous_deadline: date
    deadline: date
    reason: str


@dataclass(frozen=True)
class ReporterContactUnsealRequested:
    hazard_id: str
    reason: str


@dataclass(frozen=True)
class ReporterContactUnsealed:
    hazard_id: str


@dataclass(frozen=True)
class ReportRewardFlagged:
    hazard_id: str
    reason: str


@dataclass(frozen=True)
class ReportRewardDecided:
    hazard_id: str
    granted: bool
    amount: int
    reason: str


ALL_EVENTS = (
    HazardReported, HazardAssigned, RectificationPlanSubmitted, RectificationProgressed, RectificationCompleted,
    VerificationPassed, VerificationFailed, HazardClosed, HazardOverdue, HazardListed, HazardConfirmed,
    HazardRegraded, HazardDeadlineExtended, ReporterContactUnsealRequested, ReporterContactUnsealed,
    ReportRewardFlagged, ReportRewardDecided,
)
