"""Report clocks of an incident: limits by level, reminders before and misses after a deadline, the order of
reports, and the events through the codec."""

from datetime import datetime, timedelta, timezone

import pytest

from ecosafe_kit.errors import Conflict
from notify.adapters.codec import CODEC
from notify.domain.report_clocks import ClockLimits, IncidentReportClocks
from notify.settings import Settings

START = datetime(2026, 12, 6, 1, 0, tzinfo=timezone.utc)


def limits() -> ClockLimits:
    return Settings().clock_limits()


@pytest.mark.parametrize(("level", "hours"), [("一般", 4), ("较大", 4), ("重大", 2), ("特别重大", 2), ("未定级", 2)])
def test_the_initial_report_is_due_within_the_hours_of_its_level(level, hours):
    clocks = IncidentReportClocks.start("i-1", "140525", level, START, limits())
    assert clocks.clocks["initial"].due_at == START + timedelta(hours=hours)
    assert clocks.clocks["follow_up"].due_at == START + timedelta(hours=24)
    assert clocks.clocks["final"].due_at == START + timedelta(hours=720)


def test_a_clock_is_reminded_shortly_before_and_missed_after_its_deadline_once_each():
    clocks = IncidentReportClocks.start("i-1", "140525", "重大", START, limits())
    before = timedelta(minutes=30)
    assert clocks.due_reminders(START + timedelta(minutes=89), before) == []
    assert [c.stage for c in clocks.due_reminders(START + timedelta(minutes=90), before)] == ["initial"]
    clocks.remind("initial", "n-1")
    assert clocks.due_reminders(START + timedelta(minutes=100), before) == []
    assert clocks.due_misses(START + timedelta(minutes=119)) == []
    assert [c.stage for c in clocks.due_misses(START + timedelta(hours=2))] == ["initial"]
    clocks.miss("initial", "n-2")
    assert clocks.due_misses(START + timedelta(hours=3)) == []


def test_a_submitted_report_stops_its_clock_and_later_reports_need_the_initial_one():
    clocks = IncidentReportClocks.start("i-1", "140525", "较大", START, limits())
    with pytest.raises(Conflict):
        clocks.submit("follow_up", "续报")
    clocks.submit("initial", "初报")
    with pytest.raises(Conflict):
        clocks.submit("initial", "again")
    assert [c.stage for c in clocks.due_misses(START + timedelta(hours=25))] == ["follow_up"]


def test_the_initial_limits_are_settings_and_must_name_every_level():
    custom = Settings(report_clock_initial_hours={"一般": 6, "较大": 4, "重大": 2, "特别重大": 1}).clock_limits()
    assert custom.hours("initial", "一般") == 6 and custom.hours("initial", "未定级") == 1
    with pytest.raises(ValueError):
        Settings(report_clock_initial_hours={"一般": 4})
    with pytest.raises(ValueError):
        Settings(report_clock_initial_hours={"一般": 4, "较大": 4, "重大": 0, "特别重大": 2})


def test_clock_events_survive_the_codec():
    clocks = IncidentReportClocks.start("i-1", "140525", "重大", START, limits())
    clocks.remind("initial", "n-1")
    clocks.miss("initial", "n-2")
    clocks.submit("initial", "初报: 甲醇泄漏 12 立方米")
    for event in clocks.pending_events:
        assert CODEC.decode(*CODEC.encode(event)) == event
