"""From a trace to tasks (一张图 → 行动) with the real risk map: its correlation of a spill reaching a downstream county
is published to notify through Kafka; the duty officer turns it into tasks for the right units in one action; the
enterprise acknowledges its outlet, the gate's confirmed state closes its task, a late task escalates to the leader on
duty on a controllable clock."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.messaging.envelope import EventEnvelope, source_for
from ecosafe_kit.messaging.publish import publish
from notify_helpers import consumed, inbox_item
from service_databases import migrated_database
from waiting import wait_for


@pytest.fixture(scope="module")
def risk_map(database_url, kafka_bootstrap):
    """The risk-map service on the test stack (relay and consumers off: its stored events are handed to notify's
    topics as its relay publishes them, and the register's events to its own consumer handler)."""
    from risk_map.entrypoints.app import create_app
    from risk_map.settings import Settings

    url = migrated_database(database_url, f"risk_map_tasks_{uuid.uuid4().hex[:8]}", "risk-map",
                            extensions=("postgis", "pgrouting"))
    settings = Settings(database_url=url, kafka_bootstrap_servers=kafka_bootstrap, relay_enabled=False,
                        consumers_enabled=False, device_simulator_enabled=False)
    with TestClient(create_app(settings)) as client:
        client.secret = settings.jwt_secret.get_secret_value()
        yield client


def _feature(kind: str, name: str, geometry: dict, fid: str, **props) -> dict:
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": {"kind": kind, "name": name, **props}}


def _point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class RiverWorld:
    """An enterprise in county A whose open rain outlet drains into reach r1 (county A, 1000 m at 0.5 m/s) with gate g1,
    flowing into r2 (county B, 2000 m at 1 m/s) with a pond e1 that holds the spill before a water intake s1."""

    def __init__(self, risk_map, publisher, area) -> None:
        from ecosafe_kit.auth.principal import Principal
        from ecosafe_kit.auth.tokens import encode_token
        from risk_map.service_layer.register_sites import handle_enterprise_event

        self.rm, self.publisher, self.a, self.b = risk_map, publisher, area["county"], area["other_county"]
        self.u = uuid.uuid4().hex[:8]
        self.L, self.B = round(random.uniform(100.0, 120.0), 4), round(random.uniform(25.0, 40.0), 4)
        self.admin = {"Authorization": "Bearer " + encode_token(
            Principal(subject="u-rm-admin", name="管理员", roles=frozenset({"admin"})), secret=risk_map.secret)}
        self.enterprise_id = publisher.enterprise(self.a, lon=self.L + 0.004, lat=self.B + 0.003,
                                                  name=f"下游测试化工{self.u}")
        with risk_map.app.state.engine.begin() as conn:
            for event in self._enforcement_events(self.enterprise_id):
                handle_enterprise_event(conn, event)

    def id(self, name: str) -> str:
        return f"{name}-{self.u}"

    def _enforcement_events(self, stream_id: str) -> list[EventEnvelope]:
        engine = self.publisher.enforcement.app.state.engine
        with engine.connect() as conn:
            return [EventEnvelope.from_stored(e, source_for("enforcement")) for e in EventStore(engine).load(conn, stream_id)]

    def risk_map_events(self, stream_id: str) -> list[EventEnvelope]:
        engine = self.rm.app.state.engine
        with engine.connect() as conn:
            return [EventEnvelope.from_stored(e, source_for("risk-map")) for e in EventStore(engine).load(conn, stream_id)]

    def post(self, body: dict) -> None:
        response = self.rm.post("/facilities", json=body, headers=self.admin)
        assert response.status_code == 201, response.text

    def build(self) -> RiverWorld:
        L, B, e, id_ = self.L, self.B, self.enterprise_id, self.id
        line = lambda a, b: {"type": "LineString", "coordinates": [[L + a, B], [L + b, B]]}  # noqa: E731
        self.post(_feature("river_reach", "二段", line(0.01, 0.03), id_("r2"), river_name="测试河", length_m=2000,
                           velocity_mps=1.0, jurisdiction_code=self.b))
        self.post(_feature("river_reach", "一段", line(0.0, 0.01), id_("r1"), river_name="测试河", length_m=1000,
                           velocity_mps=0.5, downstream_reach_id=id_("r2"), jurisdiction_code=self.a))
        square = {"type": "Polygon", "coordinates": [[[L + 0.003, B + 0.002], [L + 0.005, B + 0.002],
                                                      [L + 0.005, B + 0.004], [L + 0.003, B + 0.004],
                                                      [L + 0.003, B + 0.002]]]}
        self.post(_feature("site", "测试化工厂区", square, id_("site"), enterprise_id=e))
        self.post(_feature("rain_outlet", "1号雨水排口", _point(L + 0.004, B + 0.0021), id_("o1"), enterprise_id=e,
                           valve_state="open", remote_controllable=True, discharges_to_reach_id=id_("r1")))
        self.post(_feature("river_gate", "1号闸", _point(L + 0.009, B + 0.0002), id_("g1"), gate_state="open",
                           remote_controllable=True, jurisdiction_code=self.a))
        self.post(_feature("emergency_space", "大坑塘", _point(L + 0.02, B + 0.0002), id_("e1"), space_type="pond",
                           storage_volume_m3=5000, jurisdiction_code=self.b))
        self.post(_feature("sensitive_target", "水源地取水口", _point(L + 0.028, B + 0.0002), id_("s1"),
                           target_type="drinking_water_intake", jurisdiction_code=self.b))
        events = [event for name in ("r2", "r1", "site", "o1", "g1", "e1", "s1")
                  for event in self.risk_map_events(id_(name))]
        publish(self.publisher.kafka, self.publisher.settings.facility_topic, events)
        return self

    def incident(self, command_center: dict) -> tuple[str, EventEnvelope]:
        response = self.rm.post("/incidents", headers=command_center, json={
            "location": _point(self.L + 0.004, self.B + 0.003), "pollutant": "甲醇", "volume_m3": 450, "level": "较大",
            "enterprise_id": self.enterprise_id})
        assert response.status_code == 201, response.text
        incident_id = response.json()["incident_id"]
        events = self.risk_map_events(incident_id)
        publish(self.publisher.kafka, self.publisher.settings.incident_topic, events)
        return incident_id, events[-1]

    def gate_reported(self, facility: str, state: str) -> EventEnvelope:
        """A person on site reports the gate's state at the risk map; its DeviceStateChanged goes to notify."""
        response = self.rm.post(f"/facilities/{self.id(facility)}/state", json={"state": state}, headers=self.admin)
        assert response.status_code == 200, response.text
        reading = self.risk_map_events(self.id(facility))[-1]
        assert reading.event_type.endswith("DeviceStateChanged")
        publish(self.publisher.kafka, self.publisher.settings.facility_topic, [reading])
        return reading


def _person(tag: str) -> dict:
    return {"user_id": f"u-{tag}-{uuid.uuid4().hex[:6]}", "name": f"{tag}同志", "phone": "0356-1234567"}


def _on_duty(client, users, code: str) -> tuple[dict, dict]:
    now = datetime.now(timezone.utc)
    officer, leader = _person("值班员"), _person("带班领导")
    shift = client.post("/duty/shifts", headers=users.county(code), json={
        "jurisdiction_code": code, "starts_at": (now - timedelta(hours=1)).isoformat(),
        "ends_at": (now + timedelta(hours=47)).isoformat(), "duty_officer": officer, "leader": leader})
    assert shift.status_code == 201, shift.text
    return officer, leader


def _correlated(notify_engine, incident_id: str) -> bool:
    with notify_engine.connect() as conn:
        return conn.execute(text("SELECT picture IS NOT NULL FROM nt_incidents WHERE incident_id = :i"),
                            {"i": incident_id}).scalar() is True


def test_a_trace_becomes_acknowledged_tasks_one_closed_by_the_gate_and_one_escalated(
        client, users, area, publisher, risk_map, notify_engine, notify_settings):
    from notify.service_layer.duty import on_duty
    from notify.service_layer.incident_tasks import IncidentTaskService

    a, b = area["county"], area["other_county"]
    officer_a, leader_a = _on_duty(client, users, a)
    officer_b, _ = _on_duty(client, users, b)
    world = RiverWorld(risk_map, publisher, area).build()
    duty_officer = users.token("command_center", jurisdiction=a, subject=officer_a["user_id"], name="值班员同志")
    incident_id, correlated = world.incident(duty_officer)
    wait_for(lambda: consumed(notify_engine, correlated) and _correlated(notify_engine, incident_id), timeout=60)

    # Others may not dispatch: an enterprise user (403), an officer of the downstream county (403, not their incident).
    enterprise_user = users.token("enterprise_user", jurisdiction=None, enterprise_id=world.enterprise_id)
    assert client.post(f"/incidents/{incident_id}/tasks", headers=enterprise_user).status_code == 403
    assert client.post(f"/incidents/{incident_id}/tasks", headers=users.county(b)).status_code == 403
    assert client.post(f"/incidents/{uuid.uuid4()}/tasks", headers=duty_officer).status_code == 404

    made = client.post(f"/incidents/{incident_id}/tasks", headers=duty_officer)
    assert made.status_code == 201, made.text
    assert made.headers["Location"] == f"/incidents/{incident_id}/tasks"
    tasks = {t["kind"]: t for t in made.json()["tasks"]}
    assert sorted(tasks) == ["close_gate", "close_outlet", "downstream_warning", "use_space"]
    outlet, gate, warning, space = (tasks[k] for k in ("close_outlet", "close_gate", "downstream_warning", "use_space"))
    assert (outlet["target_id"], outlet["assignee"], outlet["eta_hours"]) == (
        world.id("o1"), f"企业 下游测试化工{world.u}", None)
    assert (gate["target_id"], gate["jurisdiction_code"], gate["assignee"]) == (world.id("g1"), a, f"辖区 {a} 值班员")
    # The spill enters r1 400 m from its start at 0.5 m/s: r2 (county B) is reached after 600 m = 1200 s.
    assert (warning["target_id"], warning["jurisdiction_code"]) == (b, b)
    assert warning["eta_hours"] == pytest.approx(1200 / 3600, abs=0.01)
    assert (space["target_id"], space["jurisdiction_code"]) == (world.id("e1"), b)
    assert all(t["status"] == "assigned" and t["dispatched_by"] == officer_a["user_id"] for t in tasks.values())
    assert client.post(f"/incidents/{incident_id}/tasks", headers=duty_officer).status_code == 409

    # The downstream duty officer is warned with the time of first arrival; the enterprise gets its outlet.
    officer_b_headers = users.token("county_officer", jurisdiction=b, subject=officer_b["user_id"])
    inbox_item(client, officer_b_headers, incident_id, "incident.task")
    to_b = client.get("/notifications", params={"subject_id": incident_id, "event_type": "incident.task"},
                      headers=officer_b_headers).json()["items"]
    assert all(item["urgent"] for item in to_b)
    assert sorted(item["title"] for item in to_b) == sorted([
        f"处置任务: 下游预警 辖区 {b}, 预计 0.3 小时后污染到达", f"处置任务: 启用应急空间 大坑塘, 预计 {space['eta_hours']:.1f} 小时后污染到达"])
    company = inbox_item(client, enterprise_user, incident_id, "incident.task")
    assert "1号雨水排口" in company["title"]

    # The enterprise acknowledges its outlet: the task and its notification are acknowledged.
    ack = client.post(f"/incidents/{incident_id}/tasks/{outlet['task_id']}/acknowledgement",
                      json={"note": "已安排关闭"}, headers=enterprise_user)
    assert ack.status_code == 200, ack.text
    assert client.get(f"/notifications/{outlet['notification_id']}", headers=enterprise_user).json()["status"] == \
        "acknowledged"
    # Someone the task never reached cannot acknowledge it.
    stranger = users.token("enterprise_user", jurisdiction=None, enterprise_id=str(uuid.uuid4()))
    assert client.post(f"/incidents/{incident_id}/tasks/{gate['task_id']}/acknowledgement", json={},
                       headers=stranger).status_code == 404

    # The gate is reported closed at the risk map: its DeviceStateChanged completes the gate's task.
    reading = world.gate_reported("g1", "closed")

    def gate_done():
        shown = client.get(f"/incidents/{incident_id}/tasks", headers=duty_officer).json()
        task = next(t for t in shown["tasks"] if t["kind"] == "close_gate")
        return task if task["status"] == "completed" else None
    done = wait_for(gate_done, timeout=60)
    assert done["completion_source"] == "device" and done["completed_by"] == "system:notify-tasks"
    assert consumed(notify_engine, reading)

    # Two hours on, the tasks still open are late: each escalates once to the leader on duty; the closed gate does not.
    service = IncidentTaskService(client.app.state.engine, Clock(datetime.now(timezone.utc) + timedelta(hours=2)),
                                  timedelta(minutes=30), notify_settings.task_record_url, on_duty)
    escalated = service.run_once()
    assert set(escalated) >= {outlet["task_id"], warning["task_id"], space["task_id"]}
    assert gate["task_id"] not in escalated and service.run_once() == []
    leader_a_headers = users.token("county_officer", jurisdiction=a, subject=leader_a["user_id"])
    late = inbox_item(client, leader_a_headers, incident_id, "incident.task_overdue")
    assert late["urgent"] is True and "超时" in late["title"]
    shown = {t["kind"]: t for t in client.get(f"/incidents/{incident_id}/tasks", headers=duty_officer).json()["tasks"]}
    assert shown["close_outlet"]["late"] is True and shown["close_outlet"]["escalated_at"] is not None
    assert shown["close_outlet"]["status"] == "acknowledged"

    # The enterprise reports its outlet done (late); once only.
    url = f"/incidents/{incident_id}/tasks/{outlet['task_id']}/completion"
    assert client.post(url, json={"note": "已关闭阀门"}, headers=enterprise_user).status_code == 200
    assert client.post(url, json={"note": "再次"}, headers=enterprise_user).status_code == 409


def test_tasks_need_the_correlation_answer_first(client, users, area, publisher, notify_engine):
    from notify_helpers import incident_reported

    enterprise_id = publisher.enterprise(area["county"])
    reported = publisher.incident(incident_reported(enterprise_id))
    wait_for(lambda: consumed(notify_engine, reported), timeout=60)
    answer = client.post(f"/incidents/{reported.stream_id}/tasks", headers=users.county(area["county"]))
    assert answer.status_code == 409 and "关联分析" in answer.json()["title"] + answer.json().get("detail", "")
    shown = client.get(f"/incidents/{reported.stream_id}/tasks", headers=users.county(area["county"])).json()
    assert shown["tasks"] == [] and shown["correlated"] is False
