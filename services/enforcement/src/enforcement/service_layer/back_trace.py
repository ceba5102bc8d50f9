"""责任倒查 (一案三查) of an enterprise or a case: which inspections covered it, who signed them, which hazards they
recorded or missed, and who was in charge — all from the events this service recorded or heard."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy.engine import Connection, Engine

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.eventstore import EventStore
from enforcement.adapters import register_queries, trace_queries as q
from enforcement.domain.back_trace import KnownHazard, recorded_and_missed
from enforcement.service_layer import permissions
from enforcement.service_layer.cases import Cases


class BackTrace:
    def __init__(self, engine: Engine, cases: Cases) -> None:
        self.engine = engine
        self.store = EventStore(engine)
        self.cases = cases

    def of_enterprise(self, principal: Principal, enterprise_id: str) -> dict:
        with self.engine.connect() as conn:
            enterprise = permissions.visible_enterprise(conn, principal, enterprise_id)
            return self._trace(conn, enterprise, until=None)

    def of_case(self, principal: Principal, case_id: str) -> dict:
        """The enterprise's back-trace as it stood when the case was opened, and, for a case opened from a hazard,
        the inspections before it that did not record that hazard."""
        with self.engine.connect() as conn:
            case = self.cases.visible(conn, principal, case_id)
            enterprise = register_queries.one(conn, case["enterprise_id"])  # whoever sees the case sees its firm
            assert enterprise is not None  # a case is only opened for a registered enterprise
            trace = self._trace(conn, enterprise, until=case["opened_at"])
        hazard_id = case["hazard_id"]
        missed_by = [i["inspection_id"] for i in trace["inspections"] if hazard_id in i["missed_hazard_ids"]]
        return {"case_id": case_id, "origin": case["origin"], "hazard_id": hazard_id,
                "finding_id": case["finding_id"], "opened_at": case["opened_at"], "opened_by": case["opened_by"],
                "hazard_missed_by_inspections": missed_by, **trace}

    def _trace(self, conn: Connection, enterprise: dict, until: datetime | None) -> dict:
        enterprise_id = enterprise["enterprise_id"]
        hazards = q.hazards_of(conn, enterprise_id, until)
        known = [KnownHazard(h["hazard_id"], h["found_at"], h["finding_id"]) for h in hazards]
        rows = q.inspections_of(conn, enterprise_id, until)
        names = q.inspector_names(conn, {i for r in rows for i in r["inspector_ids"]})
        inspections = []
        for row in rows:
            recorded, missed = recorded_and_missed(row["completed_at"], (f["finding_id"] for f in row["findings"]),
                                                   known)
            planned_by = self.store.load(conn, row["inspection_id"])[0].signer.as_dict()
            inspections.append({
                "inspection_id": row["inspection_id"], "campaign_id": row["campaign_id"], "draw_id": row["draw_id"],
                "mode": row["mode"], "status": row["status"], "planned_for": row["planned_for"],
                "completed_at": row["completed_at"], "bureau_code": row["bureau_code"],
                "inspectors": [{"inspector_id": i, "name": names.get(i, "")} for i in row["inspector_ids"]],
                "planned_by": planned_by, "completed_by": row["completed_by"],
                "violated_items": [c["item"] for c in row["checklist"] or [] if c["violated"]],
                "findings": [{"finding_id": f["finding_id"], "description": f["description"],
                              "suggested_grade": f["suggested_grade"]} for f in row["findings"]],
                "recorded_hazard_ids": recorded, "missed_hazard_ids": missed})
        cases = q.cases_of(conn, enterprise_id, until)
        blacklist = q.blacklist_of(conn, enterprise_id, until)
        return {"enterprise": {"enterprise_id": enterprise_id, "name": enterprise["name"],
                               "jurisdiction_code": enterprise["jurisdiction_code"]},
                "inspections": inspections,
                "hazards": [{k: h[k] for k in ("hazard_id", "ledger_no", "source", "grade", "description",
                                                "finding_id", "found_at", "reported_by", "responsible_person",
                                                "assigned_by", "deadline", "overdue", "status")} for h in hazards],
                "cases": cases,
                "blacklist": blacklist,
                "in_charge": _in_charge(enterprise, inspections, hazards, cases, blacklist)}


def _snake(event_name: str) -> str:
    """SuspensionLifted → suspension_lifted, as the other things signed are named."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", event_name).lower()


def _in_charge(enterprise: dict, inspections: list[dict], hazards: list[dict], cases: list[dict],
               blacklist: list[dict]) -> dict:
    """一案三查: the enterprise's principal (企业负责人) and every official who signed for it (监管负责人: who planned or
    signed an inspection, assigned a hazard, opened a case, signed a penalty or another sanction or its lifting,
    listed or removed a blacklist entry), each with what they signed."""
    signed: dict[str, dict] = {}

    def add(signer: dict | None, what: str) -> None:
        if not signer:
            return
        entry = signed.setdefault(signer["subject"], {**signer, "signed": []})
        if what not in entry["signed"]:
            entry["signed"].append(what)

    for i in inspections:
        add(i["planned_by"], "inspection_planned")
        add(i["completed_by"], "inspection_completed")
    for h in hazards:
        add(h["assigned_by"], "hazard_assigned")
    for c in cases:
        add(c["opened_by"], "case_opened")
        for penalty_signer in c["penalties_signed_by"]:
            add(penalty_signer, "penalty_imposed")
        for m in c["measures"]:
            add(m["signed_by"], _snake(m["kind"]))
    for entry in blacklist:
        add(entry["listed_by"], "enterprise_blacklisted")
        add(entry["removed_by"], "enterprise_removed_from_blacklist")
    return {"enterprise_principal": enterprise["principal_name"], "jurisdiction_code": enterprise["jurisdiction_code"],
            "officials": list(signed.values()),
            "hazard_responsible_persons": sorted({h["responsible_person"] for h in hazards
                                                  if h["responsible_person"]})}
