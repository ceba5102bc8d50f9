"""Planning response tasks from a correlation answer, and the task lifecycle of an incident."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ecosafe_kit.errors import Conflict
from notify.adapters.codec import CODEC
from notify.domain.incident_tasks import IncidentTask, IncidentTasks, Owner, plan, task_id

T0 = datetime(2026, 12, 6, 8, 0, tzinfo=timezone.utc)
PICTURE = {
    "lines_of_defence": {"third": {"close_first": [{"facility_id": "o1", "name": "1号雨水排口", "priority": 1}]}},
    "downstream": {
        "reaches": [{"reach_id": "r1", "hours_at_start": 0.0}, {"reach_id": "r2", "hours_at_start": 0.5},
                    {"reach_id": "r3", "hours_at_start": 1.5}],
        "gates_to_close": [{"facility_id": "g1", "name": "1号闸", "eta_hours": 0.2},
                           {"facility_id": "g1", "name": "1号闸", "eta_hours": 0.2}],
        "emergency_spaces": [{"facility_id": "e1", "name": "大坑塘", "eta_hours": 0.8}]},
    "downstream_jurisdiction_codes": ["140581", "140522"],
}
REACHES = {"r1": "140525", "r2": "140581", "r3": "140581"}
OWNERS = {"o1": Owner("140525", enterprise_id="ent-1"), "e1": Owner("140581", park_id="park-9")}


def _plan(dispatched_at=T0 + timedelta(minutes=10)):
    return plan(PICTURE, "140525", Owner("140525", "ent-1"), T0, dispatched_at, timedelta(minutes=30),
                OWNERS.get, REACHES.get)


def test_each_outlet_gate_downstream_area_and_space_becomes_one_task_for_the_unit_that_acts():
    drafts = _plan()
    assert [(d.kind, d.target_id) for d in drafts] == [
        ("close_outlet", "o1"), ("close_gate", "g1"), ("downstream_warning", "140581"),
        ("downstream_warning", "140522"), ("use_space", "e1")]
    outlet, gate, warned, unknown_eta, space = drafts
    assert outlet.owner.enterprise_id == "ent-1" and outlet.due_at == T0 + timedelta(minutes=40)
    # A gate notify has not seen registered is given to the incident's own area.
    assert gate.owner == Owner("140525") and gate.due_at == T0 + timedelta(minutes=12)  # its ETA
    assert warned.eta_hours == 0.5 and warned.due_at == T0 + timedelta(hours=0.5)
    assert unknown_eta.eta_hours is None and unknown_eta.due_at == T0 + timedelta(minutes=40)
    assert space.owner.park_id == "park-9" and space.due_at == T0 + timedelta(hours=0.8)


def test_a_contained_spill_asks_for_nothing_downstream():
    assert plan({"lines_of_defence": {"third": {"close_first": []}}, "downstream": None}, "140525",
                Owner("140525"), T0, T0, timedelta(minutes=30), OWNERS.get, REACHES.get) == []


def _dispatched() -> IncidentTasks:
    task = IncidentTask(task_id("inc-1", "close_gate", "g1"), "close_gate", "g1", "1号闸", "140525", "辖区 140525 值班员",
                        0.2, T0 + timedelta(hours=0.2), "n-1")
    other = IncidentTask(task_id("inc-1", "use_space", "e1"), "use_space", "e1", "大坑塘", "140581", "园区 park-9", 0.8,
                         T0 + timedelta(hours=0.8), "n-2")
    tasks = IncidentTasks.dispatch("inc-1", "140525", False, [task, other])
    # Rebuilt from the wire form of its events: the codec keeps every field.
    return IncidentTasks.rehydrate(tasks.id, [CODEC.decode(*CODEC.encode(e)) for e in tasks.pending_events])


def test_a_closed_reading_completes_the_gate_task_and_late_tasks_escalate_once():
    tasks = _dispatched()
    gate = task_id("inc-1", "close_gate", "g1")
    space = task_id("inc-1", "use_space", "e1")
    assert tasks.task(gate).due_at == T0 + timedelta(hours=0.2) and tasks.task(gate).eta_hours == 0.2
    assert [t.task_id for t in tasks.closed_by("g1")] == [gate] and tasks.closed_by("e1") == []
    tasks.complete(gate, "设备确认", "device", "evt-1")
    with pytest.raises(Conflict):
        tasks.complete(gate, "again")
    assert [t.task_id for t in tasks.due_escalations(T0 + timedelta(hours=1))] == [space]
    tasks.escalate(space, "n-3")
    assert tasks.due_escalations(T0 + timedelta(hours=2)) == []


def test_a_user_acknowledges_a_task_once():
    tasks = _dispatched()
    gate = task_id("inc-1", "close_gate", "g1")
    assert tasks.acknowledge(gate, "u1", "收到") is True
    assert tasks.acknowledge(gate, "u1", "收到") is False
    assert tasks.acknowledge(gate, "u2", "") is True


def test_a_gate_already_reading_closed_needs_no_task():
    drafts = plan(PICTURE, "140525", Owner("140525"), T0, T0, timedelta(minutes=30), OWNERS.get, REACHES.get,
                  closed=lambda facility_id: facility_id == "g1")
    assert [d.kind for d in drafts] == ["close_outlet", "downstream_warning", "downstream_warning", "use_space"]
