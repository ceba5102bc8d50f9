"""Reads of inspections and findings, and the coverage of a campaign's targets they make."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from enforcement.adapters.campaign_queries import in_scope_condition
from enforcement.adapters.tables import enterprises, findings, inspections

_ONE = select(inspections).where(inspections.c.inspection_id == bindparam("inspection_id"))


def one(conn: Connection, inspection_id: str) -> dict | None:
    row = conn.execute(_ONE, {"inspection_id": inspection_id}).first()
    if row is None:
        return None
    found = conn.execute(select(findings).where(findings.c.inspection_id == inspection_id)
                         .order_by(findings.c.found_at, findings.c.finding_id))
    return {**row._mapping, "findings": [dict(f._mapping) for f in found]}


def listing(conn: Connection, reach: ColumnElement[bool], campaign_id: str | None, enterprise_id: str | None,
            offset: int, limit: int) -> tuple[list[dict], int]:
    """Inspections of enterprises within `reach` (a condition over enf_enterprises), newest plan first."""
    condition = [reach]
    if campaign_id is not None:
        condition.append(inspections.c.campaign_id == campaign_id)
    if enterprise_id is not None:
        condition.append(inspections.c.enterprise_id == enterprise_id)
    joined = inspections.join(enterprises, enterprises.c.enterprise_id == inspections.c.enterprise_id)
    total = conn.execute(select(func.count()).select_from(joined).where(*condition)).scalar_one()
    rows = conn.execute(select(inspections, enterprises.c.name.label("enterprise_name")).select_from(joined)
                        .where(*condition).order_by(inspections.c.planned_at.desc(), inspections.c.inspection_id)
                        .offset(offset).limit(limit))
    return [dict(r._mapping) for r in rows], total


def coverage(conn: Connection, campaign_id: str, area_prefix: str, sectors: Sequence[str], risk_levels: Sequence[str],
             level: str, area_digits: int, start: datetime, end: datetime) -> list[dict]:
    """Per area (the first `area_digits` digits of the enterprises' codes): in-scope enterprises, and how many of them
    a bureau of `level` (county, city) inspected for the campaign within [start, end]."""
    area = func.substr(enterprises.c.jurisdiction_code, 1, area_digits).label("area")
    inspected = (select(inspections.c.enterprise_id).where(
        inspections.c.campaign_id == campaign_id, inspections.c.status == "completed",
        inspections.c.completed_at.between(start, end), inspections.c.bureau_level == level,
    ).distinct().subquery())
    rows = conn.execute(
        select(area, func.count().label("in_scope"),
               func.count(inspected.c.enterprise_id).label("inspected"))
        .select_from(enterprises.outerjoin(inspected, inspected.c.enterprise_id == enterprises.c.enterprise_id))
        .where(in_scope_condition(area_prefix, sectors, risk_levels))
        .group_by(area).order_by(area))
    return [dict(r._mapping) for r in rows]

