"""Plausible times: the floor the ledger accepts, no future, and UTC offsets that exist on Earth (±14:00)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from ecosafe_kit.errors import FieldProblem

# The seeds' campaigns start in 2019 and a ledger may take in older, still open hazards; nothing the platform
# records (a hazard found, a period counted, a past state asked for) happened before 2000.
EARLIEST_DAY = date(2000, 1, 1)
EARLIEST_INSTANT = datetime(2000, 1, 1, tzinfo=timezone(timedelta(hours=8)))
# Real offsets run from UTC-12:00 to UTC+14:00; PostgreSQL refuses anything beyond ±15:59.
MAX_OFFSET = timedelta(hours=14)


def instant_problems(field: str, value: datetime, *, now: datetime) -> list[FieldProblem]:
    """What is wrong with an instant a user gave: no time zone, an impossible offset, before the floor, future."""
    offset = value.utcoffset()
    if offset is None:
        return [FieldProblem(field, "日期时间必须带时区, 如 2026-03-01T18:00:00+08:00")]
    if abs(offset) > MAX_OFFSET:
        return [FieldProblem(field, "时区偏移须在 -14:00 到 +14:00 之间")]
    # Compared as aware datetimes (no conversion), so year 1 or 9999 with any offset cannot overflow.
    if value < EARLIEST_INSTANT:
        return [FieldProblem(field, f"时间不能早于 {EARLIEST_DAY} (北京时间)")]
    if value > now:
        return [FieldProblem(field, "时间不能晚于当前时间")]
    return []


def day_problems(field: str, value: date, *, today: date) -> list[FieldProblem]:
    """What is wrong with a past calendar day a user gave (a period's bounds): before the floor or after today."""
    if value < EARLIEST_DAY:
        return [FieldProblem(field, f"日期不能早于 {EARLIEST_DAY}")]
    if value > today:
        return [FieldProblem(field, f"日期不能晚于今天 {today} (北京时间)")]
    return []
