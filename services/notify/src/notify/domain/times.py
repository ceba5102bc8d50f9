"""Instants as bureaus read them: Asia/Shanghai wall-clock time."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local_text(instant: datetime) -> str:
    """`2026-12-06 14:05 (北京时间)` for a UTC instant."""
    return instant.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") + " (北京时间)"


def utcnow() -> datetime:
    """The real clock; jobs and use cases take a clock so tests can move time."""
    return datetime.now(timezone.utc)
