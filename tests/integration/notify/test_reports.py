"""Reports due on a controllable clock: a reminder before the deadline, the zero report (零报告) that answers it,
and the receiving office told when a unit misses the next one."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from notify.domain.reporting import ObligationSpec, next_due
from notify_helpers import inbox_item


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def daily(area) -> dict:
    return {"name": "事故信息日报 (零报告)", "jurisdiction_code": area["city"], "kind": "daily", "due_time": "16:00",
            "remind_minutes_before": 60, "zero_report_allowed": True, "unit_codes": [area["county"]]}


def test_a_unit_is_reminded_answers_with_a_zero_report_and_missing_the_next_day_reaches_the_city(
        client, users, area, notify_settings):
    from notify.service_layer.reports import Reports

    city, county = users.city(area["city"]), users.county(area["county"])
    created = client.post("/reports/obligations", json=daily(area), headers=city)
    assert created.status_code == 201, created.text
    obligation_id = created.json()["id"]
    spec = ObligationSpec(**{**daily(area), "unit_codes": (area["county"],)})
    first = next_due(spec, datetime.now(timezone.utc) + timedelta(minutes=1))
    clock = Clock(first.at - timedelta(minutes=61))
    reports = Reports(client.app.state.engine, clock, notify_settings.report_record_url)

    def mine() -> list[tuple[str, str, str]]:
        return [(unit, period, what) for oid, unit, period, what in reports.run_once() if oid == obligation_id]

    assert mine() == []
    clock.now = first.at - timedelta(minutes=60)
    assert mine() == [(area["county"], first.period, "reminded")]
    assert mine() == []  # once per unit and period
    reminder = inbox_item(client, county, obligation_id, "report.reminder")
    assert reminder["title"] == f"报送提醒: 事故信息日报 (零报告) {first.period} 期"
    assert "每日 16:00 截止" in reminder["body"] and "无事项的报零报告" in reminder["body"]

    zero = client.post(f"/reports/obligations/{obligation_id}/submissions", headers=county,
                       json={"unit_code": area["county"], "period": first.period, "zero_report": True})
    assert zero.status_code == 200, zero.text
    again = client.post(f"/reports/obligations/{obligation_id}/submissions", headers=county,
                        json={"unit_code": area["county"], "period": first.period, "zero_report": True})
    assert again.status_code == 409

    clock.now = first.at + timedelta(minutes=1)
    second = next_due(spec, first.at)
    assert mine() == []  # the first day was reported; the second is not near yet
    clock.now = second.at + timedelta(seconds=1)
    assert (area["county"], second.period, "missed") in mine()
    missed = inbox_item(client, city, obligation_id, "report.missed")
    assert missed["title"] == f"逾期未报: 事故信息日报 (零报告) {second.period} 期 (辖区 {area['county']})"
    assert missed["urgent"] is True and "请督促辖区" in missed["body"]

    shown = client.get(f"/reports/obligations/{obligation_id}", headers=city).json()
    status = {s["period"]: s for s in shown["status"]}
    assert status[first.period]["zero_report"] is True and status[first.period]["missed_at"] is None
    assert status[second.period]["submitted_at"] is None and status[second.period]["missed_at"] is not None
    assert shown["deadline"] == "每日 16:00"


def test_bad_obligations_and_submissions_are_refused_naming_the_field(client, users, area):
    city, county = users.city(area["city"]), users.county(area["county"])
    weekly = {**daily(area), "name": "工作小结", "kind": "weekly", "due_time": "17:00", "due_weekday": 5}
    bad = client.post("/reports/obligations", json={**weekly, "due_weekday": 0}, headers=city)
    assert bad.status_code == 422 and {e["field"] for e in bad.json()["errors"]} == {"due_weekday",
                                                                                      "zero_report_allowed"}
    outside = client.post("/reports/obligations", json={**daily(area), "unit_codes": ["110101"]}, headers=city)
    assert outside.status_code == 422 and [e["field"] for e in outside.json()["errors"]] == ["unit_codes"]
    created = client.post("/reports/obligations", json={**weekly, "zero_report_allowed": False}, headers=city)
    assert created.status_code == 201, created.text
    location = created.headers["Location"]
    zero = client.post(location + "/submissions", headers=county,
                       json={"unit_code": area["county"], "period": "2026-W50", "zero_report": True})
    assert zero.status_code == 422 and [e["field"] for e in zero.json()["errors"]] == ["zero_report"]
    period = client.post(location + "/submissions", headers=county,
                         json={"unit_code": area["county"], "period": "2026-12-11", "summary": "本周检查企业 12 家"})
    assert period.status_code == 422 and [e["field"] for e in period.json()["errors"]] == ["period"]
    neighbour = users.county(area["other_county"])
    assert client.post(location + "/submissions", headers=neighbour, json={
        "unit_code": area["county"], "period": "2026-W50", "summary": "代报"}).status_code in (403, 404)
    assert client.post(location + "/submissions", headers=county, json={
        "unit_code": area["county"], "period": "2026-W50", "summary": "本周检查企业 12 家"}).status_code == 200
