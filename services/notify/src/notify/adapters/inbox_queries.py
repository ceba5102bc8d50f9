"""Reading notifications: a user's inbox (what is addressed to them, directly or by role, enterprise or park)."""

from __future__ import annotations

from sqlalchemy import and_, exists, false, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal, Role
from notify.adapters.tables import notifications, recipients


def addressed_to(principal: Principal) -> ColumnElement[bool]:
    """Recipient rows that reach `principal`."""
    parts = [and_(recipients.c.kind == "user", recipients.c.value == principal.subject)]
    if principal.jurisdiction is not None and principal.roles:
        prefix = jurisdiction.area_prefix(principal.jurisdiction)
        parts.append(and_(recipients.c.kind == "role", recipients.c.value.in_([r.value for r in principal.roles]),
                          recipients.c.jurisdiction_code.startswith(prefix, autoescape=True)))
    if principal.has_role(Role.enterprise_user) and principal.enterprise_id:
        parts.append(and_(recipients.c.kind == "enterprise", recipients.c.value == principal.enterprise_id))
    if principal.has_role(Role.park_operator) and principal.park_id:
        parts.append(and_(recipients.c.kind == "park", recipients.c.value == principal.park_id))
    return or_(*parts) if parts else false()


def _reaching(principal: Principal):
    return exists().where(recipients.c.notification_id == notifications.c.notification_id, addressed_to(principal))


def inbox(conn: Connection, principal: Principal, event_type: str | None, subject_id: str | None,
          offset: int, limit: int) -> tuple[list[dict], int]:
    conditions = [_reaching(principal)]
    if event_type is not None:
        conditions.append(notifications.c.event_type == event_type)
    if subject_id is not None:
        conditions.append(notifications.c.subject_id == subject_id)
    total = conn.execute(select(func.count()).select_from(notifications).where(*conditions)).scalar_one()
    rows = conn.execute(select(notifications).where(*conditions)
                        .order_by(notifications.c.created_at.desc(), notifications.c.notification_id)
                        .offset(offset).limit(limit))
    return [dict(r._mapping) for r in rows], total


def one(conn: Connection, notification_id: str) -> dict | None:
    row = conn.execute(select(notifications).where(notifications.c.notification_id == notification_id)).first()
    return dict(row._mapping) if row is not None else None


def recipients_of(conn: Connection, notification_id: str) -> list[dict]:
    rows = conn.execute(select(recipients.c.kind, recipients.c.value, recipients.c.jurisdiction_code,
                               recipients.c.label).where(recipients.c.notification_id == notification_id)
                        .order_by(recipients.c.kind, recipients.c.value))
    return [dict(r._mapping) for r in rows]


def reaches(conn: Connection, principal: Principal, notification_id: str) -> bool:
    return conn.execute(select(exists().where(recipients.c.notification_id == notification_id,
                                              addressed_to(principal)))).scalar_one()
