"""Delivery of a notification through one channel: its events and the back-off between attempts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class NotificationDelivered:
    delivery_id: str
    notification_id: str
    channel_id: str
    attempt: int
    possible_duplicate: bool
    detail: str


@dataclass(frozen=True)
class DeliveryFailed:
    delivery_id: str
    notification_id: str
    channel_id: str
    attempt: int
    reason: str
    next_attempt_at: datetime | None
    possible_duplicate: bool


DELIVERY_EVENTS = (NotificationDelivered, DeliveryFailed)


@dataclass(frozen=True)
class Backoff:
    """Exponential back-off: first_seconds, then doubling up to max_seconds; max_attempts in all."""

    max_attempts: int = 6
    first_seconds: float = 30.0
    max_seconds: float = 3600.0

    def next_attempt(self, attempt: int, now: datetime) -> datetime | None:
        """When to try again after failed attempt number `attempt`, or None when it was the last."""
        if attempt >= self.max_attempts:
            return None
        return now + timedelta(seconds=min(self.first_seconds * 2 ** (attempt - 1), self.max_seconds))
