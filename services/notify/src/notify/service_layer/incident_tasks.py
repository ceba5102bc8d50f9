"""From a trace to tasks (一张图 → 行动): the duty officer turns an incident's correlation answer into tasks for the
units that must act, each carried by an urgent notification; acknowledged, escalated when late, completed by a user
or by the device state that confirms a gate or outlet closed."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.engine import Connection, Engine

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import Conflict, NotFound
from ecosafe_kit.eventstore import EventStore, Signer
from ecosafe_kit.messaging.envelope import EventEnvelope
from ecosafe_kit.repository import Repository
from notify.adapters import inbox_queries, register, report_clock_queries, task_queries as q
from notify.adapters.codec import CODEC
from notify.adapters.projections import NOTIFICATION_STREAM, TASK_STREAM
from notify.domain import events as ev
from notify.domain.incident_tasks import KINDS, IncidentTask, IncidentTasks, Owner, TaskDraft, plan, stream_id, task_id
from notify.domain.notification import Notification
from notify.domain.times import local_text
from notify.domain.values import Recipient
from notify.service_layer import permissions
from notify.service_layer.recording import Result, record, record_notification, record_signed
from notify.service_layer.reports import officers_of
from notify.service_layer.routing import Roster

WHAT = "处置任务"
TASKS_SIGNER = Signer(subject="system:notify-tasks", name="处置任务", roles=("admin",), jurisdiction="")


def _notification_id(task_id_: str, what: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"ecosafe:incident-task:{task_id_}:{what}"))


class IncidentTaskService:
    def __init__(self, engine: Engine, clock: Callable[[], datetime], immediate: timedelta, record_url: str,
                 roster: Roster) -> None:
        self.engine = engine
        self.store = EventStore(engine)
        self.clock = clock
        self.immediate = immediate
        self.record_url = record_url
        self.roster = roster
        self.repository: Repository[IncidentTasks] = Repository(self.store, CODEC, IncidentTasks, TASK_STREAM,
                                                                not_found="该事件尚未生成处置任务")
        self.notifications: Repository[Notification] = Repository(self.store, CODEC, Notification,
                                                                  NOTIFICATION_STREAM, not_found="通知不存在")

    # -- the duty officer's one action -------------------------------------------------------------------------
    def dispatch(self, principal: Principal, incident_id: str) -> Result:
        """生成处置任务: every task of the latest correlation answer, each with its notification, signed by the caller."""
        now = self.clock()
        with self.engine.begin() as conn:
            incident = report_clock_queries.incident(conn, incident_id)
            if incident is None:
                raise NotFound(f"事件不存在: {incident_id}", extra={"id": incident_id})
            permissions.ensure_may_manage(principal, incident["jurisdiction_code"], WHAT)
            if q.tasks_of(conn, incident_id):
                raise Conflict("该事件已生成处置任务, 请在任务列表中跟踪", extra={"incident_id": incident_id})
            if not incident["picture"]:
                raise Conflict("该事件尚无关联分析结果 (IncidentCorrelated), 无法生成处置任务", extra={"incident_id": incident_id})
            code = incident["jurisdiction_code"]
            drafts = plan(incident["picture"], code, Owner(code, incident["enterprise_id"], incident["park_id"]),
                          incident["occurred_at"] or incident["correlated_at"] or now, now, self.immediate,
                          lambda fid: q.owner_of(conn, fid), lambda rid: q.reach_code(conn, rid),
                          lambda fid: q.reads_closed(conn, fid))
            if not drafts:
                raise Conflict("关联分析结果中没有需要关闭的排口闸门、下游辖区或应急空间", extra={"incident_id": incident_id})
            tasks, notes = [], []
            for draft in drafts:
                task, note = self._task(conn, incident, draft, now)
                tasks.append(task)
                notes.append(note)
            dispatched = IncidentTasks.dispatch(incident_id, code, incident["drill"], tasks)
            record(conn, self.repository, dispatched, principal)
            for note in notes:
                record_notification(conn, self.store, note, signer_of(principal))
            return Result(incident_id, dispatched.version)

    def _recipients(self, conn: Connection, owner: Owner, at: datetime) -> tuple[list[Recipient], str]:
        """The unit that acts: an enterprise's users, a park's operators, else the area's duty officer and officers."""
        if owner.enterprise_id:
            enterprise = register.find(conn, owner.enterprise_id)
            name = enterprise.name if enterprise else owner.enterprise_id
            return [Recipient("enterprise", owner.enterprise_id, owner.jurisdiction_code, f"企业 {name}")], f"企业 {name}"
        if owner.park_id:
            return ([Recipient("park", owner.park_id, owner.jurisdiction_code, f"园区 {owner.park_id}")],
                    f"园区 {owner.park_id}")
        code = owner.jurisdiction_code
        return ([*self.roster(conn, code, "duty_officer", at), officers_of(code, "承办辖区")],
                f"辖区 {code} 值班员")

    def _task(self, conn: Connection, incident: dict, draft: TaskDraft, now: datetime) -> tuple[IncidentTask, ev.NotificationRouted]:
        incident_id = incident["incident_id"]
        tid = task_id(incident_id, draft.kind, draft.target_id)
        recipients, assignee = self._recipients(conn, draft.owner, now)
        nid = _notification_id(tid, "assigned")
        task = IncidentTask(tid, draft.kind, draft.target_id, draft.target_name, draft.owner.jurisdiction_code,
                            assignee, draft.eta_hours, draft.due_at, nid)
        drill = "【演练】" if incident["drill"] else ""
        eta = f", 预计 {draft.eta_hours:.1f} 小时后污染到达" if draft.eta_hours is not None else ""
        to_do = {"close_outlet": "立即关闭该雨水排口阀门, 阻断事故水外排",
                 "close_gate": "在污染到达前关闭闸门或实施拦截",
                 "downstream_warning": "上游突发环境事件, 污染将进入本辖区: 请做好监测、取水口保护和拦截准备",
                 "use_space": "做好启用该应急空间 (以空间换时间) 的准备, 接收调度指令后引流暂存"}[draft.kind]
        link = self.record_url.format(id=incident_id)
        title = f"{drill}处置任务: {KINDS[draft.kind]} {draft.target_name}{eta}"
        body = "\n".join([f"事件: {incident['pollutant']}泄漏 ({incident['level']}, 辖区 {incident['jurisdiction_code']})",
                          f"任务: {KINDS[draft.kind]} {draft.target_name}", f"承办: {assignee}",
                          f"截止: {local_text(draft.due_at)}", f"处置: {to_do}; 请确认接收, 完成后在任务中登记",
                          f"详情: {link}"])
        note = ev.NotificationRouted(
            notification_id=nid, source_event_id=f"{tid}:assigned",
            source_event_type="ecosafe.notify.v1.IncidentTasksDispatched", event_type="incident.task",
            subject_id=incident_id, jurisdiction_code=draft.owner.jurisdiction_code, title=title, body=body, link=link,
            urgent=not incident["drill"], recipients=tuple(recipients), drill=incident["drill"],
            matches=(ev.RuleMatch(f"incident-task:{tid}", f"{KINDS[draft.kind]}任务", 1,
                                  (f"事件关联分析: {KINDS[draft.kind]} {draft.target_name}{eta}",),
                                  tuple(range(len(recipients)))),))
        return task, note

    # -- the units ---------------------------------------------------------------------------------------------
    def acknowledge(self, principal: Principal, incident_id: str, task_id_: str, note: str) -> Result:
        """确认接收: by a user the task's notification reaches; acknowledges that notification too (stops its escalation)."""
        with self.engine.begin() as conn:
            tasks, task = self._addressed(conn, principal, incident_id, task_id_)
            if tasks.acknowledge(task_id_, principal.subject, note):
                record(conn, self.repository, tasks, principal)
                notification = self.notifications.get(conn, task.notification_id)
                if notification.acknowledge(principal.subject, note,
                                            inbox_queries.unit_of(conn, principal, task.notification_id)):
                    record(conn, self.notifications, notification, principal)
            return Result(task_id_, tasks.version)

    def complete(self, principal: Principal, incident_id: str, task_id_: str, note: str) -> Result:
        """完成登记: by the unit or an officer managing the incident's area; a task is completed once (else 409)."""
        with self.engine.begin() as conn:
            tasks, _ = self._addressed(conn, principal, incident_id, task_id_, managers_too=True)
            tasks.complete(task_id_, note)
            record(conn, self.repository, tasks, principal)
            return Result(task_id_, tasks.version)

    def complete_by_device(self, conn: Connection, envelope: EventEnvelope, facility_id: str, state: str) -> int:
        """In the facility consumer's transaction: a "closed" reading completes the open tasks to close it."""
        if state != "closed":
            return 0
        done = 0
        for incident_id in q.incidents_closed_by(conn, facility_id):
            tasks = self.repository.get(conn, stream_id(incident_id))
            for task in tasks.closed_by(facility_id):
                tasks.complete(task.task_id, f"设备状态确认已关闭 ({envelope.signer.name or envelope.signer.subject})",
                               "device", str(envelope.event_id))
                done += 1
            record_signed(conn, self.repository, tasks, TASKS_SIGNER)
        return done

    # -- the sweep ---------------------------------------------------------------------------------------------
    def run_once(self) -> list[str]:
        """Escalate the tasks not completed by their deadline; returns the escalated task ids."""
        now = self.clock()
        with self.engine.connect() as conn:
            ids = q.overdue_incidents(conn, now)
        done = []
        for incident_id in ids:
            with self.engine.begin() as conn:
                tasks = self.repository.get(conn, stream_id(incident_id))
                incident = report_clock_queries.incident(conn, incident_id)
                for task in tasks.due_escalations(now):
                    note = self._overdue_notice(conn, tasks, incident, task, now)
                    tasks.escalate(task.task_id, note.notification_id)
                    record_notification(conn, self.store, note, TASKS_SIGNER)
                    done.append(task.task_id)
                if tasks.pending_events:
                    record_signed(conn, self.repository, tasks, TASKS_SIGNER)
        return done

    def _overdue_notice(self, conn: Connection, tasks: IncidentTasks, incident: dict, task: IncidentTask,
                        now: datetime) -> ev.NotificationRouted:
        recipients: list[Recipient] = []
        for code in dict.fromkeys([task.jurisdiction_code, tasks.jurisdiction_code]):
            for position in ("leader", "duty_officer"):
                recipients += self.roster(conn, code, position, now)
            recipients.append(officers_of(code, "承办辖区" if code == task.jurisdiction_code else "事发地"))
        recipients = list({r.key: r for r in recipients}.values())
        drill = "【演练】" if tasks.drill else ""
        link = self.record_url.format(id=tasks.incident_id)
        nid = _notification_id(task.task_id, "overdue")
        return ev.NotificationRouted(
            notification_id=nid, source_event_id=f"{task.task_id}:overdue",
            source_event_type="ecosafe.notify.v1.IncidentTaskEscalated", event_type="incident.task_overdue",
            subject_id=tasks.incident_id, jurisdiction_code=task.jurisdiction_code,
            title=f"{drill}处置任务超时: {KINDS[task.kind]} {task.target_name} ({task.assignee})",
            body="\n".join([f"事件: {incident['pollutant'] if incident else ''}泄漏 (辖区 {tasks.jurisdiction_code})",
                            f"任务: {KINDS[task.kind]} {task.target_name}", f"承办: {task.assignee}",
                            f"截止: {local_text(task.due_at)}, 至今未完成",
                            "处置: 请带班领导督促承办单位立即处置, 或调整部署", f"详情: {link}"]),
            link=link, urgent=not tasks.drill, drill=tasks.drill, recipients=tuple(recipients),
            matches=(ev.RuleMatch(f"incident-task:{task.task_id}", f"{KINDS[task.kind]}任务超时", tasks.version,
                                  (f"截止 {local_text(task.due_at)} 未完成",), tuple(range(len(recipients)))),))

    # -- reading -----------------------------------------------------------------------------------------------
    def get(self, principal: Principal, incident_id: str) -> dict:
        """Managers of the incident's area and whoever a notification about it reached (else 404)."""
        with self.engine.connect() as conn:
            incident = report_clock_queries.incident(conn, incident_id)
            if incident is None or not (permissions.may_manage(principal, incident["jurisdiction_code"])
                                        or inbox_queries.reaches_subject(conn, principal, incident_id)):
                raise NotFound(f"事件不存在: {incident_id}", extra={"id": incident_id})
            rows = q.tasks_of(conn, incident_id)
        now = self.clock()
        return {"incident_id": incident_id, "jurisdiction_code": incident["jurisdiction_code"],
                "drill": incident["drill"], "correlated": bool(incident["picture"]),
                "version": rows[0]["version"] if rows else 0,
                "tasks": [{**row, "label": KINDS[row["kind"]],
                           "status": ("completed" if row["completed_at"] else
                                      "acknowledged" if row["acknowledged_at"] else "assigned"),
                           "late": bool(row["escalated_at"]) or (row["completed_at"] or now) > row["due_at"]}
                          for row in rows]}

    def _addressed(self, conn: Connection, principal: Principal, incident_id: str, task_id_: str,
                   managers_too: bool = False) -> tuple[IncidentTasks, IncidentTask]:
        rows = {r["task_id"]: r for r in q.tasks_of(conn, incident_id)}
        row = rows.get(task_id_)
        incident = report_clock_queries.incident(conn, incident_id)
        allowed = row is not None and (
            inbox_queries.reaches(conn, principal, row["notification_id"])
            or (managers_too and incident is not None
                and permissions.may_manage(principal, incident["jurisdiction_code"])))
        if not allowed:
            raise NotFound(f"处置任务不存在: {task_id_}", extra={"id": task_id_})
        tasks = self.repository.get(conn, stream_id(incident_id))
        return tasks, tasks.task(task_id_)
