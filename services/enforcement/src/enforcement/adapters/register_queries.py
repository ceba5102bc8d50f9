"""Reads of the register read model: one entry, a filtered page, ancestors, credit-code lookups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, case, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from ecosafe_kit.auth.scope import ReadScope
from enforcement.adapters.tables import enterprises as e


@dataclass(frozen=True)
class Filter:
    """Narrowing of a list: words of the name or credit code, area, park, sector, risk level, status."""

    terms: Sequence[str] = ()
    area_prefix: str | None = None
    park_id: str | None = None
    sector: str | None = None
    risk_level: str | None = None
    status: str | None = "registered"

    def conditions(self) -> list[ColumnElement[bool]]:
        found = [or_(e.c.name.icontains(t, autoescape=True), e.c.credit_code.icontains(t, autoescape=True))
                 for t in self.terms]
        if self.area_prefix is not None:
            found.append(e.c.jurisdiction_code.startswith(self.area_prefix, autoescape=True))
        for column, value in ((e.c.park_id, self.park_id), (e.c.sector, self.sector),
                              (e.c.risk_level, self.risk_level), (e.c.status, self.status)):
            if value is not None:
                found.append(column == value)
        return found


_ONE = select(e).where(e.c.enterprise_id == bindparam("enterprise_id"))


def one(conn: Connection, enterprise_id: str) -> dict | None:
    row = conn.execute(_ONE, {"enterprise_id": enterprise_id}).first()
    return dict(row._mapping) if row else None


def reach(scope: ReadScope) -> ColumnElement[bool]:
    return scope.condition(e.c.jurisdiction_code, e.c.enterprise_id, e.c.park_id)


def page(conn: Connection, scope: ReadScope, narrowing: Filter, offset: int, limit: int) -> tuple[list[dict], int]:
    """One page in name order (names starting with the first word first) and the total count."""
    where = and_(reach(scope), *narrowing.conditions())
    order = [e.c.name, e.c.enterprise_id]
    if narrowing.terms:
        order.insert(0, case((e.c.name.istartswith(narrowing.terms[0], autoescape=True), 0), else_=1))
    total = conn.execute(select(func.count()).select_from(e).where(where)).scalar_one()
    rows = conn.execute(select(e).where(where).order_by(*order).offset(offset).limit(limit))
    return [dict(r._mapping) for r in rows], total


def registered_ids_by_credit_code(conn: Connection, codes: Sequence[str]) -> dict[str, str]:
    """credit code → enterprise id of the registered entries holding one of `codes`."""
    rows = conn.execute(select(e.c.credit_code, e.c.enterprise_id).where(
        e.c.credit_code.in_(list(codes)), e.c.status == "registered"))
    return {r.credit_code: r.enterprise_id for r in rows}


_PARENT = select(e.c.parent_enterprise_id).where(e.c.enterprise_id == bindparam("enterprise_id"))


def ancestors(conn: Connection, enterprise_id: str, limit: int = 50) -> list[str]:
    """The chain of parents above `enterprise_id`, nearest first (stops at `limit` to survive bad data)."""
    chain: list[str] = []
    current = enterprise_id
    while len(chain) < limit:
        parent = conn.execute(_PARENT, {"enterprise_id": current}).scalar()
        if parent is None or parent in chain:
            break
        chain.append(parent)
        current = parent
    return chain
