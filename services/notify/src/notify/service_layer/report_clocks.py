"""Report clocks of incidents (突发环境事件信息报告): started when an incident is reported, a reminder to the duty
officer before each deadline, an urgent notice to the leader on duty and the bureau above when one is missed, and
the officers' submissions that stop them; every step an event."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.engine import Connection, Engine

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.errors import NotFound
from ecosafe_kit.eventstore import EventStore, Signer
from ecosafe_kit.messaging.envelope import EventEnvelope
from ecosafe_kit.repository import Repository
from notify.adapters import inbox_queries, report_clock_queries as q
from notify.adapters.codec import CODEC
from notify.adapters.projections import CLOCK_STREAM
from notify.domain import events as ev
from notify.domain.report_clocks import STAGES, ClockLimits, IncidentReportClocks, ReportClock
from notify.domain.times import local_text
from notify.domain.values import Recipient
from notify.service_layer import permissions
from notify.service_layer.recording import Result, record, record_notification, record_signed
from notify.service_layer.reports import officers_of
from notify.service_layer.routing import Roster

WHAT = "事件信息报告"
CLOCKS_SIGNER = Signer(subject="system:notify-report-clocks", name="报告时限", roles=("admin",), jurisdiction="")


def _superior(code: str) -> str | None:
    """The bureau a county (or town) reports to: its city's (or county's); a city's superior is not on the platform."""
    level = jurisdiction.level_of(code)
    if level == jurisdiction.Level.county:
        return code[:4] + "00"
    if level >= jurisdiction.Level.town:
        return code[:6]
    return None


