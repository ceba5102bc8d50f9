"""Reads of cases, penalties, measures, transfers, the blacklist and the hazards this service knows of."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from enforcement.adapters.case_tables import blacklist, cases, hazards, measures, penalties, transfers
from enforcement.adapters.tables import enterprises
from enforcement.domain.case_rules import CaseStanding, ClosureStanding, HazardState


def _rows(conn: Connection, query) -> list[dict]:
    return [dict(r._mapping) for r in conn.execute(query)]


def case(conn: Connection, case_id: str) -> dict | None:
    row = conn.execute(select(cases, enterprises.c.park_id).select_from(
        cases.join(enterprises, enterprises.c.enterprise_id == cases.c.enterprise_id))
        .where(cases.c.case_id == case_id)).first()
    return None if row is None else dict(row._mapping)


def case_details(conn: Connection, case_id: str) -> dict:
    """The penalties, measures and transfers of a case, each in the order they were taken."""
    return {
        "penalties": _rows(conn, select(penalties).where(penalties.c.case_id == case_id)
                           .order_by(penalties.c.imposed_at, penalties.c.target)),
        "measures": _rows(conn, select(measures).where(measures.c.case_id == case_id).order_by(measures.c.version)),
        "transfers": _rows(conn, select(transfers).where(transfers.c.case_id == case_id)
                           .order_by(transfers.c.sent_at)),
    }


def case_listing(conn: Connection, reach: ColumnElement[bool], enterprise_id: str | None, status: str | None,
                 offset: int, limit: int) -> tuple[list[dict], int]:
    """Cases of enterprises within `reach` (a condition over enf_enterprises), newest first."""
    condition = [reach]
    if enterprise_id is not None:
        condition.append(cases.c.enterprise_id == enterprise_id)
    if status is not None:
        condition.append(cases.c.status == status)
    joined = cases.join(enterprises, enterprises.c.enterprise_id == cases.c.enterprise_id)
    total = conn.execute(select(func.count()).select_from(joined).where(*condition)).scalar_one()
    rows = _rows(conn, select(cases).select_from(joined).where(*condition)
                 .order_by(cases.c.opened_at.desc(), cases.c.case_id).offset(offset).limit(limit))
    return rows, total


def penalty_decisions(conn: Connection, enterprise_id: str) -> int:
    """Penalty decisions against an enterprise (a dual penalty is one decision)."""
    return conn.execute(select(func.count(func.distinct(func.concat(penalties.c.case_id, ":", penalties.c.decision_no))))
                        .where(penalties.c.enterprise_id == enterprise_id)).scalar_one()


def closure_candidates(conn: Connection, found_before: datetime, min_decisions: int,
                       enterprise_ids: list[str] | None = None) -> list[str]:
    """Registered enterprises with at least `min_decisions` penalty decisions and an open major hazard found before
    `found_before`: those the periodic closure check looks at (closure_due_periodically decides)."""
    decision = func.concat(penalties.c.case_id, ":", penalties.c.decision_no)
    penalised = (select(penalties.c.enterprise_id).group_by(penalties.c.enterprise_id)
                 .having(func.count(func.distinct(decision)) >= min_decisions))
    long_standing = select(hazards.c.enterprise_id).where(
        hazards.c.grade == "major", hazards.c.status == "open", hazards.c.found_at <= found_before)
    query = (select(enterprises.c.enterprise_id)
             .where(enterprises.c.status == "registered", enterprises.c.enterprise_id.in_(penalised),
                    enterprises.c.enterprise_id.in_(long_standing))
             .order_by(enterprises.c.enterprise_id))
    if enterprise_ids is not None:
        query = query.where(enterprises.c.enterprise_id.in_(enterprise_ids))
    return list(conn.execute(query).scalars())


def closure_standing(conn: Connection, enterprise_id: str) -> ClosureStanding:
    """An enterprise's open hazards, penalty record, cases and latest closure proposal (closure_due_periodically)."""
    last_penalty = (select(penalties.c.case_id, func.max(penalties.c.imposed_at).label("at"))
                    .group_by(penalties.c.case_id).subquery())
    rows = conn.execute(select(cases.c.case_id, cases.c.status, cases.c.opened_at, cases.c.closure_status,
                               last_penalty.c.at)
                        .select_from(cases.outerjoin(last_penalty, last_penalty.c.case_id == cases.c.case_id))
                        .where(cases.c.enterprise_id == enterprise_id))
    standing = tuple(CaseStanding(r.case_id, r.status != "closed", r.opened_at, r.at, r.closure_status)
                     for r in rows)
    last_proposal = conn.execute(select(func.max(measures.c.taken_at))
                                 .select_from(measures.join(cases, cases.c.case_id == measures.c.case_id))
                                 .where(cases.c.enterprise_id == enterprise_id,
                                        measures.c.kind == "ClosureProposed")).scalar_one()
    return ClosureStanding(enterprise_id, tuple(open_hazards(conn, enterprise_id)),
                           penalty_decisions(conn, enterprise_id), standing, last_proposal)


