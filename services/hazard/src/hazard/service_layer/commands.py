"""Commands of the hazard service: plain data the entrypoints build from requests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from hazard.domain.values import Attachment, ConfirmationLevel, Grade, RectificationPlan, Source


@dataclass(frozen=True)
class ReportHazard:
    enterprise_id: str
    source: Source
    domain: str
    grade: Grade
    grade_basis: str
    description: str
    site: str = ""
    campaign_id: str | None = None
    found_at: datetime | None = None
    attachments: tuple[Attachment, ...] = ()
    referred_by: str = ""
    finding_id: str | None = None
    pool_review_id: str | None = None
    hazard_id: str | None = None
    on_behalf_of: str = ""
    reporter_contact_sealed: bool = False


@dataclass(frozen=True)
class Assign:
    responsible_unit: str
    responsible_person: str
    deadline: date
    instructions: str = ""


@dataclass(frozen=True)
class ExtendDeadline:
    deadline: date
    reason: str


@dataclass(frozen=True)
class SubmitPlan:
    plan: RectificationPlan


@dataclass(frozen=True)
class RecordProgress:
    note: str
    percent: int
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class Complete:
    summary: str
    attachments: tuple[Attachment, ...]


@dataclass(frozen=True)
class Verify:
    passed: bool
    opinion: str = ""
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Close:
    note: str = ""


@dataclass(frozen=True)
class ListForSupervision:
    supervising_unit: str
    reason: str
    supervisor: str


@dataclass(frozen=True)
class Regrade:
    grade: Grade
    grade_basis: str


@dataclass(frozen=True)
class Confirm:
    level: ConfirmationLevel
    note: str = ""


@dataclass(frozen=True)
class RequestContactUnseal:
    reason: str


@dataclass(frozen=True)
class FlagReward:
    reason: str


@dataclass(frozen=True)
class DecideReward:
    granted: bool
    amount: int
    reason: str


@dataclass(frozen=True)
class Result:
    """What a command leaves: the hazard, its ledger number and its new version (the ETag)."""

    hazard_id: str
    ledger_no: str
    version: int
    state: str
