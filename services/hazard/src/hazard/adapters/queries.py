"""Read-side queries over the ledger projection and the register: ledger pages, zeroing, disclosure, reach."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from hazard.adapters.tables import enterprises, ledger
from hazard.domain.values import State

SORTABLE = {"ledger_no", "reported_at", "deadline", "grade", "state", "updated_at", "enterprise_name"}


@dataclass(frozen=True)
class Scope:
    """What a caller may see: an area prefix, one enterprise (and its subsidiaries), one park, or everything."""

    area_prefix: str | None = None
    enterprise_id: str | None = None
    park_id: str | None = None
    everything: bool = False

    def condition(self) -> ColumnElement[bool]:
        if self.everything:
            return ledger.c.hazard_id.isnot(None)
        parts = []
        if self.area_prefix is not None:
            parts.append(ledger.c.jurisdiction_code.startswith(self.area_prefix, autoescape=True))
        if self.enterprise_id is not None:
            parts.append(ledger.c.enterprise_id == self.enterprise_id)
            # A parent enterprise (上级主体企业) reads its subsidiaries' hazards: it confirms their self-found ones.
            parts.append(ledger.c.enterprise_id.in_(
                select(enterprises.c.enterprise_id).where(enterprises.c.parent_enterprise_id == self.enterprise_id)))
        if self.park_id is not None:
            parts.append(ledger.c.enterprise_id.in_(
                select(enterprises.c.enterprise_id).where(enterprises.c.park_id == self.park_id)))
        return or_(*parts) if parts else ledger.c.hazard_id.is_(None)

    def register_condition(self) -> ColumnElement[bool]:
        """The same reach over the enterprise register: the area's enterprises, the own one, the park's."""
        if self.everything:
            return enterprises.c.enterprise_id.isnot(None)
        parts = []
        if self.area_prefix is not None:
            parts.append(enterprises.c.jurisdiction_code.startswith(self.area_prefix, autoescape=True))
        if self.enterprise_id is not None:
            parts.append(enterprises.c.enterprise_id == self.enterprise_id)
            parts.append(enterprises.c.parent_enterprise_id == self.enterprise_id)
        if self.park_id is not None:
            parts.append(enterprises.c.park_id == self.park_id)
        return or_(*parts) if parts else enterprises.c.enterprise_id.is_(None)


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


def ledger_page(conn: Connection, scope: Scope, filters: LedgerFilter, *, sort: str = "-reported_at",
                offset: int = 0, limit: int = 50) -> tuple[list[dict], int]:
    """One page of the ledger and the total count, sorted by a whitelisted column (`-` for descending)."""
    column_name = sort.lstrip("-")
    if column_name not in SORTABLE:
        raise ValueError(column_name)
    column = ledger.c[column_name]
    order = column.desc() if sort.startswith("-") else column.asc()
    where = and_(scope.condition(), *filters.conditions())
    total = conn.execute(select(func.count()).select_from(ledger).where(where)).scalar_one()
    rows = conn.execute(select(ledger).where(where).order_by(order, ledger.c.ledger_no).offset(offset).limit(limit))
    return [dict(r._mapping) for r in rows], total


def one(conn: Connection, hazard_id: str) -> dict | None:
    row = conn.execute(select(ledger).where(ledger.c.hazard_id == hazard_id)).first()
    return dict(row._mapping) if row else None


def zeroing(conn: Connection, scope: Scope, start: datetime, end: datetime,
            jurisdiction_prefix: str | None = None) -> list[dict]:
    """动态清零: major hazards open at the start, new, closed, and open at the end of [start, end), per county and domain."""
    reported, closed = ledger.c.reported_at, ledger.c.closed_at

    def count(condition) -> ColumnElement:
        return func.sum(case((condition, 1), else_=0))

    conditions = [scope.condition(), ledger.c.grade == "major"]
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
