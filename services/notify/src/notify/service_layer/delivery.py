"""Sending notifications through their channels: claim what is due, send each on its channel kind's own threads
(a dead webhook never holds up an e-mail), record every outcome as an event, retry with back-off."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timedelta

from sqlalchemy.engine import Connection, Engine

from ecosafe_kit.eventstore import EventStore, NewEvent, Signer
from ecosafe_kit.projections import apply_stored
from notify.adapters import delivery_queries as q, inbox_queries
from notify.adapters.channels import Sender, SendFailed
from notify.adapters.codec import CODEC
from notify.adapters.projections import DELIVERY_STREAM, PROJECTIONS
from notify.domain.channels import OutgoingMessage
from notify.domain.delivery import Backoff, DeliveryFailed, NotificationDelivered
from notify.service_layer.recording import SOURCE

log = logging.getLogger(__name__)
DELIVERY_SIGNER = Signer(subject="system:notify-delivery", name="通知外发", roles=("admin",), jurisdiction="")


def _report_crash(future: Future) -> None:
    """A send whose outcome could not be recorded (database down): its lease runs out and it is tried again,
    marked as a possible duplicate."""
    if not future.cancelled() and future.exception() is not None:
        log.error("recording a delivery failed", exc_info=future.exception())


class DeliveryWorker:
    def __init__(self, engine: Engine, senders: dict[str, Sender], clock: Callable[[], datetime],
                 backoff: Backoff = Backoff(), lease_seconds: float = 120.0, batch: int = 50,
                 threads_per_kind: int = 4) -> None:
        self.engine = engine
        self.store = EventStore(engine)
        self.senders = senders
        self.clock = clock
        self.backoff = backoff
        self.lease = timedelta(seconds=lease_seconds)
        self.batch = batch
        self.pools = {kind: ThreadPoolExecutor(threads_per_kind, thread_name_prefix=f"notify-{kind}")
                      for kind in senders}

    def run_once(self) -> list[Future]:
        """Claim the due deliveries and start sending them; returns the sends under way (tests may wait)."""
        now = self.clock()
        with self.engine.begin() as conn:
            claims = q.claim(conn, now, now + self.lease, self.batch)
            work = [(c, q.channel(conn, c.channel_id), inbox_queries.one(conn, c.notification_id)) for c in claims]
        futures = []
        for claim, channel, notification in work:
            if channel is None or not channel["active"] or channel["kind"] not in self.pools:
                self._record(claim, failure="通道已停用或不存在", retry=False)
                continue
            message = OutgoingMessage(
                notification_id=claim.notification_id, delivery_id=claim.delivery_id,
                event_type=notification["event_type"], subject_id=notification["subject_id"],
                jurisdiction_code=notification["jurisdiction_code"], title=notification["title"],
                body=notification["body"], link=notification["link"], urgent=notification["urgent"],
                drill=notification["drill"], possible_duplicate=claim.possible_duplicate)
            future = self.pools[channel["kind"]].submit(self._send, claim, channel, message)
            future.add_done_callback(_report_crash)
            futures.append(future)
        return futures

    def _send(self, claim: q.Claim, channel: dict, message: OutgoingMessage) -> None:
        try:
            detail = self.senders[channel["kind"]].send(channel["target"], channel["secret"], message)
        except SendFailed as exc:
            self._record(claim, failure=str(exc), retry=True)
        else:
            self._record(claim, detail=detail)

    def _record(self, claim: q.Claim, *, detail: str = "", failure: str | None = None, retry: bool = True) -> None:
        now = self.clock()
        if failure is None:
            event, status, next_at = NotificationDelivered(
                claim.delivery_id, claim.notification_id, claim.channel_id, claim.attempt, claim.possible_duplicate,
                detail), "delivered", None
        else:
            next_at = self.backoff.next_attempt(claim.attempt, now) if retry else None
            event = DeliveryFailed(claim.delivery_id, claim.notification_id, claim.channel_id, claim.attempt, failure,
                                   next_at, claim.possible_duplicate)
            status = "retrying" if next_at is not None else "failed"
        with self.engine.begin() as conn:
            self._append(conn, claim.delivery_id, event)
            q.settle(conn, claim, status, next_at, failure, now)
        if failure is not None:
            log.warning("delivery %s attempt %d failed: %s", claim.delivery_id, claim.attempt, failure)

    def _append(self, conn: Connection, delivery_id: str, event) -> None:
        event_type, payload = CODEC.encode(event)
        head = len(self.store.load(conn, delivery_id))
        stored = self.store.append(conn, stream_type=DELIVERY_STREAM, stream_id=delivery_id, expected_version=head,
                                   events=[NewEvent(event_type=event_type, payload=payload, signer=DELIVERY_SIGNER)])
        apply_stored(conn, PROJECTIONS, stored, SOURCE)

    def close(self) -> None:
        for pool in self.pools.values():
            pool.shutdown(wait=False, cancel_futures=True)