def blacklist_entries(conn: Connection, enterprise_id: str | None, status: str, offset: int,
                      limit: int) -> tuple[list[dict], int]:
    """Entries, newest first; `status` `listed` (standing), `removed` (信用修复) or `all`."""
    condition = [] if enterprise_id is None else [blacklist.c.enterprise_id == enterprise_id]
    if status == "listed":
        condition.append(blacklist.c.removed_at.is_(None))
    elif status == "removed":
        condition.append(blacklist.c.removed_at.is_not(None))
    total = conn.execute(select(func.count()).select_from(blacklist).where(*condition)).scalar_one()
    rows = _rows(conn, select(blacklist).where(*condition).order_by(blacklist.c.listed_at.desc(),
                                                                     blacklist.c.entry_id).offset(offset).limit(limit))
    return rows, total


def public_penalties(conn: Connection, offset: int, limit: int) -> tuple[list[dict], int]:
    """Penalties with the enterprise's public register facts (no phone numbers), newest first."""
    joined = penalties.join(enterprises, enterprises.c.enterprise_id == penalties.c.enterprise_id)
    total = conn.execute(select(func.count()).select_from(penalties)).scalar_one()
    rows = _rows(conn, select(
        penalties.c.penalty_id, penalties.c.case_id, penalties.c.enterprise_id, penalties.c.target,
        penalties.c.party_name, penalties.c.amount_fen, penalties.c.legal_basis, penalties.c.decision_no,
        penalties.c.dual, penalties.c.imposed_at, penalties.c.decided_on, enterprises.c.name.label("enterprise_name"),
        enterprises.c.credit_code, enterprises.c.jurisdiction_code).select_from(joined)
        .order_by(penalties.c.imposed_at.desc(), penalties.c.penalty_id).offset(offset).limit(limit))
    return rows, total


def typical_cases(conn: Connection, offset: int, limit: int) -> tuple[list[dict], int]:
    condition = measures.c.kind == "TypicalCasePublished"
    total = conn.execute(select(func.count()).select_from(measures).where(condition)).scalar_one()
    rows = _rows(conn, select(measures.c.case_id, measures.c.details, measures.c.taken_at,
                              cases.c.enterprise_name, cases.c.jurisdiction_code, cases.c.legal_basis)
                 .select_from(measures.join(cases, cases.c.case_id == measures.c.case_id)).where(condition)
                 .order_by(measures.c.taken_at.desc(), measures.c.case_id).offset(offset).limit(limit))
    return rows, total


def _state(row) -> HazardState:
    return HazardState(row.hazard_id, row.enterprise_id, row.source, row.grade, row.status, row.found_at,
                       row.deadline, row.overdue)


def hazard(conn: Connection, hazard_id: str) -> HazardState | None:
    row = conn.execute(select(hazards).where(hazards.c.hazard_id == hazard_id)).first()
    return None if row is None else _state(row)


def open_hazards(conn: Connection, enterprise_id: str) -> list[HazardState]:
    return [_state(r) for r in conn.execute(select(hazards).where(
        hazards.c.enterprise_id == enterprise_id, hazards.c.status == "open"))]


def hazards_of(conn: Connection, enterprise_id: str, since: datetime | None = None) -> list[dict]:
    condition = [hazards.c.enterprise_id == enterprise_id]
    if since is not None:
        condition.append(hazards.c.found_at >= since)
    return _rows(conn, select(hazards).where(*condition).order_by(hazards.c.found_at, hazards.c.hazard_id))


def closure_of(conn: Connection, enterprise_id: str) -> dict | None:
    """The people's government's closure decision on an enterprise (责令关闭), the first if several, or None."""
    row = conn.execute(select(cases.c.case_id, cases.c.closure_decision).where(
        cases.c.enterprise_id == enterprise_id, cases.c.closure_status == "decided")
        .order_by(cases.c.opened_at, cases.c.case_id).limit(1)).first()
    return None if row is None else {"case_id": row.case_id, **{k: v for k, v in row.closure_decision.items()
                                                                  if k != "kind"}}


def closed_among(conn: Connection, enterprise_ids: list[str]) -> set[str]:
    """Which of these enterprises the people's government decided to close."""
    if not enterprise_ids:
        return set()
    return set(conn.execute(select(cases.c.enterprise_id).where(
        cases.c.enterprise_id.in_(enterprise_ids), cases.c.closure_status == "decided")).scalars())


def blacklist_entry(conn: Connection, entry_id: str) -> dict | None:
    row = conn.execute(select(blacklist).where(blacklist.c.entry_id == entry_id)).first()
    return None if row is None else dict(row._mapping)
