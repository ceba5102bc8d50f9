"""The inbox use cases: a user's notifications with their state, one with its explanation, read, acknowledge."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.engine import Engine

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.errors import NotFound
from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.repository import Repository
from notify.adapters import inbox_queries as q
from notify.adapters.codec import CODEC
from notify.adapters.projections import NOTIFICATION_STREAM
from notify.domain.notification import Notification
from notify.service_layer import permissions
from notify.service_layer.recording import Result, record


class Inbox:
    def __init__(self, engine: Engine, clock: Callable[[], datetime]) -> None:
        self.engine = engine
        self.clock = clock
        self.repository: Repository[Notification] = Repository(EventStore(engine), CODEC, Notification,
                                                               NOTIFICATION_STREAM, not_found="通知不存在")

    def page(self, principal: Principal, event_type: str | None, subject_id: str | None, status: str | None,
             urgent: bool | None, offset: int, limit: int) -> tuple[list[dict], int]:
        with self.engine.connect() as conn:
            return q.inbox(conn, principal, event_type, subject_id, status, urgent, offset, limit)

    def get(self, principal: Principal, notification_id: str) -> dict:
        """A notification addressed to the caller, or in an area whose rules they manage (else 404)."""
        with self.engine.connect() as conn:
            row = q.one(conn, notification_id)
            if row is None or not (q.reaches(conn, principal, notification_id)
                                   or permissions.may_manage(principal, row["jurisdiction_code"])):
                raise NotFound(f"通知不存在: {notification_id}", extra={"id": notification_id})
            row["recipients"] = q.recipients_of(conn, notification_id)
            row["acknowledgements"] = q.acknowledgements(conn, notification_id)
            row["status"] = q.status_of(conn, notification_id, principal.subject)
            return row

    def mark_read(self, principal: Principal, notification_id: str) -> str:
        with self.engine.begin() as conn:
            self._addressed(conn, principal, notification_id)
            q.mark_read(conn, notification_id, principal.subject, self.clock())
            return q.status_of(conn, notification_id, principal.subject)

    def acknowledge(self, principal: Principal, notification_id: str, note: str) -> Result:
        """确认: an event signed by the user (once per user); any acknowledgement stops the escalation."""
        with self.engine.begin() as conn:
            self._addressed(conn, principal, notification_id)
            notification = self.repository.get(conn, notification_id)
            if notification.acknowledge(principal.subject, note, q.unit_of(conn, principal, notification_id)):
                record(conn, self.repository, notification, principal)
            return Result(notification_id, notification.version)

    @staticmethod
    def _addressed(conn, principal: Principal, notification_id: str) -> None:
        """Only a recipient reads or acknowledges; anyone else gets what an unknown id gets."""
        if not q.reaches(conn, principal, notification_id):
            raise NotFound(f"通知不存在: {notification_id}", extra={"id": notification_id})
