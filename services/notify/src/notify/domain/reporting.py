"""Reporting obligations (报送任务): deadlines and periods in Beijing time, checks, and the obligation aggregate.

A weekly or monthly deadline on a rest day moves to the next working day (遇法定节假日顺延) by the kit's calendar of
public holidays and make-up working days (调休); the daily report (日报制, duty is 24/7) keeps every calendar day.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import Conflict, FieldProblem
from ecosafe_kit.workdays import CalendarNotCovered, add_working_days, is_working_day
from notify.domain.times import SHANGHAI

KINDS = {"daily": "每日", "weekly": "每周", "monthly": "每月"}
WEEKDAYS = "一二三四五六日"
ON_REST_DAY = {"postpone": "顺延至下一个工作日", "keep": "不顺延"}
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
    # "" is the kind's default, so specs stored before the setting existed read as they were meant.
    on_rest_day: str = ""

    def __post_init__(self) -> None:
        if not self.on_rest_day:
            object.__setattr__(self, "on_rest_day", default_on_rest_day(self.kind))


def default_on_rest_day(kind: str) -> str:
    """顺延 for weekly and monthly reports, as bureaus' offices expect; never for the daily report (24/7 duty)."""
    return "keep" if kind == "daily" else "postpone"


@dataclass(frozen=True)
class Due:
    """One deadline: the period it closes and the instant (UTC); postponed_from is the rest-day instant it left.

    not_covered is the year the calendar lacks when the deadline could not be checked against it (the kit raised
    CalendarNotCovered): `at` is then the unadjusted scheduled instant, shown and used as unverified, never a guess
    at the year's holidays."""

    period: str
    at: datetime
    postponed_from: datetime | None = None
    not_covered: int | None = None

    @property
    def calendar_problem(self) -> dict | None:
        """{code, year, detail} for a deadline the calendar could not check, else None."""
        if self.not_covered is None:
            return None
        return {"code": CalendarNotCovered.code, "year": self.not_covered,
                "detail": unverified_text(self.not_covered, self.at)}


def unverified_text(year: int, at: datetime) -> str:
    """What a person is told about a deadline the calendar could not check."""
    local = at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
    return (f"国务院尚未公布/本系统日历未收录 {year} 年节假日安排, 截止时间暂按原定日期 {local} (北京时间), "
            "请核对是否遇法定节假日顺延")


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
    if spec.on_rest_day not in ON_REST_DAY:
        problems.append(FieldProblem("on_rest_day", f"未知的遇休息日规则: {spec.on_rest_day}; 可选: postpone (顺延), "
                                                    "keep (不顺延)"))
    elif spec.kind == "daily" and spec.on_rest_day != "keep":
        problems.append(FieldProblem("on_rest_day", "每日报送 (日报制, 24 小时值班) 节假日照常报送, 不顺延"))
    if not spec.unit_codes:
        problems.append(FieldProblem("unit_codes", "至少一个报送单位"))
    bad = [c for c in spec.unit_codes if not (jurisdiction.is_valid_code(c) and jurisdiction.is_valid_code(
        spec.jurisdiction_code) and jurisdiction.covers(spec.jurisdiction_code, c))]
    if bad:
        problems.append(FieldProblem("unit_codes", f"报送单位须在辖区 {spec.jurisdiction_code} 之内: {', '.join(bad)}"))
    return problems


def _due_on(spec: ObligationSpec, day: date) -> Due | None:
    """The deadline the schedule puts on local date `day` (before any postponement), if there is one."""
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


def _postponed(spec: ObligationSpec, due: Due) -> Due:
    """顺延: a deadline on a weekend or public holiday moves to the same time on the next working day; a 调休
    working Saturday or Sunday keeps it. When that needs a year the calendar does not know (CalendarNotCovered),
    the deadline stays at its scheduled instant and carries the year (`not_covered`): unverified, not guessed."""
    if spec.on_rest_day != "postpone":
        return due
    local = due.at.astimezone(SHANGHAI)
    try:
        if is_working_day(local.date()):
            return due
        next_working = add_working_days(local.date(), 1)
    except CalendarNotCovered as error:
        return replace(due, not_covered=error.year)
    moved = datetime.combine(next_working, local.time(), tzinfo=SHANGHAI)
    return Due(due.period, moved.astimezone(timezone.utc), postponed_from=due.at)


# The longest run of rest days (春节 with its weekends) is under three weeks: a deadline scheduled this many days
# before a date may still fall after it once postponed.
_POSTPONE_REACH = 21


def _scheduled(spec: ObligationSpec, days) -> list[Due]:
    return [due for due in (_due_on(spec, day) for day in days) if due is not None]


def next_due(spec: ObligationSpec, after: datetime) -> Due:
    """The first deadline (postponed where the rule says so) strictly after `after`."""
    day = after.astimezone(SHANGHAI).date()
    # Postponement keeps the deadlines' order, so the first in schedule order that lands after `after` is the next.
    # (A deadline left unadjusted for an uncovered year keeps it too: a covered one moves at most to 31 December.)
    for scheduled in _scheduled(spec, (day + timedelta(days=o) for o in range(-_POSTPONE_REACH, 40))):
        due = _postponed(spec, scheduled)
        if due.at > after:
            return due
    raise ValueError("no deadline within 40 days")  # cannot happen: every schedule has one a month


def last_due(spec: ObligationSpec, at: datetime) -> Due | None:
    """The last deadline (postponed where the rule says so) at or before `at` (None if none in the 40 days before)."""
    day = at.astimezone(SHANGHAI).date()
    for scheduled in _scheduled(spec, (day - timedelta(days=o) for o in range(0, 40 + _POSTPONE_REACH))):
        if scheduled.at > at:
            continue  # postponing only moves later
        due = _postponed(spec, scheduled)
        if due.at <= at:
            return due
    return None


def valid_period(kind: str, period: str) -> bool:
    return bool(_PERIOD[kind].fullmatch(period))


def describe(spec: ObligationSpec) -> str:
    """截止时间 in words: "每日 16:00", "每周五 17:00 (遇休息日顺延)", "每月1日 09:00 (遇休息日顺延)"."""
    postponed = " (遇休息日顺延)" if spec.on_rest_day == "postpone" else ""
    if spec.kind == "weekly":
        return f"每周{WEEKDAYS[spec.due_weekday - 1]} {spec.due_time}{postponed}"
    if spec.kind == "monthly":
        return f"每月{spec.due_day}日 {spec.due_time}{postponed}"
    return f"每日 {spec.due_time}{postponed}"


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
