"""Reads of the campaign, roster and draw read models, and of the register as a campaign's scope sees it."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from enforcement.adapters.case_tables import cases
from enforcement.adapters.tables import campaigns, conflicts, draw_selections, draws, enterprises, inspectors


def in_area(column, area_prefix: str) -> ColumnElement[bool]:
    return column.startswith(area_prefix, autoescape=True)


def in_scope_condition(area_prefix: str, sectors: Sequence[str], risk_levels: Sequence[str]) -> ColumnElement[bool]:
    """A registered enterprise of the area whose sector or risk level the scope names, not closed by the people's
    government (a closed plant is not inspected, so it is neither drawn nor counted)."""
    closed = select(cases.c.case_id).where(cases.c.enterprise_id == enterprises.c.enterprise_id,
                                           cases.c.closure_status == "decided").exists()
    return and_(enterprises.c.status == "registered", in_area(enterprises.c.jurisdiction_code, area_prefix),
                or_(enterprises.c.sector.in_(list(sectors)), enterprises.c.risk_level.in_(list(risk_levels))),
                ~closed)


def in_scope(conn: Connection, area_prefix: str, sectors: Sequence[str], risk_levels: Sequence[str],
             reach: ColumnElement[bool] | None = None) -> list[dict]:
    condition = in_scope_condition(area_prefix, sectors, risk_levels)
    if reach is not None:
        condition = and_(condition, reach)
    rows = conn.execute(select(enterprises.c.enterprise_id, enterprises.c.name, enterprises.c.credit_code,
                               enterprises.c.sector, enterprises.c.risk_level, enterprises.c.jurisdiction_code)
                        .where(condition).order_by(enterprises.c.jurisdiction_code, enterprises.c.name))
    return [dict(r._mapping) for r in rows]


_CAMPAIGN = select(campaigns).where(campaigns.c.campaign_id == bindparam("campaign_id"))


def campaign(conn: Connection, campaign_id: str) -> dict | None:
    row = conn.execute(_CAMPAIGN, {"campaign_id": campaign_id}).first()
    return dict(row._mapping) if row else None


def campaign_list(conn: Connection, area_prefix: str | None, containing: Sequence[str], offset: int,
                  limit: int) -> tuple[list[dict], int]:
    """Campaigns of the caller's area or below (`area_prefix`), or of an area containing it (`containing` codes);
    all for None; newest first."""
    condition = campaigns.c.campaign_id.isnot(None)
    if area_prefix is not None:
        condition = or_(in_area(campaigns.c.jurisdiction_code, area_prefix),
                        campaigns.c.jurisdiction_code.in_(list(containing)))
    total = conn.execute(select(func.count()).select_from(campaigns).where(condition)).scalar_one()
    rows = conn.execute(select(campaigns).where(condition).order_by(campaigns.c.starts_on.desc(),
                                                                    campaigns.c.campaign_id).offset(offset).limit(limit))
    return [dict(r._mapping) for r in rows], total


def inspectors_in(conn: Connection, area_prefix: str) -> list[dict]:
    rows = conn.execute(select(inspectors).where(in_area(inspectors.c.jurisdiction_code, area_prefix))
                        .order_by(inspectors.c.jurisdiction_code, inspectors.c.inspector_id))
    return [dict(r._mapping) for r in rows]


_INSPECTOR = select(inspectors).where(inspectors.c.inspector_id == bindparam("inspector_id"))


def inspector(conn: Connection, inspector_id: str) -> dict | None:
    row = conn.execute(_INSPECTOR, {"inspector_id": inspector_id}).first()
    return dict(row._mapping) if row else None


def conflicts_of(conn: Connection, inspector_ids: Sequence[str]) -> list[dict]:
    rows = conn.execute(select(conflicts).where(conflicts.c.inspector_id.in_(list(inspector_ids)))
                        .order_by(conflicts.c.inspector_id, conflicts.c.enterprise_id))
    return [dict(r._mapping) for r in rows]


def draw(conn: Connection, draw_id: str) -> dict | None:
    row = conn.execute(select(draws).where(draws.c.draw_id == draw_id)).first()
    return dict(row._mapping) if row else None


def draws_of(conn: Connection, campaign_id: str) -> list[dict]:
    rows = conn.execute(select(draws, func.count(draw_selections.c.enterprise_id).label("drawn"))
                        .join(draw_selections, draw_selections.c.draw_id == draws.c.draw_id, isouter=True)
                        .where(draws.c.campaign_id == campaign_id).group_by(draws.c.draw_id)
                        .order_by(draws.c.published_at))
    return [dict(r._mapping) for r in rows]


def names(conn: Connection, enterprise_ids: Sequence[str], inspector_ids: Sequence[str]) -> tuple[dict, dict]:
    """enterprise id → name, inspector id → name."""
    firms = dict(conn.execute(select(enterprises.c.enterprise_id, enterprises.c.name)
                              .where(enterprises.c.enterprise_id.in_(list(enterprise_ids)))).all())
    people = dict(conn.execute(select(inspectors.c.inspector_id, inspectors.c.name)
                               .where(inspectors.c.inspector_id.in_(list(inspector_ids)))).all())
    return firms, people
