"""The inbox use cases: a user's notifications, and one notification with its explanation."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.errors import NotFound
from notify.adapters import inbox_queries as q
from notify.service_layer import permissions


class Inbox:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def page(self, principal: Principal, event_type: str | None, subject_id: str | None,
             offset: int, limit: int) -> tuple[list[dict], int]:
        with self.engine.connect() as conn:
            return q.inbox(conn, principal, event_type, subject_id, offset, limit)

    def get(self, principal: Principal, notification_id: str) -> dict:
        """A notification addressed to the caller, or in an area whose rules they manage (else 404)."""
        with self.engine.connect() as conn:
            row = q.one(conn, notification_id)
            if row is None or not (q.reaches(conn, principal, notification_id)
                                   or permissions.may_manage(principal, row["jurisdiction_code"])):
                raise NotFound(f"通知不存在: {notification_id}", extra={"id": notification_id})
            row["recipients"] = q.recipients_of(conn, notification_id)
            return row
