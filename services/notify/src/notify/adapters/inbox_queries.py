"""Reading notifications: a user's inbox (what is addressed to them, directly or by role, enterprise or park)."""

from __future__ import annotations

from sqlalchemy import and_, case, exists, false, func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal, Role
from notify.adapters.tables import notifications, receipts, recipients


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


def _status():
    """The caller's own state of a notification: acknowledged, read or unread."""
    return case((receipts.c.acknowledged_at.is_not(None), "acknowledged"), (receipts.c.read_at.is_not(None), "read"),
                else_="unread")


def inbox(conn: Connection, principal: Principal, event_type: str | None, subject_id: str | None,
          status: str | None, urgent: bool | None, offset: int, limit: int) -> tuple[list[dict], int]:
    mine = notifications.outerjoin(receipts, and_(receipts.c.notification_id == notifications.c.notification_id,
                                                  receipts.c.user_id == principal.subject))
    conditions = [_reaching(principal)]
    if event_type is not None:
        conditions.append(notifications.c.event_type == event_type)
    if subject_id is not None:
        conditions.append(notifications.c.subject_id == subject_id)
    if status is not None:
        conditions.append(_status() == status)
    if urgent is not None:
        conditions.append(notifications.c.urgent.is_(urgent))
    total = conn.execute(select(func.count()).select_from(mine).where(*conditions)).scalar_one()
    rows = conn.execute(select(notifications, _status().label("status"), receipts.c.read_at,
                               receipts.c.acknowledged_at.label("my_acknowledged_at")).select_from(mine)
                        .where(*conditions)
                        .order_by(notifications.c.created_at.desc(), notifications.c.notification_id)
                        .offset(offset).limit(limit))
    return [dict(r._mapping) for r in rows], total


def mark_read(conn: Connection, notification_id: str, user_id: str, at) -> None:
    statement = insert(receipts).values(notification_id=notification_id, user_id=user_id, read_at=at)
    conn.execute(statement.on_conflict_do_update(index_elements=["notification_id", "user_id"],
                                                 set_={"read_at": func.coalesce(receipts.c.read_at, at)}))


def status_of(conn: Connection, notification_id: str, user_id: str) -> str:
    row = conn.execute(select(_status()).select_from(receipts).where(
        receipts.c.notification_id == notification_id, receipts.c.user_id == user_id)).first()
    return row[0] if row is not None else "unread"


def acknowledgements(conn: Connection, notification_id: str) -> list[dict]:
    rows = conn.execute(select(receipts.c.user_id, receipts.c.acknowledged_at, receipts.c.note).where(
        receipts.c.notification_id == notification_id, receipts.c.acknowledged_at.is_not(None))
        .order_by(receipts.c.acknowledged_at))
    return [dict(r._mapping) for r in rows]


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


def unit_of(conn: Connection, principal: Principal, notification_id: str) -> str:
    """The unit an enterprise user or park operator acknowledges for, if the notification addresses it."""
    for kind, value, role in (("enterprise", principal.enterprise_id, Role.enterprise_user),
                              ("park", principal.park_id, Role.park_operator)):
        if value and principal.has_role(role) and conn.execute(select(exists().where(
                recipients.c.notification_id == notification_id, recipients.c.kind == kind,
                recipients.c.value == value))).scalar_one():
            return f"{kind}:{value}"
    return ""


def reaches_subject(conn: Connection, principal: Principal, subject_id: str) -> bool:
    """True if any notification about `subject_id` (an incident, a hazard …) reaches `principal`."""
    return conn.execute(select(exists().where(
        notifications.c.subject_id == subject_id, recipients.c.notification_id == notifications.c.notification_id,
        addressed_to(principal)))).scalar_one()
