"""Report deadlines on rest days (遇法定节假日顺延) with the real 2025–2026 calendar: weekly and monthly deadlines on a
weekend or public holiday move to the next working day, a 调休 working weekend day keeps them, the daily report and
the incident report clocks run straight through, and a year the calendar lacks is an error, not a guess."""

from calendar import monthrange
from datetime import date, datetime, timedelta, timezone

import pytest

from ecosafe_kit.workdays import LAST_YEAR, CalendarNotCovered, is_working_day
from notify.adapters.codec import CODEC
from notify.domain.report_clocks import IncidentReportClocks
from notify.domain.reporting import ObligationSpec, ReportObligationCreated, last_due, next_due, problems_of
from notify.domain.times import SHANGHAI
from notify.settings import Settings

WEEKLY = ObligationSpec("工作小结", "140500", "weekly", "17:00", due_weekday=5, unit_codes=("140525",))
MONTHLY_29 = ObligationSpec("进展调度表", "140500", "monthly", "17:00", due_day=29, unit_codes=("140525",))
DAILY = ObligationSpec("事故信息日报", "140500", "daily", "16:00", zero_report_allowed=True, unit_codes=("140525",))


def beijing(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI).astimezone(timezone.utc)


def test_the_calendar_facts_the_tests_rely_on():
    assert not is_working_day(date(2026, 10, 2))  # Friday, 国庆
    assert not is_working_day(date(2025, 10, 3))  # Friday, 国庆
    assert is_working_day(date(2026, 10, 10))  # Saturday, 调休 上班
    assert not is_working_day(date(2026, 3, 29)) and date(2026, 3, 29).isoweekday() == 7


def test_weekly_and_monthly_default_to_postpone_the_daily_report_keeps():
    assert WEEKLY.on_rest_day == "postpone" and MONTHLY_29.on_rest_day == "postpone" and DAILY.on_rest_day == "keep"


def test_a_weekly_friday_on_national_day_is_due_the_next_working_day_at_1700():
    # The Friday before, 09-25, was 中秋: its report was due Monday 09-28 17:00.
    assert next_due(WEEKLY, beijing(2026, 9, 28, 9, 0)).at == beijing(2026, 9, 28, 17, 0)
    due = next_due(WEEKLY, beijing(2026, 9, 28, 17, 0))
    assert due.period == "2026-W40"
    assert due.at == beijing(2026, 10, 8, 17, 0)  # 10-01…10-07 off: Thursday 10-08 is the next working day
    assert due.postponed_from == beijing(2026, 10, 2, 17, 0)
    # On the holiday Friday itself nothing is due yet, and nothing is overdue until the moved deadline passes.
    assert next_due(WEEKLY, beijing(2026, 10, 2, 17, 1)) == due
    assert last_due(WEEKLY, beijing(2026, 10, 8, 16, 59)).period == "2026-W39"
    assert last_due(WEEKLY, beijing(2026, 10, 8, 17, 0)) == due
    # The week after is an ordinary Friday.
    following = next_due(WEEKLY, due.at)
    assert following.at == beijing(2026, 10, 9, 17, 0) and following.postponed_from is None


def test_a_keep_obligation_stays_on_the_holiday():
    keep = ObligationSpec(**{**WEEKLY.__dict__, "on_rest_day": "keep"})
    assert next_due(keep, beijing(2026, 9, 28, 17, 0)).at == beijing(2026, 10, 2, 17, 0)


def test_a_make_up_working_saturday_counts_as_a_working_day():
    saturday = ObligationSpec("周六报送", "140500", "weekly", "12:00", due_weekday=6, unit_codes=("140525",))
    on_duty = next_due(saturday, beijing(2026, 10, 9, 9, 0))
    assert on_duty.at == beijing(2026, 10, 10, 12, 0) and on_duty.postponed_from is None  # 调休 上班
    # An ordinary Saturday moves to Monday.
    ordinary = next_due(saturday, on_duty.at)
    assert ordinary.at == beijing(2026, 10, 19, 12, 0) and ordinary.postponed_from == beijing(2026, 10, 17, 12, 0)


def test_a_monthly_29th_on_a_sunday_moves_to_the_monday():
    due = next_due(MONTHLY_29, beijing(2026, 3, 1))
    assert due.period == "2026-03" and due.at == beijing(2026, 3, 30, 17, 0)
    assert due.postponed_from == beijing(2026, 3, 29, 17, 0)
    assert next_due(MONTHLY_29, beijing(2026, 8, 1)).at == beijing(2026, 8, 31, 17, 0)  # Saturday 08-29


