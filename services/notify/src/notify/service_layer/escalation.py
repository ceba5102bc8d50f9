"""Escalating urgent notifications nobody acknowledged in time: 副班 first, then 带班领导 of the duty roster."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.engine import Engine

from ecosafe_kit.errors import ConcurrencyConflict
from ecosafe_kit.eventstore import EventStore, Signer
from ecosafe_kit.repository import Repository
from notify.adapters.codec import CODEC
from notify.adapters.projections import NOTIFICATION_STREAM
from notify.adapters.tables import notifications
from notify.domain.notification import ESCALATION_STEPS, Notification
from notify.domain.values import DUTY_POSITIONS
from notify.service_layer.recording import record_signed
from notify.service_layer.routing import Roster

log = logging.getLogger(__name__)
ESCALATION_SIGNER = Signer(subject="system:notify-escalation", name="通知升级", roles=("admin",), jurisdiction="")


class Escalations:
    def __init__(self, engine: Engine, roster: Roster, clock: Callable[[], datetime], after: timedelta) -> None:
        self.engine = engine
        self.roster = roster
        self.clock = clock
        self.after = after
        self.repository: Repository[Notification] = Repository(EventStore(engine), CODEC, Notification,
                                                               NOTIFICATION_STREAM)

    def run_once(self) -> list[str]:
        """Escalate every urgent notification whose next level is due; returns their ids."""
        now = self.clock()
        with self.engine.connect() as conn:
            # Level n is due `after` × (n + 1) after the notification was made.
            candidates = conn.execute(select(notifications.c.notification_id, notifications.c.created_at,
                                             notifications.c.escalation_level).where(
                notifications.c.urgent, notifications.c.acknowledged_at.is_(None),
                notifications.c.escalation_level < len(ESCALATION_STEPS))).all()
        due = [c.notification_id for c in candidates if c.created_at + self.after * (c.escalation_level + 1) <= now]
        done = []
        for notification_id in due:
            try:
                if self._escalate(notification_id, now):
                    done.append(notification_id)
            except ConcurrencyConflict:
                # Acknowledged (or escalated by another process) meanwhile: the next look decides again.
                log.info("notification %s changed while escalating; left for the next look", notification_id)
        return done

    def _escalate(self, notification_id: str, now: datetime) -> bool:
        with self.engine.begin() as conn:
            notification = self.repository.get(conn, notification_id)
            position = notification.next_escalation()
            if position is None:
                return False
            holders = self.roster(conn, notification.jurisdiction_code, position, now)
            minutes = int(self.after.total_seconds() // 60) * (notification.escalation_level + 1)
            reason = f"紧急通知 {minutes} 分钟未确认, 升级至{DUTY_POSITIONS[position]}"
            if not holders:
                reason += f"; 辖区 {notification.jurisdiction_code} 此刻无{DUTY_POSITIONS[position]}值班"
            level = notification.escalation_level + 1
            notification.escalate([replace(h, label=f"升级第 {level} 级: {h.label}") for h in holders], reason)
            record_signed(conn, self.repository, notification, ESCALATION_SIGNER)
            return True
