"""Report clocks of an incident (突发环境事件信息报告: 初报, 续报, 处理结果报告): limits by level and the aggregate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import Conflict

STAGES = {"initial": "初报", "follow_up": "续报", "final": "处理结果报告"}
LEVELS = ("一般", "较大", "重大", "特别重大")


@dataclass(frozen=True)
class ClockLimits:
    """Hours from the incident's report to each report's deadline; the initial one by level (see the README)."""

    initial_hours: dict[str, float]
    follow_up_hours: float
    final_hours: float
    remind_minutes_before: float

    def hours(self, stage: str, level: str) -> float:
        if stage == "initial":
            # An incident not yet graded is held to the strictest limit: it may turn out major.
            return self.initial_hours.get(level, min(self.initial_hours.values()))
        return self.follow_up_hours if stage == "follow_up" else self.final_hours


@dataclass(frozen=True)
class ReportClock:
    stage: str
    limit_hours: float
    due_at: datetime


@dataclass(frozen=True)
class ReportClocksStarted:
    incident_id: str
    jurisdiction_code: str
    level: str
    started_at: datetime
    clocks: tuple[ReportClock, ...]


@dataclass(frozen=True)
class ReportClockReminded:
    incident_id: str
    stage: str
    notification_id: str


@dataclass(frozen=True)
class ReportClockMissed:
    incident_id: str
    stage: str
    notification_id: str


@dataclass(frozen=True)
class ReportClockSubmitted:
    incident_id: str
    stage: str
    summary: str


CLOCK_EVENTS = (ReportClocksStarted, ReportClockReminded, ReportClockMissed, ReportClockSubmitted)


class IncidentReportClocks(Aggregate):
    """The three report clocks of one incident (stream id = the incident's id)."""

    def _init_state(self) -> None:
        self.jurisdiction_code = ""
        self.level = ""
        self.clocks: dict[str, ReportClock] = {}
        self.submitted: set[str] = set()
        self.reminded: set[str] = set()
        self.missed: set[str] = set()

    @classmethod
    def start(cls, incident_id: str, jurisdiction_code: str, level: str, started_at: datetime,
              limits: ClockLimits) -> IncidentReportClocks:
        clocks = cls(incident_id)
        clocks._init_state()
        clocks._record(ReportClocksStarted(incident_id, jurisdiction_code, level, started_at, tuple(
            ReportClock(stage, limits.hours(stage, level), started_at + timedelta(hours=limits.hours(stage, level)))
            for stage in STAGES)))
        return clocks

    def submit(self, stage: str, summary: str) -> None:
        if stage in self.submitted:
            raise Conflict(f"{STAGES[stage]}已报送", extra={"field": "stage", "stage": stage})
        if stage != "initial" and "initial" not in self.submitted:
            # 续报 and 处理结果报告 build on the 初报 (办法第十二条): the initial report comes first.
            raise Conflict(f"须先报送初报, 再报送{STAGES[stage]}", extra={"field": "stage", "stage": stage})
        self._record(ReportClockSubmitted(self.id, stage, summary))

    def due_reminders(self, now: datetime, remind_before: timedelta) -> list[ReportClock]:
        return [c for c in self.clocks.values() if c.stage not in self.submitted | self.reminded | self.missed
                and c.due_at - remind_before <= now < c.due_at]

    def due_misses(self, now: datetime) -> list[ReportClock]:
        return [c for c in self.clocks.values() if c.stage not in self.submitted | self.missed and c.due_at <= now]

    def remind(self, stage: str, notification_id: str) -> None:
        self._record(ReportClockReminded(self.id, stage, notification_id))

    def miss(self, stage: str, notification_id: str) -> None:
        self._record(ReportClockMissed(self.id, stage, notification_id))

    def apply_ReportClocksStarted(self, event: ReportClocksStarted) -> None:
        self.jurisdiction_code = event.jurisdiction_code
        self.level = event.level
        self.clocks = {c.stage: c for c in event.clocks}

    def apply_ReportClockReminded(self, event: ReportClockReminded) -> None:
        self.reminded.add(event.stage)

    def apply_ReportClockMissed(self, event: ReportClockMissed) -> None:
        self.missed.add(event.stage)

    def apply_ReportClockSubmitted(self, event: ReportClockSubmitted) -> None:
        self.submitted.add(event.stage)
