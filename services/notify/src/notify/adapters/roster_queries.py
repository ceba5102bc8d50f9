"""Reading the duty roster: the shift holding an area at an instant, overlaps, and the shifts of a period."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from ecosafe_kit.auth import jurisdiction
from notify.adapters.tables import shifts

# Serialises roster writes per area, so two overlapping shifts cannot both pass the overlap check.
_LOCK = text("SELECT pg_advisory_xact_lock(hashtext('nt_shifts:' || :code))")


def enclosing(code: str) -> list[str]:
    """`code` and the areas containing it, most specific first (140525 → 140525, 140500, 140000)."""
    if not jurisdiction.is_valid_code(code):
        return []
    candidates = [code, code[:6], code[:4] + "00", code[:2] + "0000"]
    found: list[str] = []
    for c in candidates:
        if c not in found and jurisdiction.is_valid_code(c) and jurisdiction.covers(c, code):
            found.append(c)
    return sorted(found, key=lambda c: len(jurisdiction.area_prefix(c)), reverse=True)


def holding(conn: Connection, code: str, at: datetime) -> dict | None:
    """The active shift at `at` of the most specific area holding `code` that has one."""
    for area in enclosing(code):
        row = conn.execute(select(shifts).where(
            shifts.c.active, shifts.c.jurisdiction_code == area, shifts.c.starts_at <= at, shifts.c.ends_at > at,
        ).order_by(shifts.c.starts_at.desc()).limit(1)).first()
        if row is not None:
            return dict(row._mapping)
    return None


def lock_area(conn: Connection, code: str) -> None:
    conn.execute(_LOCK, {"code": code})


def overlapping(conn: Connection, code: str, starts_at: datetime, ends_at: datetime, other_than: str) -> str | None:
    """The id of an active shift of the same area overlapping [starts_at, ends_at), if any."""
    return conn.execute(select(shifts.c.shift_id).where(
        shifts.c.active, shifts.c.jurisdiction_code == code, shifts.c.shift_id != other_than,
        shifts.c.starts_at < ends_at, shifts.c.ends_at > starts_at).limit(1)).scalar()


def one(conn: Connection, shift_id: str) -> dict | None:
    row = conn.execute(select(shifts).where(shifts.c.shift_id == shift_id)).first()
    return dict(row._mapping) if row is not None else None


def period(conn: Connection, area_prefix: str | None, code: str | None, start: datetime, end: datetime,
           include_cancelled: bool) -> list[dict]:
    """Shifts overlapping [start, end) in the reader's area (None = everywhere), optionally of one area only."""
    conditions = [shifts.c.starts_at < end, shifts.c.ends_at > start]
    if area_prefix is not None:
        conditions.append(shifts.c.jurisdiction_code.startswith(area_prefix, autoescape=True))
    if code is not None:
        conditions.append(shifts.c.jurisdiction_code == code)
    if not include_cancelled:
        conditions.append(shifts.c.active)
    rows = conn.execute(select(shifts).where(*conditions).order_by(shifts.c.jurisdiction_code, shifts.c.starts_at)
                        .limit(2000))
    return [dict(r._mapping) for r in rows]


