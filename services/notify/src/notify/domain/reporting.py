"""Reporting obligations (报送任务): deadlines and periods in Beijing time, checks, and the obligation aggregate."""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import Conflict, FieldProblem
from notify.domain.times import SHANGHAI

KINDS = {"daily": "每日", "weekly": "每周", "monthly": "每月"}
WEEKDAYS = "一二三四五六日"
_TIME = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")
_PERIOD = {"daily": re.compile(r"\d{4}-\d{2}-\d{2}"), "weekly": re.compile(r"\d{4}-W\d{2}"),
           "monthly": re.compile(r"\d{4}-\d{2}")}


@dataclass(frozen=True)
class ObligationSpec:
    name: str
    jurisdiction_code: str
    kind: str
    due_time: str
    due_weekday: int = 0
    due_day: int = 0
    remind_minutes_before: int = 60
    zero_report_allowed: bool = False
    unit_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Due:
    """One deadline: the period it closes and the instant (UTC)."""

    period: str
    at: datetime


def problems_of(spec: ObligationSpec) -> list[FieldProblem]:
    problems = []
    if not spec.name.strip():
        problems.append(FieldProblem("name", "名称不能为空"))
    if not jurisdiction.is_valid_code(spec.jurisdiction_code):
        problems.append(FieldProblem("jurisdiction_code", f"不是有效的行政区划代码: {spec.jurisdiction_code}"))
    if spec.kind not in KINDS:
        problems.append(FieldProblem("kind", f"未知的周期: {spec.kind}; 可选: {', '.join(KINDS)}"))
    if not _TIME.fullmatch(spec.due_time):
        problems.append(FieldProblem("due_time", "截止时刻应为 HH:MM (北京时间), 如 17:00"))
    if spec.kind == "weekly" and not 1 <= spec.due_weekday <= 7:
        problems.append(FieldProblem("due_weekday", "每周报送须给出星期几截止: 1 (周一) ~ 7 (周日)"))
    if spec.kind == "monthly" and not 1 <= spec.due_day <= 31:
        problems.append(FieldProblem("due_day", "每月报送须给出几日截止: 1 ~ 31 (当月没有该日时为当月最后一天)"))
    if spec.zero_report_allowed and spec.kind != "daily":
        problems.append(FieldProblem("zero_report_allowed", "零报告只用于每日报送"))
    if not spec.unit_codes:
        problems.append(FieldProblem("unit_codes", "至少一个报送单位"))
    bad = [c for c in spec.unit_codes if not (jurisdiction.is_valid_code(c) and jurisdiction.is_valid_code(
        spec.jurisdiction_code) and jurisdiction.covers(spec.jurisdiction_code, c))]
    if bad:
        problems.append(FieldProblem("unit_codes", f"报送单位须在辖区 {spec.jurisdiction_code} 之内: {', '.join(bad)}"))
    return problems


def _due_on(spec: ObligationSpec, day: date) -> Due | None:
    """The deadline falling on local date `day`, if there is one."""
    if spec.kind == "weekly" and day.isoweekday() != spec.due_weekday:
        return None
    # "每月29日前" in a February of 28 days falls on its last day: a month never goes without its deadline.
    if spec.kind == "monthly" and day.day != min(spec.due_day, monthrange(day.year, day.month)[1]):
        return None
    hours, minutes = (int(x) for x in spec.due_time.split(":"))
    at = datetime.combine(day, time(hours, minutes), tzinfo=SHANGHAI)
    if spec.kind == "daily":
        period = day.isoformat()
    elif spec.kind == "weekly":
        year, week, _ = day.isocalendar()
        period = f"{year}-W{week:02d}"
    else:
        # "每月1日前上报截至上月末的累计情况": a deadline early in a month closes the month before it.
        closed = day - timedelta(days=1) if spec.due_day <= 7 else day
        period = f"{closed.year}-{closed.month:02d}"
    return Due(period, at.astimezone(timezone.utc))


