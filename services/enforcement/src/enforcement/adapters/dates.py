"""Calendar days as instants: a range runs from 00:00 of its first day to 23:59:59 of its last, in Asia/Shanghai."""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), SHANGHAI).astimezone(timezone.utc)


def day_end(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), SHANGHAI).astimezone(timezone.utc)


def day_of(field) -> date:
    """The Shanghai calendar day of a protobuf Timestamp."""
    return field.ToDatetime(tzinfo=timezone.utc).astimezone(SHANGHAI).date()


def decided_day(iso: str, recorded_at: datetime) -> date:
    """The day a case event's decision was made: its own `decided_on`, or for an event recorded before events
    carried one (empty), the Shanghai day it was recorded."""
    return date.fromisoformat(iso) if iso else recorded_at.astimezone(SHANGHAI).date()


def today() -> date:
    return datetime.now(SHANGHAI).date()
