"""Reports due (报送任务): obligations, submissions (零报告 too), reminders before the deadline and the escalation
to the receiving office when a unit misses it; every step an event, every reminder a notification."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime, timedelta

from sqlalchemy.engine import Connection, Engine

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import FieldProblem, NotFound
from ecosafe_kit.eventstore import EventStore, Signer
from ecosafe_kit.repository import Repository
from notify.adapters import report_queries as q
from notify.adapters.codec import CODEC
from notify.adapters.projections import REPORT_STREAM
from notify.domain import events as ev
from notify.domain.reporting import (
    KINDS, Due, ObligationSpec, ReportObligation, ReportObligationCreated, describe, last_due, next_due, problems_of,
    valid_period,
)
from notify.domain.times import local_text
from notify.domain.values import Recipient
from notify.service_layer import permissions
from notify.service_layer.recording import (
    Result, record, record_new, record_notification, record_signed, refuse,
)

log = logging.getLogger(__name__)

WHAT = "报送任务"
REPORTS_SIGNER = Signer(subject="system:notify-reports", name="报送提醒", roles=("admin",), jurisdiction="")


def officers_of(code: str, label: str) -> Recipient:
    """The officers of a unit: the city bureau's for a city code, else the county bureau's (towns included)."""
    role = Role.city_officer if jurisdiction.level_of(code) <= jurisdiction.Level.city else Role.county_officer
    return Recipient("role", role.value, code, f"{label} ({role.label}, 辖区 {code})")


class Reports:
    def __init__(self, engine: Engine, clock: Callable[[], datetime], record_url: str) -> None:
        self.engine = engine
        self.store = EventStore(engine)
        self.clock = clock
        self.record_url = record_url
        self.repository: Repository[ReportObligation] = Repository(self.store, CODEC, ReportObligation,
                                                                   REPORT_STREAM, not_found="报送任务不存在")
        # The year each obligation's deadlines are stuck at; (obligation, year) pairs already logged, once each.
        self.not_covered: dict[str, int] = {}
        self._logged: set[tuple[str, int]] = set()

    def create(self, principal: Principal, spec: ObligationSpec) -> Result:
        refuse(problems_of(spec))
        permissions.ensure_may_manage(principal, spec.jurisdiction_code, WHAT)
        # Never refused for the calendar: a deadline in a year it lacks is shown unadjusted with calendar_problem.
        obligation_id = str(uuid.uuid4())
        with self.engine.begin() as conn:
            # Stamped on the service's clock: the worker reports no miss for deadlines before the obligation existed.
            record_new(conn, self.store, REPORT_STREAM, obligation_id, ReportObligationCreated(obligation_id, spec),
                       signer_of(principal), occurred_at=self.clock())
        return Result(obligation_id, 1)

    def submit(self, principal: Principal, obligation_id: str, unit_code: str, period: str, zero_report: bool,
               summary: str) -> Result:
        """报送 by an officer of the unit (or above it)."""
        with self.engine.begin() as conn:
            obligation = self._load_visible(conn, principal, obligation_id)
            spec = obligation.spec
            problems = []
            if unit_code not in spec.unit_codes:
                problems.append(FieldProblem("unit_code", f"{unit_code} 不是此任务的报送单位"))
            if not valid_period(spec.kind, period):
                problems.append(FieldProblem("period", f"{KINDS[spec.kind]}报送的期次格式: "
                                                       + {"daily": "2026-12-06", "weekly": "2026-W49",
                                                          "monthly": "2026-11"}[spec.kind]))
            if zero_report and not spec.zero_report_allowed:
                problems.append(FieldProblem("zero_report", "此任务不适用零报告"))
            if not zero_report and not summary.strip():
                problems.append(FieldProblem("summary", "非零报告须填写报送内容"))
            refuse(problems)
            permissions.ensure_may_manage(principal, unit_code, WHAT)
            obligation.submit(unit_code, period, zero_report, summary)
            record(conn, self.repository, obligation, principal)
            return Result(obligation.id, obligation.version)

    def get(self, principal: Principal, obligation_id: str) -> dict:
        with self.engine.connect() as conn:
            row = self._visible(conn, principal, obligation_id)
            row["status"] = q.statuses(conn, obligation_id)
        spec = spec_of(row)
        row["spec"] = _shown(spec)
        row["deadline"] = describe(spec)
        upcoming = next_due(spec, self.clock())
        row["next_due"] = {"period": upcoming.period, "at": upcoming.at, "postponed_from": upcoming.postponed_from}
        row["calendar_problem"] = upcoming.calendar_problem
        return row

    def list(self, principal: Principal) -> list[dict]:
        permissions.ensure_rule_role(principal, WHAT)
        with self.engine.connect() as conn:
            rows = q.listed(conn)
        for row in rows:
            row["spec"] = _shown(spec_of(row))
        return [r for r in rows if permissions.may_see(principal, r["jurisdiction_code"])
                or any(permissions.may_manage(principal, u) for u in r["spec"]["unit_codes"])]

    def run_once(self) -> list[tuple[str, str, str, str]]:
        """Remind the units whose next deadline is near, report the ones that missed the last one; returns
        (obligation, unit, period, "reminded" | "missed") for what it recorded."""
        now = self.clock()
        with self.engine.connect() as conn:
            ids = q.all_ids(conn)
        done = []
        for obligation_id in ids:
            with self.engine.begin() as conn:
                done += self._sweep(conn, obligation_id, now)
        return done

    def _sweep(self, conn: Connection, obligation_id: str, now: datetime) -> list[tuple[str, str, str, str]]:
        obligation = self.repository.get(conn, obligation_id)
        spec = obligation.spec
        created = self.store.load(conn, obligation_id)[0].occurred_at
        done = []
        self.not_covered.pop(obligation_id, None)
        # A deadline the calendar could not check is due at its unadjusted instant: reminded and missed by it, the
        # notices saying it is unverified (README: Deadlines on rest days).
        upcoming = self._checked(obligation_id, next_due(spec, now))
        if now >= upcoming.at - timedelta(minutes=spec.remind_minutes_before):
            for unit in spec.unit_codes:
                note = self._notice(obligation, unit, upcoming, missed=False)
                if obligation.remind(unit, upcoming.period, note.notification_id):
                    record_notification(conn, self.store, note, REPORTS_SIGNER)
                    done.append((obligation_id, unit, upcoming.period, "reminded"))
        passed = last_due(spec, now)
        if passed is not None and passed.at >= created:
            self._checked(obligation_id, passed)
            for unit in spec.unit_codes:
                note = self._notice(obligation, unit, passed, missed=True)
                if obligation.miss(unit, passed.period, note.notification_id):
                    record_notification(conn, self.store, note, REPORTS_SIGNER)
                    done.append((obligation_id, unit, passed.period, "missed"))
        if obligation.pending_events:
            record_signed(conn, self.repository, obligation, REPORTS_SIGNER)
        return done

    def _checked(self, obligation_id: str, due: Due) -> Due:
        """Note a deadline the calendar could not check (CalendarNotCovered): kept in `not_covered`, logged once
        per obligation and year, the worker carrying on."""
        if due.not_covered is not None:
            self.not_covered[obligation_id] = due.not_covered
            if (obligation_id, due.not_covered) not in self._logged:
                self._logged.add((obligation_id, due.not_covered))
                log.warning("report obligation %s, period %s: %s", obligation_id, due.period,
                            due.calendar_problem["detail"])
        return due

    def _notice(self, obligation: ReportObligation, unit: str, due: Due, missed: bool) -> ev.NotificationRouted:
        spec = obligation.spec
        kind = "report.missed" if missed else "report.reminder"
        notification_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"ecosafe:report:{obligation.id}:{unit}:{due.period}:{kind}"))
        zero = " (无事项的报零报告)" if spec.zero_report_allowed else ""
        link = self.record_url.format(id=obligation.id)
        if missed:
            title = f"逾期未报: {spec.name} {due.period} 期 (辖区 {unit})"
            recipients = (officers_of(spec.jurisdiction_code, "接收单位"), officers_of(unit, "报送单位"))
            to_do = f"请督促辖区 {unit} 立即补报{zero}, 并说明逾期原因。"
        else:
            title = f"报送提醒: {spec.name} {due.period} 期"
            recipients = (officers_of(unit, "报送单位"),)
            to_do = f"请在截止前报送{zero}。"
        postponed = (f" (原定 {local_text(due.postponed_from)}, 遇休息日顺延)" if due.postponed_from is not None
                     else "")
        unverified = [] if due.not_covered is None else [f"注意: 截止时间未经核对 — {due.calendar_problem['detail']}"]
        body = "\n".join([f"事件: {'逾期未报' if missed else '报送即将截止'}", f"任务: {spec.name} ({describe(spec)} 截止)",
                          f"期次: {due.period}, 截止 {local_text(due.at)}{postponed}", *unverified,
                          f"报送单位: 辖区 {unit}", f"处置: {to_do}", f"详情: {link}"])
        reasons = (f"报送任务 {spec.name}: 辖区 {unit} 的 {due.period} 期"
                   + ("截止时未报送" if missed else f"距截止不足 {spec.remind_minutes_before} 分钟且尚未报送"),)
        return ev.NotificationRouted(
            notification_id=notification_id, source_event_id=f"{obligation.id}:{unit}:{due.period}:{kind}",
            source_event_type="ecosafe.notify.v1." + ("ReportMissed" if missed else "ReportReminded"),
            event_type=kind, subject_id=obligation.id, jurisdiction_code=unit, title=title, body=body, link=link,
            urgent=missed, recipients=recipients,
            matches=(ev.RuleMatch(f"report:{obligation.id}", spec.name, obligation.version, reasons,
                                  tuple(range(len(recipients)))),))

    def _visible(self, conn: Connection, principal: Principal, obligation_id: str) -> dict:
        row = q.one(conn, obligation_id)
        if row is None or not (permissions.may_see(principal, row["jurisdiction_code"])
                               or any(permissions.may_manage(principal, u) for u in row["spec"]["unit_codes"])):
            raise NotFound(f"报送任务不存在: {obligation_id}", extra={"id": obligation_id})
        return row

    def _load_visible(self, conn: Connection, principal: Principal, obligation_id: str) -> ReportObligation:
        self._visible(conn, principal, obligation_id)
        return self.repository.get(conn, obligation_id)


def _shown(spec: ObligationSpec) -> dict:
    """The spec as the API shows it, the rest-day rule filled in for obligations recorded before it existed."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(spec).items()}


def spec_of(row: dict) -> ObligationSpec:
    return ObligationSpec(**{k: tuple(v) if isinstance(v, list) else v for k, v in row["spec"].items()})
