"""Report deadlines in Beijing time: daily with 零报告, weekly Friday 17:00, monthly on the 1st for the month before."""

from datetime import datetime, timezone

from notify.domain.reporting import ObligationSpec, describe, last_due, next_due, problems_of, valid_period

DAILY = ObligationSpec("事故信息日报", "140500", "daily", "16:00", zero_report_allowed=True, unit_codes=("140525",))
WEEKLY = ObligationSpec("工作小结", "140500", "weekly", "17:00", due_weekday=5, unit_codes=("140525",))
# The schedule's own rules, without postponement (these dates run into 2027, past the calendar's years).
MONTHLY = ObligationSpec("调度表", "140500", "monthly", "09:00", due_day=1, unit_codes=("140525",), on_rest_day="keep")


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def test_a_daily_deadline_is_beijing_time():
    # 2026-12-06 07:59 UTC is 15:59 in Beijing: today's 16:00 is next; one minute later it is tomorrow's.
    assert next_due(DAILY, utc(2026, 12, 6, 7, 59)).at == utc(2026, 12, 6, 8, 0)
    assert next_due(DAILY, utc(2026, 12, 6, 8, 0)).period == "2026-12-07"
    assert last_due(DAILY, utc(2026, 12, 6, 8, 0)).period == "2026-12-06"


def test_friday_1700_and_the_iso_week():
    due = next_due(WEEKLY, utc(2026, 12, 6, 0, 0))  # a Sunday
    assert due.at == utc(2026, 12, 11, 9, 0) and due.period == "2026-W50"
    assert describe(WEEKLY) == "每周五 17:00 (遇休息日顺延)"


def test_the_monthly_table_due_on_the_first_covers_the_month_before():
    due = next_due(MONTHLY, utc(2026, 12, 6))
    assert due.at == utc(2027, 1, 1, 1, 0) and due.period == "2026-12"
    late_month = ObligationSpec("进展", "140500", "monthly", "17:00", due_day=29, unit_codes=("140525",),
                                on_rest_day="keep")
    assert next_due(late_month, utc(2026, 12, 6)).period == "2026-12"


def test_checks_and_period_formats():
    assert problems_of(DAILY) == []
    bad = ObligationSpec("x", "140500", "weekly", "25:00", due_weekday=9, zero_report_allowed=True,
                         unit_codes=("140600",))
    assert [p.field for p in problems_of(bad)] == ["due_time", "due_weekday", "zero_report_allowed", "unit_codes"]
    assert valid_period("weekly", "2026-W50") and not valid_period("weekly", "2026-12")
    assert valid_period("monthly", "2026-11") and not valid_period("daily", "2026-11")


def test_a_monthly_deadline_past_the_end_of_a_short_month_falls_on_its_last_day():
    """Seed 003: 每月29日前 报进展调度表; February 2027 has 28 days, April 30."""
    by_29th = ObligationSpec("进展调度表", "140500", "monthly", "17:00", due_day=29, unit_codes=("140525",),
                             on_rest_day="keep")
    assert problems_of(by_29th) == []
    due = next_due(by_29th, utc(2027, 2, 1))
    assert due.at == utc(2027, 2, 28, 9, 0) and due.period == "2027-02"
    assert next_due(by_29th, due.at).at == utc(2027, 3, 29, 9, 0)
    by_31st = ObligationSpec("月报", "140500", "monthly", "17:00", due_day=31, unit_codes=("140525",),
                             on_rest_day="keep")
    assert next_due(by_31st, utc(2027, 4, 1)).at == utc(2027, 4, 30, 9, 0)
    assert [p.field for p in problems_of(ObligationSpec("x", "140500", "monthly", "17:00", due_day=32,
                                                        unit_codes=("140525",)))] == ["due_day"]