def next_due(spec: ObligationSpec, after: datetime) -> Due:
    """The first deadline strictly after `after`."""
    day = after.astimezone(SHANGHAI).date()
    for offset in range(0, 40):
        due = _due_on(spec, day + timedelta(days=offset))
        if due is not None and due.at > after:
            return due
    raise ValueError("no deadline within 40 days")  # cannot happen: every schedule has one a month


def last_due(spec: ObligationSpec, at: datetime) -> Due | None:
    """The last deadline at or before `at` (None if none in the 40 days before)."""
    day = at.astimezone(SHANGHAI).date()
    for offset in range(0, 40):
        due = _due_on(spec, day - timedelta(days=offset))
        if due is not None and due.at <= at:
            return due
    return None


def valid_period(kind: str, period: str) -> bool:
    return bool(_PERIOD[kind].fullmatch(period))


def describe(spec: ObligationSpec) -> str:
    """截止时间 in words: "每日 16:00", "每周五 17:00", "每月1日 09:00"."""
    if spec.kind == "weekly":
        return f"每周{WEEKDAYS[spec.due_weekday - 1]} {spec.due_time}"
    if spec.kind == "monthly":
        return f"每月{spec.due_day}日 {spec.due_time}"
    return f"每日 {spec.due_time}"


@dataclass(frozen=True)
class ReportObligationCreated:
    obligation_id: str
    spec: ObligationSpec


@dataclass(frozen=True)
class ReportSubmitted:
    obligation_id: str
    unit_code: str
    period: str
    zero_report: bool
    summary: str


@dataclass(frozen=True)
class ReportReminded:
    obligation_id: str
    unit_code: str
    period: str
    notification_id: str


@dataclass(frozen=True)
class ReportMissed:
    obligation_id: str
    unit_code: str
    period: str
    notification_id: str


REPORT_EVENTS = (ReportObligationCreated, ReportSubmitted, ReportReminded, ReportMissed)


class ReportObligation(Aggregate):
    def _init_state(self) -> None:
        self.spec: ObligationSpec | None = None
        self.submitted: set[tuple[str, str]] = set()
        self.reminded: set[tuple[str, str]] = set()
        self.missed: set[tuple[str, str]] = set()

    @classmethod
    def create(cls, obligation_id: str, spec: ObligationSpec) -> ReportObligation:
        obligation = cls(obligation_id)
        obligation._init_state()
        obligation._record(ReportObligationCreated(obligation_id, spec))
        return obligation

    def submit(self, unit_code: str, period: str, zero_report: bool, summary: str) -> None:
        if (unit_code, period) in self.submitted:
            raise Conflict(f"单位 {unit_code} 已报送 {period} 期", extra={"period": period, "unit_code": unit_code})
        self._record(ReportSubmitted(self.id, unit_code, period, zero_report, summary))

    def remind(self, unit_code: str, period: str, notification_id: str) -> bool:
        key = (unit_code, period)
        if key in self.submitted or key in self.reminded:
            return False
        self._record(ReportReminded(self.id, unit_code, period, notification_id))
        return True

    def miss(self, unit_code: str, period: str, notification_id: str) -> bool:
        key = (unit_code, period)
        if key in self.submitted or key in self.missed:
            return False
        self._record(ReportMissed(self.id, unit_code, period, notification_id))
        return True

    def apply_ReportObligationCreated(self, event: ReportObligationCreated) -> None:
        self.spec = event.spec

    def apply_ReportSubmitted(self, event: ReportSubmitted) -> None:
        self.submitted.add((event.unit_code, event.period))

    def apply_ReportReminded(self, event: ReportReminded) -> None:
        self.reminded.add((event.unit_code, event.period))

    def apply_ReportMissed(self, event: ReportMissed) -> None:
        self.missed.add((event.unit_code, event.period))
