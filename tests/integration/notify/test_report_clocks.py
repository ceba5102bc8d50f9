"""Report clocks of an incident on a controllable clock: started by the incident's report, the duty officer reminded
before the initial report is due, the leader on duty and the city told when it is missed, submissions stopping the
clocks, and who may see them. All clocks are in calendar hours (test_reports_workdays has one across a 调休 weekend)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from ecosafe.risk_map.v1 import incident_pb2 as inc
from ecosafe_kit.eventstore import Signer
from notify_helpers import consumed, inbox_item, incident_reported
from waiting import wait_for


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def registered(notify_engine, enterprise_id: str) -> bool:
    with notify_engine.connect() as conn:
        return conn.execute(text("SELECT 1 FROM nt_enterprises WHERE enterprise_id = :e"),
                            {"e": enterprise_id}).first() is not None


def person(tag: str) -> dict:
    return {"user_id": f"u-{tag}-{uuid.uuid4().hex[:6]}", "name": f"{tag}同志", "phone": "0356-1234567"}


def clocks_of(client, headers, incident_id: str) -> dict:
    def shown():
        answer = client.get(f"/incidents/{incident_id}/report-clocks", headers=headers)
        return answer.json() if answer.status_code == 200 else None
    return wait_for(shown)


def test_a_major_incident_reminds_the_duty_officer_then_tells_the_leader_and_the_city_when_the_initial_report_is_late(
        client, users, area, publisher, notify_engine, notify_settings):
    from notify.service_layer.duty import on_duty
    from notify.service_layer.report_clocks import ReportClocks

    city, county = users.city(area["city"]), users.county(area["county"])
    now = datetime.now(timezone.utc)
    officer, leader = person("值班员"), person("带班领导")
    shift = client.post("/duty/shifts", headers=county, json={
        "jurisdiction_code": area["county"], "starts_at": (now - timedelta(hours=1)).isoformat(),
        "ends_at": (now + timedelta(hours=47)).isoformat(), "duty_officer": officer, "leader": leader})
    assert shift.status_code == 201, shift.text
    enterprise_id = publisher.enterprise(area["county"], name="晋城甲醇化工有限公司")
    wait_for(lambda: registered(notify_engine, enterprise_id))
    message = incident_reported(enterprise_id)
    message.level = inc.INCIDENT_LEVEL_MAJOR
    reported = publisher.incident(message)
    incident_id = reported.stream_id

    shown = clocks_of(client, city, incident_id)
    started = datetime.fromisoformat(shown["started_at"])
    assert started == reported.occurred_at
    assert shown["level"] == "重大" and shown["jurisdiction_code"] == area["county"]
    assert [(c["stage"], c["label"], c["limit_hours"], c["status"]) for c in shown["clocks"]] == [
        ("initial", "初报", 2.0, "running"), ("follow_up", "续报", 24.0, "running"),
        ("final", "处理结果报告", 720.0, "running")]
    assert datetime.fromisoformat(shown["clocks"][0]["due_at"]) == started + timedelta(hours=2)

    clock = Clock(started + timedelta(minutes=89))
    clocks = ReportClocks(client.app.state.engine, clock, notify_settings.clock_limits(),
                          notify_settings.report_clock_record_url, on_duty)

    def mine() -> list[tuple[str, str]]:
        return [(stage, what) for iid, stage, what in clocks.run_once() if iid == incident_id]

    assert mine() == []
    clock.now = started + timedelta(minutes=90)
    assert mine() == [("initial", "reminded")]
    assert mine() == []  # once per clock
    duty = users.token("county_officer", jurisdiction=area["county"], subject=officer["user_id"])
    reminder = inbox_item(client, duty, incident_id, "incident.report_due")
    assert reminder["title"].startswith("报告时限提醒: 重大突发环境事件初报") and reminder["urgent"] is False
    assert "时限 2 小时" in reminder["body"]

    early = client.post(f"/incidents/{incident_id}/report-clocks/follow_up/submission", headers=county,
                        json={"summary": "续报"})
    assert early.status_code == 409 and "须先报送初报" in early.json()["detail"]

    clock.now = started + timedelta(hours=2)
    assert mine() == [("initial", "missed")]
    at_the_leader = inbox_item(client, users.token("county_officer", jurisdiction=area["county"],
                                                   subject=leader["user_id"]), incident_id, "incident.report_missed")
    assert at_the_leader["urgent"] is True and at_the_leader["title"] == (
        f"报告超时: 重大突发环境事件初报已过时限 (辖区 {area['county']})")
    assert inbox_item(client, city, incident_id, "incident.report_missed")["notification_id"] == \
        at_the_leader["notification_id"]

    late = client.post(f"/incidents/{incident_id}/report-clocks/initial/submission", headers=county,
                       json={"summary": "初报: 甲醇泄漏约 12.5 立方米, 已关闭雨水排口"})
    assert late.status_code == 200, late.text
    again = client.post(f"/incidents/{incident_id}/report-clocks/initial/submission", headers=county,
                        json={"summary": "再报"})
    assert again.status_code == 409

    clock.now = started + timedelta(hours=23, minutes=30)
    assert mine() == [("follow_up", "reminded")]
    follow_up = client.post(f"/incidents/{incident_id}/report-clocks/follow_up/submission", headers=county,
                            json={"summary": "续报: 下游断面未超标"})
    assert follow_up.status_code == 200
    clock.now = started + timedelta(hours=25)
    assert mine() == []  # the follow-up was submitted in time

    shown = client.get(f"/incidents/{incident_id}/report-clocks", headers=duty).json()
    by_stage = {c["stage"]: c for c in shown["clocks"]}
    assert (by_stage["initial"]["status"], by_stage["initial"]["late"]) == ("submitted", True)
    assert by_stage["initial"]["submitted_by"] and by_stage["initial"]["missed_at"] is not None
    assert (by_stage["follow_up"]["status"], by_stage["follow_up"]["late"]) == ("submitted", False)
    assert by_stage["final"]["status"] == "running"


def test_report_clocks_are_scoped_like_notifications_and_bad_submissions_name_the_field(
        client, users, area, publisher, notify_engine):
    enterprise_id = publisher.enterprise(area["county"])
    wait_for(lambda: registered(notify_engine, enterprise_id))
    incident_id = publisher.incident(incident_reported(enterprise_id)).stream_id
    county = users.county(area["county"])
    assert clocks_of(client, county, incident_id)["clocks"][0]["limit_hours"] == 4.0  # 较大: 4 hours

    neighbour = users.county(area["other_county"])
    assert client.get(f"/incidents/{incident_id}/report-clocks", headers=neighbour).status_code == 404
    assert client.post(f"/incidents/{incident_id}/report-clocks/initial/submission", headers=neighbour,
                       json={"summary": "初报"}).status_code == 404
    stranger = users.token("inspector", jurisdiction=area["county"])
    assert client.get(f"/incidents/{incident_id}/report-clocks", headers=stranger).status_code == 404

    bad_stage = client.post(f"/incidents/{incident_id}/report-clocks/interim/submission", headers=county,
                            json={"summary": "初报"})
    assert bad_stage.status_code == 422 and "path.stage" in [e["field"] for e in bad_stage.json()["errors"]]
    empty = client.post(f"/incidents/{incident_id}/report-clocks/initial/submission", headers=county,
                        json={"summary": ""})
    assert empty.status_code == 422 and "body.summary" in [e["field"] for e in empty.json()["errors"]]
    assert client.get(f"/incidents/{uuid.uuid4()}/report-clocks", headers=county).status_code == 404


def test_a_drill_starts_no_report_clock(client, users, area, publisher, notify_engine):
    officer = Signer(subject="u-reporter", name="值班员", roles=("county_officer",), jurisdiction=area["county"])
    drill = publisher.incident(incident_reported(None, drill=True), signer=officer)
    wait_for(lambda: consumed(notify_engine, drill))
    answer = client.get(f"/incidents/{drill.stream_id}/report-clocks", headers=users.county(area["county"]))
    assert answer.status_code == 404
