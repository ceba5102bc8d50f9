"""Working days as Chinese bureaus count them: weekends and public holidays off, make-up days (调休) on."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
from chinese_calendar.constants import holidays as _holidays

from ecosafe_kit.errors import EcoSafeError

# The library's data: one year at a time, as the State Council publishes each year's arrangement (each
# November for the year after). Outside these years there is no answer, only a guess.
FIRST_YEAR = min(_holidays).year
LAST_YEAR = max(_holidays).year


class CalendarNotCovered(EcoSafeError):
    """A date in a year whose holidays and make-up days the calendar does not know yet (or no longer)."""

    status = 422
    code = "calendar-not-covered"
    title = "工作日历未覆盖该年份"

    def __init__(self, year: int) -> None:
        super().__init__(
            f"工作日历仅包含 {FIRST_YEAR}–{LAST_YEAR} 年的法定节假日和调休安排, 无法计算 {year} 年的工作日",
            extra={"year": year, "covered_years": [FIRST_YEAR, LAST_YEAR]})
        self.year = year


def _covered(day: date) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CalendarNotCovered(day.year)
    return day


def is_working_day(day: date) -> bool:
    """True on a Monday–Friday that is no public holiday, and on a weekend day declared a make-up working day."""
    return chinese_calendar.is_workday(_covered(day))


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (`start` itself never counts; 0 gives `start`)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
