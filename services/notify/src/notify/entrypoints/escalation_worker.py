"""The escalation worker as the service runs it: looks for overdue acknowledgements until stopped."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.engine import Engine

from notify.domain.times import utcnow
from notify.entrypoints.workers import polling
from notify.service_layer.duty import on_duty
from notify.service_layer.escalation import Escalations
from notify.settings import Settings


def build_escalations(engine: Engine, settings: Settings, clock=utcnow) -> Escalations:
    return Escalations(engine, on_duty, clock, timedelta(minutes=settings.escalation_after_minutes))


def escalation_loop(settings: Settings):
    """The ServiceSpec worker: escalate what is due every `escalation_poll_seconds` until the service stops."""
    return polling("escalate", lambda engine: build_escalations(engine, settings), settings.escalation_poll_seconds)
