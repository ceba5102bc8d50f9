"""The service's clock: instants in UTC, calendar dates (deadlines, periods) in Asia/Shanghai."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


class Clock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    def today(self) -> date:
        return self.now().astimezone(SHANGHAI).date()


class FixedClock(Clock):
    """A clock stopped at one instant (tests, and sweeps run for a given day)."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("at must be timezone-aware")
        self.at = at

    def now(self) -> datetime:
        return self.at
