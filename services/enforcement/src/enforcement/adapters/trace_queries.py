"""Reads of an enterprise's inspections, findings, known hazards and cases for the back-trace (责任倒查)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Connection

from enforcement.adapters.case_tables import blacklist, cases, hazards, measures, penalties
from enforcement.adapters.tables import findings, inspections, inspectors


def _rows(conn: Connection, query) -> list[dict]:
    return [dict(r._mapping) for r in conn.execute(query)]


def inspections_of(conn: Connection, enterprise_id: str, until: datetime | None) -> list[dict]:
    """The enterprise's inspections planned before `until` (all when None), oldest first, each with its findings."""
    condition = [inspections.c.enterprise_id == enterprise_id]
    if until is not None:
        condition.append(inspections.c.planned_at <= until)
    rows = _rows(conn, select(inspections).where(*condition).order_by(inspections.c.planned_at,
                                                                        inspections.c.inspection_id))
    found: dict[str, list[dict]] = {}
    for f in _rows(conn, select(findings).where(findings.c.enterprise_id == enterprise_id)
                   .order_by(findings.c.found_at)):
        found.setdefault(f["inspection_id"], []).append(f)
    return [{**r, "findings": found.get(r["inspection_id"], [])} for r in rows]


def inspector_names(conn: Connection, inspector_ids: set[str]) -> dict[str, str]:
    return {r.inspector_id: r.name for r in conn.execute(
        select(inspectors.c.inspector_id, inspectors.c.name).where(inspectors.c.inspector_id.in_(inspector_ids)))}


def hazards_of(conn: Connection, enterprise_id: str, until: datetime | None) -> list[dict]:
    condition = [hazards.c.enterprise_id == enterprise_id]
    if until is not None:
        condition.append(hazards.c.found_at <= until)
    return _rows(conn, select(hazards).where(*condition).order_by(hazards.c.found_at, hazards.c.hazard_id))


def cases_of(conn: Connection, enterprise_id: str, until: datetime | None) -> list[dict]:
    condition = [cases.c.enterprise_id == enterprise_id]
    if until is not None:
        condition.append(cases.c.opened_at <= until)
    rows = _rows(conn, select(cases.c.case_id, cases.c.origin, cases.c.rule, cases.c.hazard_id, cases.c.status,
                              cases.c.suspended, cases.c.closure_status, cases.c.closure_decision,
                              cases.c.opened_at, cases.c.opened_by).where(*condition)
                 .order_by(cases.c.opened_at, cases.c.case_id))
    signed: dict[str, list[dict]] = {}
    for p in _rows(conn, select(penalties.c.case_id, penalties.c.signed_by).where(
            penalties.c.enterprise_id == enterprise_id)):
        signed.setdefault(p["case_id"], []).append(p["signed_by"])
    # Every sanction and its lifting (停产整治 / 恢复生产, 提请关闭 / 责令关闭 / 不予关闭 / 撤回 …), who signed it, when.
    taken: dict[str, list[dict]] = {}
    for m in _rows(conn, select(measures.c.case_id, measures.c.kind, measures.c.details, measures.c.taken_at,
                                measures.c.signed_by).where(measures.c.case_id.in_([r["case_id"] for r in rows]))
                   .order_by(measures.c.case_id, measures.c.version)):
        taken.setdefault(m.pop("case_id"), []).append(m)
    return [{**r, "penalties_signed_by": signed.get(r["case_id"], []), "measures": taken.get(r["case_id"], [])}
            for r in rows]


def blacklist_of(conn: Connection, enterprise_id: str, until: datetime | None) -> list[dict]:
    """The enterprise's blacklist entries with their removal (信用修复), oldest first."""
    condition = [blacklist.c.enterprise_id == enterprise_id]
    if until is not None:
        condition.append(blacklist.c.listed_at <= until)
    return _rows(conn, select(blacklist.c.entry_id, blacklist.c.case_id, blacklist.c.reason, blacklist.c.departments,
                              blacklist.c.listed_at, blacklist.c.listed_by, blacklist.c.removed_at,
                              blacklist.c.removed_by, blacklist.c.removal_reason, blacklist.c.rectification)
                 .where(*condition).order_by(blacklist.c.listed_at, blacklist.c.entry_id))
