"""The escalation worker as the service runs it: looks for overdue acknowledgements until stopped."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from sqlalchemy.engine import Engine

from notify.entrypoints.delivery_worker import utcnow
from notify.service_layer.duty import on_duty
from notify.service_layer.escalation import Escalations
from notify.settings import Settings

log = logging.getLogger(__name__)


def build_escalations(engine: Engine, settings: Settings, clock=utcnow) -> Escalations:
    return Escalations(engine, on_duty, clock, timedelta(minutes=settings.escalation_after_minutes))


def escalation_loop(settings: Settings):
    def escalate(engine: Engine, stop: threading.Event) -> None:
        escalations = build_escalations(engine, settings)
        while not stop.is_set():
            try:
                escalations.run_once()
            except Exception:
                # A failed look (database restarting) is logged and tried again at the next interval.
                log.exception("escalating notifications failed")
            stop.wait(settings.escalation_poll_seconds)

    return escalate
