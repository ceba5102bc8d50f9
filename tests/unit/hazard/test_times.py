"""Plausible times: the floor, the future and offsets beyond ±14:00 are named problems, never exceptions."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hazard.domain.times import day_problems, instant_problems

NOW = datetime(2026, 12, 6, 5, 0, tzinfo=timezone.utc)


def test_an_instant_in_year_1_with_a_plus_14_offset_is_a_problem_not_an_overflow():
    [problem] = instant_problems("found_at", datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))), now=NOW)
    assert problem.field == "found_at" and "2000-01-01" in problem.message


def test_offsets_beyond_14_hours_no_zone_and_the_future_are_problems():
    assert instant_problems("at", datetime(2026, 11, 15, 8, 30, tzinfo=timezone(-timedelta(hours=16, minutes=13))),
                            now=NOW)[0].message.startswith("时区偏移")
    assert "时区" in instant_problems("at", datetime(2026, 11, 15), now=NOW)[0].message
    assert instant_problems("at", NOW + timedelta(seconds=1), now=NOW)[0].message == "时间不能晚于当前时间"
    assert instant_problems("at", datetime(2026, 11, 15, tzinfo=timezone(timedelta(hours=14))), now=NOW) == []
    assert instant_problems("at", datetime(2000, 1, 1, tzinfo=timezone(timedelta(hours=8))), now=NOW) == []


def test_days_between_the_floor_and_today_pass():
    today = date(2026, 12, 6)
    assert day_problems("query.to", date(9999, 12, 31), today=today)[0].field == "query.to"
    assert day_problems("query.from", date(1999, 12, 31), today=today)[0].field == "query.from"
    assert day_problems("query.from", date(2000, 1, 1), today=today) == []
    assert day_problems("query.to", today, today=today) == []
