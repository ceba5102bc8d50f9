"""Reporting obligations' reads: the obligations, and per unit and period what was submitted, reminded, missed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Connection

from notify.adapters.tables import report_obligations, report_status


def all_ids(conn: Connection) -> list[str]:
    return list(conn.execute(select(report_obligations.c.obligation_id)).scalars())


def one(conn: Connection, obligation_id: str) -> dict | None:
    row = conn.execute(select(report_obligations).where(report_obligations.c.obligation_id == obligation_id)).first()
    return dict(row._mapping) if row is not None else None


def listed(conn: Connection) -> list[dict]:
    rows = conn.execute(select(report_obligations).order_by(report_obligations.c.jurisdiction_code,
                                                            report_obligations.c.name))
    return [dict(r._mapping) for r in rows]


def statuses(conn: Connection, obligation_id: str, limit: int = 500) -> list[dict]:
    rows = conn.execute(select(report_status).where(report_status.c.obligation_id == obligation_id)
                        .order_by(report_status.c.period.desc(), report_status.c.unit_code).limit(limit))
    return [dict(r._mapping) for r in rows]
