"""Response tasks of an incident (一张图 → 行动): planned from its correlation answer, acknowledged, escalated, done."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import Conflict

KINDS = {"close_outlet": "关闭雨水排口", "close_gate": "关闭闸门/拦截", "downstream_warning": "下游预警",
         "use_space": "启用应急空间"}
# Tasks a device's "closed" reading completes.
CLOSING = ("close_outlet", "close_gate")


@dataclass(frozen=True)
class Owner:
    """Who operates or keeps a facility, as the register of the map says: an enterprise, a park, else an area."""

    jurisdiction_code: str
    enterprise_id: str | None = None
    park_id: str | None = None


@dataclass(frozen=True)
class TaskDraft:
    """A task the answer asks for, before its notification is addressed."""

    kind: str
    target_id: str
    target_name: str
    owner: Owner
    eta_hours: float | None
    due_at: datetime


@dataclass(frozen=True)
class IncidentTask:
    task_id: str
    kind: str
    target_id: str
    target_name: str
    jurisdiction_code: str
    assignee: str
    eta_hours: float | None
    due_at: datetime
    notification_id: str


@dataclass(frozen=True)
class IncidentTasksDispatched:
    incident_id: str
    jurisdiction_code: str
    drill: bool
    tasks: tuple[IncidentTask, ...]


@dataclass(frozen=True)
class IncidentTaskAcknowledged:
    incident_id: str
    task_id: str
    user_id: str
    note: str = ""


@dataclass(frozen=True)
class IncidentTaskEscalated:
    incident_id: str
    task_id: str
    notification_id: str


@dataclass(frozen=True)
class IncidentTaskCompleted:
    incident_id: str
    task_id: str
    note: str
    source: str  # "manual" or "device"
    device_event_id: str = ""


TASK_EVENTS = (IncidentTasksDispatched, IncidentTaskAcknowledged, IncidentTaskEscalated, IncidentTaskCompleted)


def stream_id(incident_id: str) -> str:
    """The tasks' stream: its own id (the incident's id already names its report clocks' stream)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"ecosafe:incident-tasks:{incident_id}"))


def task_id(incident_id: str, kind: str, target_id: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"ecosafe:incident-task:{incident_id}:{kind}:{target_id}"))


def plan(picture: dict, incident_code: str, incident_owner: Owner, started_at: datetime, dispatched_at: datetime,
         immediate: timedelta, owner_of: Callable[[str], Owner | None],
         reach_code: Callable[[str], str | None],
         closed: Callable[[str], bool] = lambda facility_id: False) -> list[TaskDraft]:
    """The tasks of a correlation answer: the outlets to close first (the plant's, due at once), the gates and
    interception points downstream (due at their ETA), each other jurisdiction the trace reaches (a warning due at the
    first arrival there) and the emergency spaces that hold the spill before the first sensitive target (due at their
    ETA). A facility the notify register does not know is given to the incident's own area; a gate or outlet whose
    last reading is "closed" needs no task (the answer lists every gate on the way, whatever its state)."""

    def due(eta: float | None) -> datetime:
        if eta is None:
            return dispatched_at + immediate
        return max(started_at + timedelta(hours=eta), dispatched_at)

    drafts: list[TaskDraft] = []
    third = ((picture.get("lines_of_defence") or {}).get("third") or {})
    for outlet in third.get("close_first") or []:
        if closed(outlet["facility_id"]):
            continue
        owner = owner_of(outlet["facility_id"]) or incident_owner
        drafts.append(TaskDraft("close_outlet", outlet["facility_id"], outlet.get("name") or outlet["facility_id"],
                                owner, None, due(None)))
    downstream = picture.get("downstream") or {}
    for gate in downstream.get("gates_to_close") or []:
        if closed(gate["facility_id"]):
            continue
        eta = gate.get("eta_hours")
        drafts.append(TaskDraft("close_gate", gate["facility_id"], gate.get("name") or gate["facility_id"],
                                owner_of(gate["facility_id"]) or Owner(incident_code), eta, due(eta)))
    first_arrival: dict[str, float] = {}
    for reach in downstream.get("reaches") or []:
        code = reach_code(reach["reach_id"])
        if code and code != incident_code and code not in first_arrival:
            first_arrival[code] = reach.get("hours_at_start") or 0.0
    for code in picture.get("downstream_jurisdiction_codes") or []:
        first_arrival.setdefault(code, None)
    for code, eta in first_arrival.items():
        drafts.append(TaskDraft("downstream_warning", code, f"辖区 {code}", Owner(code), eta, due(eta)))
    for space in downstream.get("emergency_spaces") or []:
        eta = space.get("eta_hours")
        drafts.append(TaskDraft("use_space", space["facility_id"], space.get("name") or space["facility_id"],
                                owner_of(space["facility_id"]) or Owner(incident_code), eta, due(eta)))
    # One task per thing to do, even if the answer names a facility twice.
    unique: dict[tuple[str, str], TaskDraft] = {}
    for draft in drafts:
        unique.setdefault((draft.kind, draft.target_id), draft)
    return list(unique.values())


