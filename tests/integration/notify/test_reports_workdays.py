"""Report deadlines on rest days through the API and the worker, on a controllable clock and the real calendar:
a weekly Friday on 国庆 due the next working day, a 调休 Saturday kept, a monthly deadline on a weekend reminded and
missed relative to the Monday, a year the calendar lacks created and its deadline shown, reminded and missed at
the unadjusted time marked unverified, not guessed; an incident's report clock across a 调休 weekend in calendar
hours. Obligations are created on the test's clock (from 2026-09-01), never on the real date."""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime, timedelta, timezone

import pytest

from ecosafe_kit.messaging.publish import publish
from notify.domain.times import SHANGHAI
from notify_helpers import envelope, inbox_item, incident_reported
from test_report_clocks import clocks_of, registered
from waiting import wait_for


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def beijing(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI).astimezone(timezone.utc)


def weekly(area, **changes) -> dict:
    return {"name": "安全生产工作小结", "jurisdiction_code": area["city"], "kind": "weekly", "due_time": "17:00",
            "due_weekday": 5, "remind_minutes_before": 60, "unit_codes": [area["county"]], **changes}


@pytest.fixture
def clocked(client, notify_settings):
    """The API's report service on a clock the test sets (the worker's the test runs itself)."""
    from notify.service_layer.reports import Reports

    # A fixed start, never the real date: obligations are created (and stamped) on this clock, so the tests read
    # the same whichever year the suite runs in and whatever years the calendar holds.
    clock = Clock(beijing(2026, 9, 1, 9, 0))
    reports = Reports(client.app.state.engine, clock, notify_settings.report_record_url)
    state = client.app.state
    # Starlette's State keeps attributes in a dict monkeypatch cannot restore; put the app's own back by hand.
    own = state._state.get("reports")
    state.reports = reports
    yield clock, reports
    if own is not None:
        state.reports = own


def test_a_weekly_friday_on_national_day_is_due_and_reminded_on_the_next_working_day(client, users, area, clocked):
    clock, reports = clocked
    city, county = users.city(area["city"]), users.county(area["county"])
    clock.now = beijing(2026, 10, 1, 9, 0)  # 国庆: Friday 10-02 is a public holiday, 10-01…10-07 off
    created = client.post("/reports/obligations", json=weekly(area), headers=city)
    assert created.status_code == 201, created.text
    obligation_id = created.json()["id"]

    shown = client.get(f"/reports/obligations/{obligation_id}", headers=city).json()
    assert shown["spec"]["on_rest_day"] == "postpone" and shown["deadline"] == "每周五 17:00 (遇休息日顺延)"
    assert shown["next_due"]["period"] == "2026-W40"
    assert datetime.fromisoformat(shown["next_due"]["at"]) == beijing(2026, 10, 8, 17, 0)
    assert datetime.fromisoformat(shown["next_due"]["postponed_from"]) == beijing(2026, 10, 2, 17, 0)
    assert shown["calendar_problem"] is None

    def mine() -> list[tuple[str, str]]:
        return [(period, what) for oid, _unit, period, what in reports.run_once() if oid == obligation_id]

    clock.now = beijing(2026, 10, 2, 16, 0)  # an hour before the holiday's 17:00: no reminder
    assert mine() == []
    clock.now = beijing(2026, 10, 8, 15, 59)
    assert mine() == []
    clock.now = beijing(2026, 10, 8, 16, 0)  # an hour before the moved deadline
    assert mine() == [("2026-W40", "reminded")]
    reminder = inbox_item(client, county, obligation_id, "report.reminder")
    assert "截止 2026-10-08 17:00 (北京时间) (原定 2026-10-02 17:00 (北京时间), 遇休息日顺延)" in reminder["body"]