class ReportClocks:
    def __init__(self, engine: Engine, clock: Callable[[], datetime], limits: ClockLimits, record_url: str,
                 roster: Roster) -> None:
        self.engine = engine
        self.store = EventStore(engine)
        self.clock = clock
        self.limits = limits
        self.record_url = record_url
        self.roster = roster
        self.repository: Repository[IncidentReportClocks] = Repository(
            self.store, CODEC, IncidentReportClocks, CLOCK_STREAM, not_found="该事件没有报告时限")

    def start(self, conn: Connection, envelope: EventEnvelope) -> bool:
        """Start the clocks of a reported incident, in the consumer's transaction (so exactly once); a drill or an
        incident routing could not place starts none."""
        incident = q.incident(conn, envelope.stream_id)
        if incident is None or incident["drill"] or q.clocks_of(conn, envelope.stream_id):
            return False
        clocks = IncidentReportClocks.start(envelope.stream_id, incident["jurisdiction_code"], incident["level"],
                                            envelope.occurred_at, self.limits)
        record_signed(conn, self.repository, clocks, CLOCKS_SIGNER)
        return True

    def run_once(self) -> list[tuple[str, str, str]]:
        """Remind and report missed clocks; returns (incident, stage, "reminded" | "missed") for what it recorded."""
        now = self.clock()
        remind_before = timedelta(minutes=self.limits.remind_minutes_before)
        with self.engine.connect() as conn:
            ids = q.due_incidents(conn, now + remind_before)
        done = []
        for incident_id in ids:
            with self.engine.begin() as conn:
                clocks = self.repository.get(conn, incident_id)
                for due in clocks.due_misses(now):
                    note = self._notice(conn, clocks, due, missed=True, now=now)
                    clocks.miss(due.stage, note.notification_id)
                    record_notification(conn, self.store, note, CLOCKS_SIGNER)
                    done.append((incident_id, due.stage, "missed"))
                for due in clocks.due_reminders(now, remind_before):
                    note = self._notice(conn, clocks, due, missed=False, now=now)
                    clocks.remind(due.stage, note.notification_id)
                    record_notification(conn, self.store, note, CLOCKS_SIGNER)
                    done.append((incident_id, due.stage, "reminded"))
                if clocks.pending_events:
                    record_signed(conn, self.repository, clocks, CLOCKS_SIGNER)
        return done

    def submit(self, principal: Principal, incident_id: str, stage: str, summary: str) -> Result:
        """报送 a report by an officer of the incident's area (or above): its clock stops."""
        with self.engine.begin() as conn:
            code = self._visible(conn, principal, incident_id)[0]["jurisdiction_code"]
            permissions.ensure_may_manage(principal, code, WHAT)
            clocks = self.repository.get(conn, incident_id)
            clocks.submit(stage, summary)
            record(conn, self.repository, clocks, principal)
            return Result(clocks.id, clocks.version)

    def get(self, principal: Principal, incident_id: str) -> dict:
        with self.engine.connect() as conn:
            rows = self._visible(conn, principal, incident_id)
        first = rows[0]
        return {"incident_id": incident_id, "jurisdiction_code": first["jurisdiction_code"], "level": first["level"],
                "started_at": first["started_at"], "version": first["version"],
                "clocks": [{**{k: r[k] for k in ("stage", "limit_hours", "due_at", "reminded_at", "missed_at",
                                                  "submitted_at", "submitted_by", "summary")},
                            "label": STAGES[r["stage"]],
                            "status": "submitted" if r["submitted_at"] else "missed" if r["missed_at"] else "running",
                            "late": r["missed_at"] is not None} for r in rows]}

    def _visible(self, conn: Connection, principal: Principal, incident_id: str) -> list[dict]:
        """Scoped like the incident's notifications: managers of its area and the people they reached."""
        rows = q.clocks_of(conn, incident_id)
        if not rows or not (permissions.may_manage(principal, rows[0]["jurisdiction_code"])
                            or inbox_queries.reaches_subject(conn, principal, incident_id)):
            raise NotFound(f"该事件没有报告时限或不可见: {incident_id}", extra={"id": incident_id})
        return rows

    def _on_duty(self, conn: Connection, code: str, positions: tuple[str, ...], at: datetime) -> list[Recipient]:
        return [r for position in positions for r in self.roster(conn, code, position, at)]

    def _notice(self, conn: Connection, clocks: IncidentReportClocks, due: ReportClock, missed: bool,
                now: datetime) -> ev.NotificationRouted:
        code, stage, label = clocks.jurisdiction_code, due.stage, STAGES[due.stage]
        kind = "incident.report_missed" if missed else "incident.report_due"
        link = self.record_url.format(id=clocks.id)
        level = f"{clocks.level}突发环境事件"
        if missed:
            title = f"报告超时: {level}{label}已过时限 (辖区 {code})"
            recipients = [*self._on_duty(conn, code, ("duty_officer", "leader"), now), officers_of(code, "事发地")]
            superior = _superior(code)
            if superior is not None:
                recipients.append(officers_of(superior, "上一级生态环境部门"))
            to_do = f"请立即补报{label}, 并说明超时原因。"
        else:
            title = f"报告时限提醒: {level}{label} {local_text(due.due_at)} 截止"
            recipients = [*self._on_duty(conn, code, ("duty_officer",), now), officers_of(code, "事发地")]
            to_do = f"请在截止前报送{label}。"
        body = "\n".join([f"事件: {'报告超时' if missed else '报告即将截止'}", f"报告: {label} ({level}, 时限 {due.limit_hours:g} 小时)",
                          f"截止: {local_text(due.due_at)}", f"辖区: {code}", f"处置: {to_do}", f"详情: {link}"])
        reasons = (f"{level}{label}时限 {due.limit_hours:g} 小时: "
                   + ("截止时未报送" if missed else f"距截止不足 {self.limits.remind_minutes_before:g} 分钟且尚未报送"),)
        notification_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"ecosafe:report-clock:{clocks.id}:{stage}:{kind}"))
        return ev.NotificationRouted(
            notification_id=notification_id, source_event_id=f"{clocks.id}:{stage}:{kind}",
            source_event_type="ecosafe.notify.v1." + ("ReportClockMissed" if missed else "ReportClockReminded"),
            event_type=kind, subject_id=clocks.id, jurisdiction_code=code, title=title, body=body, link=link,
            urgent=missed, recipients=tuple(recipients),
            matches=(ev.RuleMatch(f"report-clock:{clocks.id}", f"{label}时限", clocks.version, reasons,
                                  tuple(range(len(recipients)))),))
