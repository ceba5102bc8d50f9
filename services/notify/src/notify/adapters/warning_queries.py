"""Warnings' reads: the registered enterprises of an area, a warning, and the acknowledgements per unit."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Connection

from notify.adapters.tables import enterprises, receipts, warnings


def registered_in(conn: Connection, area_prefix: str | None) -> list[dict]:
    """Registered enterprises (with their location and park) whose jurisdiction lies in the area (None: all)."""
    query = select(enterprises.c.enterprise_id, enterprises.c.name, enterprises.c.park_id, enterprises.c.lon,
                   enterprises.c.lat, enterprises.c.jurisdiction_code).where(enterprises.c.registered)
    if area_prefix is not None:
        query = query.where(enterprises.c.jurisdiction_code.startswith(area_prefix, autoescape=True))
    return [dict(r._mapping) for r in conn.execute(query.order_by(enterprises.c.name, enterprises.c.enterprise_id))]


def one(conn: Connection, warning_id: str) -> dict | None:
    row = conn.execute(select(warnings).where(warnings.c.warning_id == warning_id)).first()
    return dict(row._mapping) if row is not None else None


def in_area(conn: Connection, area_prefix: str | None) -> list[dict]:
    query = select(warnings).order_by(warnings.c.issued_at.desc()).limit(500)
    if area_prefix is not None:
        query = query.where(warnings.c.issuer_jurisdiction.startswith(area_prefix, autoescape=True))
    return [dict(r._mapping) for r in conn.execute(query)]


def unit_acknowledgements(conn: Connection, notification_id: str) -> dict[str, dict]:
    """The first acknowledgement of each unit ("enterprise:<id>", "park:<id>")."""
    rows = conn.execute(select(receipts.c.on_behalf_of, receipts.c.user_id, receipts.c.acknowledged_at,
                               receipts.c.note).where(receipts.c.notification_id == notification_id,
                                                      receipts.c.on_behalf_of.is_not(None))
                        .order_by(receipts.c.acknowledged_at))
    first: dict[str, dict] = {}
    for r in rows:
        first.setdefault(r.on_behalf_of, {"user_id": r.user_id, "acknowledged_at": r.acknowledged_at, "note": r.note})
    return first


def names(conn: Connection, enterprise_ids: list[str]) -> dict[str, str]:
    rows = conn.execute(select(enterprises.c.enterprise_id, enterprises.c.name)
                        .where(enterprises.c.enterprise_id.in_(enterprise_ids)))
    return {r.enterprise_id: r.name for r in rows}