def test_keep_stays_on_the_holiday_and_a_make_up_saturday_is_a_working_day(client, users, area, clocked):
    clock, _ = clocked
    city = users.city(area["city"])
    keep = client.post("/reports/obligations", json=weekly(area, on_rest_day="keep"), headers=city)
    assert keep.status_code == 201, keep.text
    saturday = client.post("/reports/obligations", json=weekly(area, name="周六值班小结", due_weekday=6,
                                                               due_time="12:00"), headers=city)
    assert saturday.status_code == 201, saturday.text

    clock.now = beijing(2026, 10, 1, 9, 0)
    shown = client.get(keep.headers["Location"], headers=city).json()
    assert shown["spec"]["on_rest_day"] == "keep" and shown["deadline"] == "每周五 17:00"
    assert datetime.fromisoformat(shown["next_due"]["at"]) == beijing(2026, 10, 2, 17, 0)
    clock.now = beijing(2026, 10, 9, 9, 0)  # Saturday 10-10 is a 调休 working day
    shown = client.get(saturday.headers["Location"], headers=city).json()
    assert datetime.fromisoformat(shown["next_due"]["at"]) == beijing(2026, 10, 10, 12, 0)
    assert shown["next_due"]["postponed_from"] is None


def test_a_monthly_deadline_on_a_weekend_is_reminded_and_missed_relative_to_the_monday(client, users, area, clocked):
    clock, reports = clocked
    city = users.city(area["city"])
    body = weekly(area, name="进展调度表", kind="monthly", due_weekday=0, due_day=29)
    created = client.post("/reports/obligations", json=body, headers=city)
    assert created.status_code == 201, created.text
    obligation_id = created.json()["id"]
    clock.now = beijing(2026, 3, 1)  # 2026-03-29 is a Sunday
    shown = client.get(created.headers["Location"], headers=city).json()
    assert datetime.fromisoformat(shown["next_due"]["at"]) == beijing(2026, 3, 30, 17, 0)

    # December 2026, after the obligation's creation (on 12-01), so that a miss counts: 12-27 is a Sunday.
    clock.now = beijing(2026, 12, 1, 9, 0)
    by_27th = client.post("/reports/obligations", json={**body, "due_day": 27}, headers=city)
    assert by_27th.status_code == 201, by_27th.text
    obligation_id = by_27th.json()["id"]

    def mine() -> list[tuple[str, str]]:
        return [(period, what) for oid, _unit, period, what in reports.run_once() if oid == obligation_id]

    clock.now = beijing(2026, 12, 27, 17, 1)
    assert mine() == []  # neither reminded (the deadline is a day off) nor missed on the Sunday
    clock.now = beijing(2026, 12, 28, 16, 0)
    assert mine() == [("2026-12", "reminded")]
    clock.now = beijing(2026, 12, 28, 16, 59)
    assert mine() == []
    clock.now = beijing(2026, 12, 28, 17, 0)
    assert mine() == [("2026-12", "missed")]
    missed = inbox_item(client, city, obligation_id, "report.missed")
    assert "截止 2026-12-28 17:00 (北京时间) (原定 2026-12-27 17:00 (北京时间), 遇休息日顺延)" in missed["body"]


def test_bad_rules_are_refused_naming_the_field(client, users, area):
    city = users.city(area["city"])
    bad = client.post("/reports/obligations", json=weekly(area, on_rest_day="sometimes"), headers=city)
    assert bad.status_code == 422 and [e["field"] for e in bad.json()["errors"]] == ["on_rest_day"]
    daily = weekly(area, kind="daily", due_weekday=0, zero_report_allowed=True, on_rest_day="postpone")
    refused = client.post("/reports/obligations", json=daily, headers=city)
    assert refused.status_code == 422 and [e["field"] for e in refused.json()["errors"]] == ["on_rest_day"]
    assert "不顺延" in refused.json()["errors"][0]["message"]


