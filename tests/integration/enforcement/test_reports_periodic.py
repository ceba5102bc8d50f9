"""The weekly report and the daily incident report with its zero report, per reporting unit, on the real stack: the
notify service's reporting obligations, submissions and missed reports and risk-map's incidents published on their
topics as those services' relays would, read by the reports' consumer with this service's own events."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest

from ecosafe.hazard.v1 import hazard_pb2 as pb
from ecosafe.notify.v1 import report_obligation_pb2 as ob
from ecosafe.risk_map.v1 import incident_pb2 as inc
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope, source_for
from ecosafe_kit.messaging.publish import publish
from enforcement.adapters.dates import SHANGHAI
from reports_world import BASIS, Hazards, World
from waiting import wait_for


def send(bootstrap: str, topic: str, service: str, stream: str, stream_id: str, message, jurisdiction: str,
         version: int = 1) -> None:
    publish(bootstrap, topic, [EventEnvelope(
        event_id=uuid.uuid4(), event_type=message.DESCRIPTOR.full_name, source=source_for(service),
        stream_type=stream, stream_id=stream_id, version=version, occurred_at=datetime.now(timezone.utc),
        signer=Signer("u-test", "值班员", (), jurisdiction), content_type="application/protobuf",
        payload=message.SerializeToString())])


@pytest.fixture
def world(client, users, unique) -> World:
    return World(client, users, unique)


def test_weekly_and_daily_reports_with_their_submission_states(world, client, kafka_bootstrap):
    A, B, C = world.county_a, world.county_b, world.city
    D = C[:4] + "23"
    now = datetime.now(SHANGHAI)
    today, (year, week, _) = now.date(), now.isocalendar()
    period, moment = f"{year}-W{week:02d}", datetime(today.year, today.month, today.day, tzinfo=SHANGHAI)
    moment += (now - moment) / 2

    def notify(stream_id, message, version=1):
        send(kafka_bootstrap, "ecosafe.notify.report-obligation", "notify", "report-obligation", stream_id, message,
             C, version)

    weekly, daily = str(uuid.uuid4()), str(uuid.uuid4())
    notify(weekly, ob.ReportObligationCreated(obligation_id=weekly, name="专项行动周报", jurisdiction_code=C,
                                              kind="weekly", due_time="17:00", due_weekday=5,
                                              remind_minutes_before=60, unit_codes=[A, B, C, D]))
    notify(daily, ob.ReportObligationCreated(obligation_id=daily, name="事故信息日报 (零报告)", jurisdiction_code=C,
                                             kind="daily", due_time="09:00", remind_minutes_before=60,
                                             zero_report_allowed=True, unit_codes=[A, B]))
    notify(weekly, ob.ReportSubmitted(obligation_id=weekly, unit_code=A, period=period, summary="本周完成检查"), 2)
    notify(weekly, ob.ReportMissed(obligation_id=weekly, unit_code=B, period=period, notification_id="n1"), 3)
    notify(weekly, ob.ReportSubmitted(obligation_id=weekly, unit_code=B, period=period, summary="补报"), 4)
    notify(weekly, ob.ReportMissed(obligation_id=weekly, unit_code=C, period=period, notification_id="n2"), 5)
    notify(daily, ob.ReportSubmitted(obligation_id=daily, unit_code=B, period=today.isoformat(), zero_report=True), 2)

    # County A this week: a major hazard self-reported, an inspection, a case fined 5000.00; an incident today, and
    # a drill that is not one.
    firm = world.enterprise(A)
    Hazards(kafka_bootstrap).reported(firm, A, pb.HAZARD_SOURCE_SELF_INSPECTION, moment)
    world.inspect(A, firm, moment)
    case = world.case(A, firm)
    world.act(A, case, "penalties", {"decision_no": f"罚{world.unique}", "legal_basis": BASIS,
                                     "enterprise_amount_yuan": "5000.00"})
    for drill in (False, True):
        incident = inc.IncidentReported(incident_id=str(uuid.uuid4()), pollutant="废酸", volume_m3=3.0,
                                        level=inc.INCIDENT_LEVEL_GENERAL, enterprise_id=firm, drill=drill)
        incident.occurred_at.FromDatetime(moment)
        send(kafka_bootstrap, "ecosafe.risk-map.incident", "risk-map", "incident", incident.incident_id, incident, A)

    def report(path, **params):
        answer = client.get(f"/reports/{path}", headers=world.city_officer, params=params)
        assert answer.status_code == 200, answer.text
        return answer.json()

    expected = {"major_hazards_found": 1, "major_hazards_found_by_source": {"self_inspection": 1},
                "major_hazards_closed": 0, "enterprises_inspected": 1, "inspections_completed": 1, "cases_opened": 1,
                "penalties": 1, "penalty_wan_yuan": "0.50", "incidents": 1}
    wait_for(lambda: report("weekly", unit=A, week=period)["figures"] == expected, timeout=120, interval=1)
    wait_for(lambda: len(report("submissions", kind="weekly", period=period)["items"]) == 4, timeout=20)

    states = {i["unit_code"]: i["state"] for i in report("submissions", kind="weekly", period=period)["items"]}
    assert states == {A: "submitted", B: "late", C: "missing", D: "pending"}
    assert report("submissions", kind="weekly", period=period)["counts"] == {
        "submitted": 1, "late": 1, "missing": 1, "pending": 1}
    weekly_a = report("weekly", unit=A, week=period)
    assert [(s["name"], s["state_label"], s["summary"]) for s in weekly_a["submissions"]] == [
        ("专项行动周报", "已报送", "本周完成检查")]
    assert report("weekly", unit=B, week=period)["figures"]["major_hazards_found"] == 0

    day_a = report("daily", unit=A, day=today.isoformat())
    assert not day_a["zero_report"] and [i["pollutant"] for i in day_a["incidents"]] == ["废酸"]
    assert day_a["submissions"][0]["state"] == "pending"
    day_b = report("daily", unit=B, day=today.isoformat())
    assert day_b["zero_report"] and day_b["content"].startswith("零报告")
    assert day_b["submissions"][0]["state"] == "submitted" and day_b["submissions"][0]["zero_report"]

    # The month's dispatch table says whether the unit reported it under notify's monthly obligation (调度表).
    month = f"{today.year}-{today.month:02d}"
    monthly = str(uuid.uuid4())
    notify(monthly, ob.ReportObligationCreated(obligation_id=monthly, name="专项行动进展情况调度表", jurisdiction_code=C,
                                               kind="monthly", due_time="09:00", due_day=1, unit_codes=[A]))
    notify(monthly, ob.ReportSubmitted(obligation_id=monthly, unit_code=A, period=month, summary="调度表已报"), 2)

    def table_submissions():
        answer = client.get(f"/reports/campaigns/{world.campaign}/dispatch", headers=world.city_officer,
                            params={"month": month, "unit": A})
        assert answer.status_code == 200, answer.text
        return answer.json()["submissions"]
    wait_for(lambda: [s["state"] for s in table_submissions()] == ["submitted"], timeout=60)
    assert [(s["name"], s["summary"]) for s in table_submissions()] == [("专项行动进展情况调度表", "调度表已报")]

    bad = client.get("/reports/weekly", headers=world.city_officer, params={"unit": A, "week": "2026-W60"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "week"
    outside = client.get("/reports/daily", headers=world.officers[A], params={"unit": B, "day": today.isoformat()})
    assert outside.status_code == 403