class IncidentTasks(Aggregate):
    """The response tasks of one incident (stream id: `stream_id(incident_id)`)."""

    def _init_state(self) -> None:
        self.incident_id = ""
        self.jurisdiction_code = ""
        self.drill = False
        self.tasks: dict[str, IncidentTask] = {}
        self.acknowledged: dict[str, set[str]] = {}
        self.escalated: set[str] = set()
        self.completed: set[str] = set()

    @classmethod
    def dispatch(cls, incident_id: str, jurisdiction_code: str, drill: bool,
                 tasks: list[IncidentTask]) -> IncidentTasks:
        dispatched = cls(stream_id(incident_id))
        dispatched._init_state()
        dispatched._record(IncidentTasksDispatched(incident_id, jurisdiction_code, drill, tuple(tasks)))
        return dispatched

    def task(self, task_id_: str) -> IncidentTask | None:
        return self.tasks.get(task_id_)

    def acknowledge(self, task_id_: str, user_id: str, note: str) -> bool:
        """False (nothing recorded) when the user already acknowledged it."""
        if user_id in self.acknowledged.get(task_id_, set()):
            return False
        self._record(IncidentTaskAcknowledged(self.incident_id, task_id_, user_id, note))
        return True

    def complete(self, task_id_: str, note: str, source: str = "manual", device_event_id: str = "") -> None:
        if task_id_ in self.completed:
            raise Conflict("该任务已完成", extra={"task_id": task_id_})
        self._record(IncidentTaskCompleted(self.incident_id, task_id_, note, source, device_event_id))

    def closed_by(self, facility_id: str) -> list[IncidentTask]:
        """Open gate and outlet tasks a "closed" reading of `facility_id` completes."""
        return [t for t in self.tasks.values()
                if t.kind in CLOSING and t.target_id == facility_id and t.task_id not in self.completed]

    def due_escalations(self, now: datetime) -> list[IncidentTask]:
        return [t for t in self.tasks.values()
                if t.task_id not in self.completed | self.escalated and t.due_at <= now]

    def escalate(self, task_id_: str, notification_id: str) -> None:
        self._record(IncidentTaskEscalated(self.incident_id, task_id_, notification_id))

    def apply_IncidentTasksDispatched(self, event: IncidentTasksDispatched) -> None:
        self.incident_id = event.incident_id
        self.jurisdiction_code = event.jurisdiction_code
        self.drill = event.drill
        self.tasks = {t.task_id: t for t in event.tasks}

    def apply_IncidentTaskAcknowledged(self, event: IncidentTaskAcknowledged) -> None:
        self.acknowledged.setdefault(event.task_id, set()).add(event.user_id)

    def apply_IncidentTaskEscalated(self, event: IncidentTaskEscalated) -> None:
        self.escalated.add(event.task_id)

    def apply_IncidentTaskCompleted(self, event: IncidentTaskCompleted) -> None:
        self.completed.add(event.task_id)

