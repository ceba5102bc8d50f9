"""The seeds' penalty rules as plain functions: what a hazard's history means for a case against its enterprise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

# A major hazard open this long is 长期存在 (the seeds give no figure; a quarter is what bureaus review by).
LONG_STANDING = timedelta(days=90)
# 多次受到处罚: at least this many penalty decisions against the enterprise.
REPEATED_PENALTIES = 2

OVERDUE_RULE = "overdue_hazard"
PERSISTING_RULE = "persisting_major_hazard"
ACCIDENT_RULE = "accident"
CLOSURE_RULE = "long_standing_major_hazard"


@dataclass(frozen=True)
class HazardState:
    """What this service knows of a hazard from the hazard service's events."""

    hazard_id: str
    enterprise_id: str
    source: str  # self_inspection | inspection | public_report | superior_referral
    grade: str  # major | general
    status: str  # open | closed
    found_at: datetime
    deadline: datetime | None
    overdue: bool


def self_report_spares_penalty(hazard: HazardState, now: datetime) -> bool:
    """对企业自查查出的重大事故隐患，已按规定报告并正在采取有效措施消除的，不予行政处罚。(seed 003)

    A hazard the enterprise reported itself, still being removed and not past its deadline, carries no penalty
    (the same holds a fortiori for a general hazard). Once overdue, or past the deadline, it no longer spares."""
    if hazard.source != "self_inspection" or hazard.status != "open" or hazard.overdue:
        return False
    return hazard.deadline is None or now <= hazard.deadline


def overdue_opens_case(hazard: HazardState) -> bool:
    """对隐患未按时整改的，一律依法依规立案处罚 (seed 000).

    Every hazard not rectified by its deadline opens a case, whatever its source or grade."""
    return hazard.overdue and hazard.status == "open"


def persisting_major_hazard_makes_dual_case(hazard: HazardState, verification_failed: bool) -> bool:
    """对排查整治不力导致重大事故隐患依然存在或发生事故的，要依法对企业和企业主要负责人实行“一案双罚”。(seed 003)

    A major hazard whose rectification failed verification is still there: a case proposing the dual penalty.
    (An accident makes one too: a case opened with origin `accident` proposes it, see `accident_makes_dual_case`.)"""
    return verification_failed and hazard.grade == "major" and hazard.status == "open"


def accident_makes_dual_case(origin: str) -> bool:
    """对排查整治不力导致重大事故隐患依然存在或发生事故的，要依法对企业和企业主要负责人实行“一案双罚”。(seed 003)

    A case opened for an accident proposes the dual penalty."""
    return origin == "accident"


def closure_and_industry_ban(open_major_hazards: list[HazardState], penalty_decisions: int, now: datetime) -> bool:
    """重大事故隐患长期存在并多次受到处罚的，依法提请地方人民政府予以关闭并落实企业主要负责人行业禁入规定 (seed 003).

    An enterprise with a major hazard open for at least LONG_STANDING and at least REPEATED_PENALTIES penalty
    decisions is proposed for closure, its principal for an industry ban."""
    long_standing = any(h.grade == "major" and h.status == "open" and now - h.found_at >= LONG_STANDING
                        for h in open_major_hazards)
    return long_standing and penalty_decisions >= REPEATED_PENALTIES



@dataclass(frozen=True)
class CaseStanding:
    """A case of an enterprise as the periodic closure check sees it."""

    case_id: str
    open: bool  # not 结案: only an open case can carry a proposal
    opened_at: datetime
    last_penalty_at: datetime | None  # its latest penalty decision, None without one
    closure: str | None  # ClosureState value: proposed | decided | declined | withdrawn, None before any proposal


@dataclass(frozen=True)
class ClosureStanding:
    """What the periodic closure check knows of an enterprise."""

    enterprise_id: str
    open_hazards: tuple[HazardState, ...]
    penalty_decisions: int
    cases: tuple[CaseStanding, ...]
    last_proposal_at: datetime | None  # the latest ClosureProposed on any of its cases, whatever became of it


def closure_carrier(cases: tuple[CaseStanding, ...]) -> str | None:
    """The case a periodic proposal goes on: the one with the enterprise's latest penalty decision (where the penalty
    path would have put it), or, once that one is closed (结案), the latest open case; None when none is open."""
    penalised = [c for c in cases if c.last_penalty_at is not None]
    if penalised:
        latest = max(penalised, key=lambda c: (c.last_penalty_at, c.case_id))
        if latest.open:
            return latest.case_id
    open_cases = [c for c in cases if c.open]
    return max(open_cases, key=lambda c: (c.opened_at, c.case_id)).case_id if open_cases else None


def closure_due_periodically(standing: ClosureStanding, now: datetime) -> str | None:
    """重大事故隐患长期存在并多次受到处罚的，依法提请地方人民政府予以关闭并落实企业主要负责人行业禁入规定 (seed 003).

    The same rule checked on its own (a major hazard may become long-standing after the last penalty): the case to
    carry the proposal, or None. None while a proposal of the enterprise awaits the government or closure was
    decided, and once a proposal was made after its latest penalty decision whatever became of it: a declined or
    withdrawn one is not made again each round; a new penalty checks the rule again (the penalty path)."""
    if any(c.closure in ("proposed", "decided") for c in standing.cases):
        return None
    last_penalty = max((c.last_penalty_at for c in standing.cases if c.last_penalty_at is not None), default=None)
    if standing.last_proposal_at is not None and (last_penalty is None or standing.last_proposal_at >= last_penalty):
        return None
    if not closure_and_industry_ban(list(standing.open_hazards), standing.penalty_decisions, now):
        return None
    return closure_carrier(standing.cases)
