"""Reconciliation of the dispatch table: counted again from the events themselves (the store and the hazard topic
replayed), compared with the read model figure by figure; and the read model rebuilt from the same replay."""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Engine

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.errors import Forbidden
from enforcement.domain import reports_dispatch as d
from enforcement.reports import replay
from enforcement.reports.dispatch import DispatchReports, Request
from enforcement.reports.tables import facts as facts_table


def compare(read_model: list[d.Row], recomputed: list[d.Row]) -> list[dict]:
    """Every figure whose value or records differ, naming the records only one side counts."""
    differences = []
    theirs = {f.key: f for r in recomputed for f in r.figures}
    for row in read_model:
        for mine in row.figures:
            other = theirs[mine.key]
            have, want = {r["fact_id"] for r in mine.records}, {r["fact_id"] for r in other.records}
            if mine.value != other.value or have != want:
                differences.append({"figure": mine.key, "section": d.SECTIONS[row.section], "no": row.no,
                                    "label": mine.label, "read_model": mine.value, "events": other.value,
                                    "only_in_events": sorted(want - have), "only_in_read_model": sorted(have - want)})
    return differences


class Reconciliation:
    def __init__(self, engine: Engine, reports: DispatchReports, bootstrap: str, hazard_topic: str) -> None:
        self.engine = engine
        self.reports = reports
        self.bootstrap = bootstrap
        self.hazard_topic = hazard_topic

    def events(self) -> list[d.Fact]:
        return replay.all_facts(self.engine, self.bootstrap, self.hazard_topic)

    def dispatch(self, principal: Principal, request: Request) -> dict:
        """对账 (admins): the table of the read model against the table counted from every event."""
        if not principal.is_admin:
            raise Forbidden("对账需要管理员 (admin) 角色", extra={"required_roles": ["admin"]})
        recomputed = self.events()
        read_model, from_events, meta = self.reports.both(principal, request, recomputed)
        differences = compare(read_model, from_events)
        return {**meta, "equal": not differences, "figures": sum(len(r.figures) for r in read_model),
                "facts_replayed": len(recomputed), "differences": differences}

    def rebuild(self, target: Engine | None = None) -> int:
        """Clear the read model (of this database, or of `target`'s) and fill it again from the replay, in one
        transaction; the consumer waits on the lock and its later inserts of the same events change nothing (one row
        per event)."""
        recomputed = self.events()
        with (target or self.engine).begin() as conn:
            conn.execute(text("LOCK TABLE rep_facts IN ACCESS EXCLUSIVE MODE"))
            conn.execute(text("DELETE FROM rep_facts"))
            for start in range(0, len(recomputed), 1000):
                conn.execute(insert(facts_table), [
                    {"fact_id": f.fact_id, "kind": f.kind, "subject_id": f.subject_id, "unit_code": f.unit_code,
                     "enterprise_id": f.enterprise_id, "happened_at": f.happened_at, "entered_at": f.entered_at,
                     "campaign_id": f.campaign_id, "data": json.loads(json.dumps(dict(f.data)))}
                    for f in recomputed[start:start + 1000]])
        return len(recomputed)
