"""Read-side queries over the ledger projection and the register: ledger pages, zeroing, disclosure, reach."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from ecosafe_kit.auth.scope import ReadScope
from hazard.adapters.tables import enterprises, ledger
from hazard.domain.values import State

SORTABLE = {"ledger_no", "reported_at", "deadline", "grade", "state", "updated_at", "enterprise_name"}


def _register_members(column, value: str):
    """The ledger rows whose enterprise the register puts under `column` = value (its park, its parent)."""
    return ledger.c.enterprise_id.in_(select(enterprises.c.enterprise_id).where(column == value))


def ledger_reach(scope: ReadScope) -> ColumnElement[bool]:
    """The ledger rows within the caller's reach; the ledger has no park or parent column, the register has.
    A parent enterprise (上级主体企业) reads its subsidiaries' hazards: it confirms their self-found ones."""
    return scope.condition(ledger.c.jurisdiction_code, ledger.c.enterprise_id,
                           lambda park: _register_members(enterprises.c.park_id, park),
                           parent_enterprise_id=lambda parent: _register_members(enterprises.c.parent_enterprise_id,
                                                                                 parent))


def register_reach(scope: ReadScope) -> ColumnElement[bool]:
    """The same reach over the enterprise register: the area's enterprises, the own one and its subsidiaries, the
    park's."""
    return scope.condition(enterprises.c.jurisdiction_code, enterprises.c.enterprise_id, enterprises.c.park_id,
                           parent_enterprise_id=enterprises.c.parent_enterprise_id)


@dataclass(frozen=True)
class LedgerFilter:
    jurisdiction_prefix: str | None = None
    grade: str | None = None
    domain: str | None = None
    source: str | None = None
    state: str | None = None
    campaign_id: str | None = None
    overdue: bool | None = None
    listed: bool | None = None
    enterprise_id: str | None = None
    verification_passed: bool | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found = []
        if self.jurisdiction_prefix:
            found.append(ledger.c.jurisdiction_code.startswith(self.jurisdiction_prefix, autoescape=True))
        for column, value in ((ledger.c.grade, self.grade), (ledger.c.domain, self.domain),
                              (ledger.c.source, self.source), (ledger.c.state, self.state),
                              (ledger.c.campaign_id, self.campaign_id), (ledger.c.enterprise_id, self.enterprise_id),
                              (ledger.c.overdue, self.overdue), (ledger.c.listed, self.listed),
                              (ledger.c.verification_passed, self.verification_passed)):
            if value is not None:
                found.append(column == value)
        return found


def ledger_page(conn: Connection, scope: ReadScope, filters: LedgerFilter, *, sort: str = "-reported_at",
                offset: int = 0, limit: int = 50) -> tuple[list[dict], int]:
    """One page of the ledger and the total count, sorted by a whitelisted column (`-` for descending)."""
    column_name = sort.lstrip("-")
    if column_name not in SORTABLE:
        raise ValueError(column_name)
    column = ledger.c[column_name]
    order = column.desc() if sort.startswith("-") else column.asc()
    where = and_(ledger_reach(scope), *filters.conditions())
    total = conn.execute(select(func.count()).select_from(ledger).where(where)).scalar_one()
    rows = conn.execute(select(ledger).where(where).order_by(order, ledger.c.ledger_no).offset(offset).limit(limit))
    return [dict(r._mapping) for r in rows], total


def one(conn: Connection, hazard_id: str) -> dict | None:
    row = conn.execute(select(ledger).where(ledger.c.hazard_id == hazard_id)).first()
    return dict(row._mapping) if row else None


def zeroing(conn: Connection, scope: ReadScope, start: datetime, end: datetime,
            jurisdiction_prefix: str | None = None) -> list[dict]:
    """动态清零: major hazards open at the start, new, closed, and open at the end of [start, end), per county and domain."""
    reported, closed = ledger.c.reported_at, ledger.c.closed_at

    def count(condition) -> ColumnElement:
        return func.sum(case((condition, 1), else_=0))

    conditions = [ledger_reach(scope), ledger.c.grade == "major"]
    if jurisdiction_prefix:
        conditions.append(ledger.c.jurisdiction_code.startswith(jurisdiction_prefix, autoescape=True))
    query = (
        select(
            ledger.c.county_code, ledger.c.domain,
            count(and_(reported < start, or_(closed.is_(None), closed >= start))).label("open_at_start"),
            count(and_(reported >= start, reported < end)).label("new"),
            count(and_(closed >= start, closed < end)).label("closed"),
            count(and_(reported < end, or_(closed.is_(None), closed >= end))).label("open_at_end"),
        )
        .where(*conditions, reported < end)
        .group_by(ledger.c.county_code, ledger.c.domain)
        .order_by(ledger.c.county_code, ledger.c.domain)
    )
    return [dict(r._mapping) for r in conn.execute(query)]


def disclosure_page(conn: Connection, *, jurisdiction_prefix: str | None, offset: int, limit: int) -> tuple[list[dict], int]:
    """三公开: major hazards with their progress and result; no personal data is selected."""
    columns = [ledger.c.ledger_no, ledger.c.enterprise_name, ledger.c.jurisdiction_code, ledger.c.domain,
               ledger.c.description, ledger.c.state, ledger.c.listed, ledger.c.deadline, ledger.c.progress_percent,
               ledger.c.reported_at, ledger.c.closed_at]
    conditions = [ledger.c.grade == "major"]
    if jurisdiction_prefix:
        conditions.append(ledger.c.jurisdiction_code.startswith(jurisdiction_prefix, autoescape=True))
    total = conn.execute(select(func.count()).select_from(ledger).where(*conditions)).scalar_one()
    rows = conn.execute(select(*columns).where(*conditions)
                        .order_by(ledger.c.reported_at.desc(), ledger.c.ledger_no).offset(offset).limit(limit))
    return [dict(r._mapping) for r in rows], total


OPEN_STATES = [s.value for s in State if s is not State.closed]