def test_a_year_the_calendar_lacks_is_created_shown_unadjusted_and_reminded_and_missed_as_unverified(
        client, users, area, clocked, caplog):
    clock, reports = clocked
    city, county = users.city(area["city"]), users.county(area["county"])
    created = client.post("/reports/obligations", json=weekly(area), headers=city)
    assert created.status_code == 201, created.text
    obligation_id = created.json()["id"]

    clock.now = beijing(2026, 12, 28, 9, 0)  # the week's Friday is 2027-01-01, past the calendar's years
    late_december = client.post("/reports/obligations", json=weekly(area), headers=city)
    assert late_december.status_code == 201, late_december.text  # never refused for the calendar
    shown = client.get(created.headers["Location"], headers=city).json()
    assert shown["next_due"]["period"] == "2026-W53" and shown["next_due"]["postponed_from"] is None
    assert datetime.fromisoformat(shown["next_due"]["at"]) == beijing(2027, 1, 1, 17, 0)  # unadjusted
    problem = shown["calendar_problem"]
    assert problem["code"] == "calendar-not-covered" and problem["year"] == 2027
    assert problem["detail"].startswith("国务院尚未公布/本系统日历未收录 2027 年节假日安排, 截止时间暂按原定日期 "
                                        "2027-01-01 17:00") and "请核对" in problem["detail"]
    assert client.get(late_december.headers["Location"], headers=city).json()["calendar_problem"] == problem

    def mine() -> list[tuple[str, str]]:
        return [(period, what) for oid, _unit, period, what in reports.run_once() if oid == obligation_id]

    with caplog.at_level(logging.WARNING, logger="notify.service_layer.reports"):
        # The Friday before (12-25) the calendar places: missed as usual, nothing unverified about it.
        assert mine() == [("2026-W52", "missed")]
        assert reports.not_covered[obligation_id] == 2027
        clock.now = beijing(2027, 1, 1, 15, 59)
        assert mine() == []
        clock.now = beijing(2027, 1, 1, 16, 0)  # remind_minutes_before the unadjusted deadline
        assert mine() == [("2026-W53", "reminded")]
        clock.now = beijing(2027, 1, 1, 17, 0)
        assert mine() == [("2026-W53", "missed")]
        assert mine() == []
    # The worker says it once per obligation and year, and carries on.
    assert len([r for r in caplog.records if r.name == "notify.service_layer.reports"
                and obligation_id in r.getMessage()]) == 1
    reminder = inbox_item(client, county, obligation_id, "report.reminder")
    missed = wait_for(lambda: [n for n in client.get("/notifications", headers=city, params={
        "subject_id": obligation_id, "event_type": "report.missed"}).json()["items"] if "2026-W53" in n["title"]])[0]
    for notice in (reminder, missed):
        assert "截止 2027-01-01 17:00 (北京时间)\n注意: 截止时间未经核对 — 国务院尚未公布/本系统日历未收录 2027 年" in notice["body"]
        assert "遇休息日顺延" not in notice["body"].split("\n")[2]
    shown = client.get(created.headers["Location"], headers=city).json()
    assert sorted((st["period"], st["reminded_at"] is not None, st["missed_at"] is not None)
                  for st in shown["status"]) == [
        ("2026-W52", False, True), ("2026-W53", True, True)]
    # The daily report needs no calendar.
    daily = weekly(area, kind="daily", due_weekday=0)
    made = client.post("/reports/obligations", json=daily, headers=city)
    assert made.status_code == 201 and client.get(made.headers["Location"], headers=city).json()[
        "calendar_problem"] is None


def test_an_incident_report_clock_across_a_make_up_weekend_runs_in_calendar_hours(
        client, users, area, publisher, notify_engine, notify_settings):
    city = users.city(area["city"])
    enterprise_id = publisher.enterprise(area["county"], name="晋城调休化工有限公司")
    wait_for(lambda: registered(notify_engine, enterprise_id))
    message = incident_reported(enterprise_id)
    # Reported on Friday 2026-10-09 22:00, before Saturday 10-10 (调休, a working day) and Sunday 10-11 (off).
    friday = beijing(2026, 10, 9, 22, 0)
    reported = dataclasses.replace(envelope("risk-map", "incident", message.incident_id, 1, message),
                                   occurred_at=friday)
    publish(publisher.kafka, notify_settings.incident_topic, [reported])
    shown = clocks_of(client, city, message.incident_id)
    assert datetime.fromisoformat(shown["started_at"]) == friday
    due = {c["stage"]: datetime.fromisoformat(c["due_at"]) for c in shown["clocks"]}
    assert due["initial"] == friday + timedelta(hours=4) == beijing(2026, 10, 10, 2, 0)
    assert due["follow_up"] == beijing(2026, 10, 10, 22, 0)
    assert due["final"] == friday + timedelta(hours=720)
