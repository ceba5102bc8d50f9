"""Working days of the kit calendar on real 2025/2026 holiday arrangements (国务院办公厅 节假日安排)."""

from datetime import date, datetime

import pytest

from ecosafe_kit.workdays import LAST_YEAR, CalendarNotCovered, add_working_days, is_working_day


@pytest.mark.parametrize(("day", "working"), [
    (date(2026, 2, 14), True),    # Saturday, 春节调休上班
    (date(2026, 2, 16), False),   # Monday, 春节
    (date(2026, 2, 23), False),   # Monday, last day of the 春节 holiday
    (date(2026, 2, 28), True),    # Saturday, 春节调休上班
    (date(2026, 3, 7), False),    # an ordinary Saturday
    (date(2026, 3, 9), True),     # an ordinary Monday
    (date(2025, 9, 28), True),    # Sunday, 国庆调休上班
    (date(2025, 10, 8), False),   # Wednesday, 国庆中秋
    (date(2025, 10, 11), True),   # Saturday, 国庆调休上班
    (date(2026, 10, 10), True),   # Saturday, 国庆调休上班
])
def test_working_days_follow_the_published_holidays_and_make_up_days(day, working):
    assert is_working_day(day) is working


def test_a_datetime_counts_by_its_date():
    assert is_working_day(datetime(2026, 2, 14, 23, 59)) is True


@pytest.mark.parametrize(("start", "days", "expected"), [
    (date(2026, 12, 4), 5, date(2026, 12, 11)),   # an ordinary week: the weekend skipped
    (date(2026, 2, 13), 1, date(2026, 2, 14)),    # the make-up Saturday counts
    (date(2026, 2, 14), 1, date(2026, 2, 24)),    # the whole 春节 holiday skipped
    (date(2026, 2, 13), 3, date(2026, 2, 25)),
    (date(2025, 9, 26), 1, date(2025, 9, 28)),    # Friday → the make-up Sunday
    (date(2025, 9, 30), 1, date(2025, 10, 9)),    # 国庆中秋 1–8 October skipped
    (date(2025, 9, 30), 3, date(2025, 10, 11)),   # Thursday, Friday, the make-up Saturday
    (date(2026, 3, 9), 0, date(2026, 3, 9)),
])
def test_n_working_days_after_a_date(start, days, expected):
    assert add_working_days(start, days) == expected


def test_a_year_the_calendar_does_not_cover_is_an_explicit_error_not_a_guess():
    with pytest.raises(CalendarNotCovered) as raised:
        is_working_day(date(LAST_YEAR + 1, 1, 4))
    assert raised.value.year == LAST_YEAR + 1
    assert raised.value.status == 422
    assert str(LAST_YEAR + 1) in raised.value.detail


def test_counting_into_an_uncovered_year_fails_instead_of_guessing():
    with pytest.raises(CalendarNotCovered):
        add_working_days(date(LAST_YEAR, 12, 31), 1)


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 9), -1)