def test_the_daily_report_is_due_on_holidays_too():
    due = next_due(DAILY, beijing(2026, 10, 1, 12, 0))
    assert due.period == "2026-10-01" and due.at == beijing(2026, 10, 1, 16, 0) and due.postponed_from is None


def test_an_incident_report_clock_runs_in_calendar_hours_across_a_make_up_weekend():
    # Friday 2026-10-09 22:00, before the 调休 Saturday and the Sunday off: nothing is added for either.
    started = beijing(2026, 10, 9, 22, 0)
    clocks = IncidentReportClocks.start("i-1", "140525", "一般", started, Settings().clock_limits())
    assert clocks.clocks["initial"].due_at == started + timedelta(hours=4) == beijing(2026, 10, 10, 2, 0)
    assert clocks.clocks["follow_up"].due_at == beijing(2026, 10, 10, 22, 0)
    assert clocks.clocks["final"].due_at == started + timedelta(hours=720)


def test_a_year_the_calendar_lacks_is_shown_unadjusted_and_unverified_not_guessed():
    # The kit still says so explicitly; the schedule turns it into an unadjusted deadline that carries the year.
    with pytest.raises(CalendarNotCovered):
        is_working_day(date(LAST_YEAR + 1, 1, 1))
    after = beijing(LAST_YEAR, 12, 28, 9, 0)
    first_friday = next(date(LAST_YEAR + 1, 1, d) for d in range(1, 8) if date(LAST_YEAR + 1, 1, d).isoweekday() == 5)
    due = next_due(WEEKLY, after)
    if LAST_YEAR == 2026:  # Friday 2027-01-01 (元旦 in every year so far): not moved, since nobody knows yet
        assert due.at == beijing(2027, 1, 1, 17, 0) and due.period == "2026-W53"
    assert due.at == beijing(first_friday.year, 1, first_friday.day, 17, 0) and due.postponed_from is None
    assert due.not_covered == LAST_YEAR + 1
    problem = due.calendar_problem
    assert problem["code"] == "calendar-not-covered" and problem["year"] == LAST_YEAR + 1
    assert "国务院尚未公布/本系统日历未收录" in problem["detail"] and "截止时间暂按原定日期" in problem["detail"]
    assert "请核对" in problem["detail"] and f"{first_friday.isoformat()} 17:00" in problem["detail"]
    # Overdue by the same unadjusted instant, and marked the same way.
    assert last_due(WEEKLY, due.at - timedelta(minutes=1)).not_covered is None
    passed = last_due(WEEKLY, due.at)
    assert passed == due
    # Every year after the calendar, as far as one looks: a deadline, unadjusted, never an error.
    february = min(29, monthrange(LAST_YEAR + 3, 2)[1])
    assert next_due(MONTHLY_29, beijing(LAST_YEAR + 3, 2, 1)).at == beijing(LAST_YEAR + 3, 2, february, 17, 0)
    # A deadline the calendar can still place is checked as before; the daily report needs no calendar at all.
    december = next_due(WEEKLY, beijing(LAST_YEAR, 12, 21, 9, 0))
    assert december.not_covered is None and december.calendar_problem is None
    assert next_due(DAILY, beijing(LAST_YEAR + 1, 5, 1, 9, 0)).not_covered is None


def test_the_rule_is_checked_naming_the_field():
    assert problems_of(WEEKLY) == []
    bad = ObligationSpec(**{**WEEKLY.__dict__, "on_rest_day": "sometimes"})
    assert [p.field for p in problems_of(bad)] == ["on_rest_day"]
    daily = ObligationSpec(**{**DAILY.__dict__, "on_rest_day": "postpone"})
    assert [p.field for p in problems_of(daily)] == ["on_rest_day"]


def test_the_rule_survives_the_codec_and_old_events_read_as_the_default():
    keep = ObligationSpec(**{**WEEKLY.__dict__, "on_rest_day": "keep"})
    event_type, payload = CODEC.encode(ReportObligationCreated("o-1", keep))
    assert CODEC.decode(event_type, payload).spec.on_rest_day == "keep"
    from ecosafe.notify.v1 import report_obligation_pb2 as opb
    old = opb.ReportObligationCreated(obligation_id="o-2", name="工作小结", jurisdiction_code="140500",
                                      kind="weekly", due_time="17:00", due_weekday=5, unit_codes=["140525"])
    assert CODEC.decode(event_type, old.SerializeToString()).spec.on_rest_day == "postpone"
    old.kind, old.due_weekday = "daily", 0
    assert CODEC.decode(event_type, old.SerializeToString()).spec.on_rest_day == "keep"
