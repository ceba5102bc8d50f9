"""The delivery queue: enqueue per notification and channel, claim due rows with a lease, settle the outcome."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from notify.adapters.tables import channel_secrets, channels, deliveries, delivery_attempts

_NAMESPACE = uuid.UUID("0b6f8f8e-3f0e-4d55-b1f4-5c8f0f3b6a11")

# Due rows: waiting ones whose time has come, and ones left "sending" by a worker that stopped before recording
# (its lease ran out): those are tried again once and marked as possible duplicates.
_CLAIM = text("""
UPDATE nt_deliveries d
   SET status = 'sending', attempts = d.attempts + 1, lease_until = :lease_until, updated_at = :now,
       possible_duplicate = d.possible_duplicate OR d.status = 'sending'
 WHERE d.delivery_id IN (
       SELECT delivery_id FROM nt_deliveries
        WHERE (status IN ('pending', 'retrying') AND next_attempt_at <= :now)
           OR (status = 'sending' AND lease_until < :now)
        ORDER BY next_attempt_at
        LIMIT :batch
          FOR UPDATE SKIP LOCKED)
RETURNING d.delivery_id, d.notification_id, d.channel_id, d.attempts, d.possible_duplicate
""")


@dataclass(frozen=True)
class Claim:
    delivery_id: str
    notification_id: str
    channel_id: str
    attempt: int
    possible_duplicate: bool


def delivery_id_for(notification_id: str, channel_id: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{notification_id}/{channel_id}"))


def enqueue(conn: Connection, notification_id: str, channel_ids: list[str]) -> None:
    """One pending delivery per active channel (retired or unknown channels are skipped)."""
    active = conn.execute(select(channels.c.channel_id).where(channels.c.channel_id.in_(channel_ids),
                                                              channels.c.active)).scalars().all()
    if not active:
        return
    conn.execute(insert(deliveries).values([
        {"delivery_id": delivery_id_for(notification_id, c), "notification_id": notification_id, "channel_id": c,
         "status": "pending", "attempts": 0, "next_attempt_at": func.now(), "possible_duplicate": False,
         "updated_at": func.now()} for c in active]).on_conflict_do_nothing(index_elements=["delivery_id"]))


def claim(conn: Connection, now: datetime, lease_until: datetime, batch: int) -> list[Claim]:
    rows = conn.execute(_CLAIM, {"now": now, "lease_until": lease_until, "batch": batch})
    return [Claim(r.delivery_id, r.notification_id, r.channel_id, r.attempts, r.possible_duplicate) for r in rows]


def channel(conn: Connection, channel_id: str) -> dict | None:
    row = conn.execute(select(channels, channel_secrets.c.secret).select_from(
        channels.outerjoin(channel_secrets, channel_secrets.c.channel_id == channels.c.channel_id)).where(
        channels.c.channel_id == channel_id)).first()
    return dict(row._mapping) if row is not None else None


def settle(conn: Connection, claim_: Claim, status: str, next_attempt_at: datetime | None, error: str | None,
           now: datetime) -> None:
    """Record the outcome on the row, unless a later attempt has claimed it meanwhile."""
    values = {"status": status, "lease_until": None, "last_error": error, "updated_at": now}
    if next_attempt_at is not None:
        values["next_attempt_at"] = next_attempt_at
    conn.execute(deliveries.update().where(deliveries.c.delivery_id == claim_.delivery_id,
                                           deliveries.c.attempts == claim_.attempt).values(**values))


def of_notification(conn: Connection, notification_id: str) -> list[dict]:
    """Each delivery of a notification with its channel and every attempt (the delivery log)."""
    rows = conn.execute(select(deliveries, channels.c.name.label("channel_name"), channels.c.kind).select_from(
        deliveries.join(channels, channels.c.channel_id == deliveries.c.channel_id)).where(
        deliveries.c.notification_id == notification_id).order_by(channels.c.name))
    found = [dict(r._mapping) for r in rows]
    for item in found:
        item["log"] = [dict(a._mapping) for a in conn.execute(
            select(delivery_attempts).where(delivery_attempts.c.delivery_id == item["delivery_id"])
            .order_by(delivery_attempts.c.attempt))]
    return found
