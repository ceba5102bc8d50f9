"""Reads of the reports' read model: the facts of an area (with the later facts of its hazards and cases), the
first generation of a report, enterprise names for the drill-down."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from enforcement.adapters.tables import enterprises
from enforcement.domain.reports_dispatch import Fact
from enforcement.reports.tables import facts, generations


def _fact(row) -> Fact:
    m = row._mapping
    return Fact(fact_id=m["fact_id"], kind=m["kind"], subject_id=m["subject_id"], unit_code=m["unit_code"],
                enterprise_id=m["enterprise_id"], happened_at=m["happened_at"], entered_at=m["entered_at"],
                campaign_id=m["campaign_id"], data=m["data"])


def of_area(conn: Connection, area_prefix: str) -> list[Fact]:
    """Facts of bureaus inside the area, and every fact of the hazards and cases those concern (a closure names no
    bureau; a case's measure signed by an admin neither)."""
    own = [_fact(r) for r in conn.execute(select(facts).where(facts.c.unit_code.startswith(area_prefix,
                                                                                          autoescape=True)))]
    subjects = sorted({f.subject_id for f in own if f.kind == "hazard_reported" or f.kind == "case_opened"})
    seen = {f.fact_id for f in own}
    later = [_fact(r) for r in conn.execute(select(facts).where(facts.c.subject_id.in_(subjects)))] if subjects else []
    return own + [f for f in later if f.fact_id not in seen]


def first_generation(conn: Connection, key: dict, now: datetime, signer: dict) -> datetime:
    """When this report of this period was first generated; the first call records it."""
    conn.execute(insert(generations).values(**key, first_generated_at=now, first_generated_by=signer)
                 .on_conflict_do_nothing())
    return generation(conn, key)


def generation(conn: Connection, key: dict) -> datetime | None:
    """When this report of this period was first generated, if it was."""
    return conn.execute(select(generations.c.first_generated_at).where(
        *[generations.c[k] == v for k, v in key.items()])).scalar_one_or_none()


def enterprise_names(conn: Connection, ids: list[str]) -> dict[str, dict]:
    if not ids:
        return {}
    rows = conn.execute(select(enterprises.c.enterprise_id, enterprises.c.name, enterprises.c.credit_code,
                               enterprises.c.jurisdiction_code).where(enterprises.c.enterprise_id.in_(ids)))
    return {r.enterprise_id: dict(r._mapping) for r in rows}


def of_kinds(conn: Connection, kinds: list[str]) -> list[Fact]:
    """Every fact of these kinds, wherever (a reporting obligation's receiving office may be above the area)."""
    return [_fact(r) for r in conn.execute(select(facts).where(facts.c.kind.in_(kinds)))]
