"""The weekly report (周报, seeds 000 and 004) and the daily incident report with its zero report (事故信息日报与零报告,
seed 000) of a reporting unit (pure): their content counted from the facts, and the state of their submission as the
notify service's reporting obligations tell it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from enforcement.domain.money import wan_yuan_text
from enforcement.domain.reports_dispatch import Fact, hazards_of, resolved_units

STATES = {"submitted": "已报送", "late": "逾期补报", "missing": "逾期未报", "pending": "待报送"}


def incidents(facts: Iterable[Fact], in_scope: Callable[[str], bool], start: datetime, end: datetime) -> list[dict]:
    """Incidents (not drills) that happened in [start, end) in the unit's area: the reporting officer's bureau, or
    the area their correlation placed them in when the reporter had none."""
    facts = list(facts)
    placed = {f.subject_id: f.unit_code for f in facts if f.kind == "incident_correlated" and f.unit_code}
    out = []
    for f in facts:
        if f.kind != "incident_reported" or f.data.get("drill") or not start <= f.happened_at < end:
            continue
        unit = f.unit_code or placed.get(f.subject_id, "")
        if in_scope(unit):
            out.append({"incident_id": f.subject_id, "unit_code": unit, "occurred_at": f.happened_at.isoformat(),
                        "level": f.data.get("level"), "pollutant": f.data.get("pollutant"),
                        "enterprise_id": f.enterprise_id or None})
    return sorted(out, key=lambda i: i["occurred_at"])


def week_figures(facts: Iterable[Fact], in_scope: Callable[[str], bool], start: datetime, end: datetime) -> dict:
    """What the unit did and found in [start, end): major hazards found (by source) and closed (销号), campaign and
    other inspections completed (distinct 家), cases opened, penalty decisions and their amount, incidents."""
    facts = list(facts)
    case_unit, finding_unit = resolved_units(facts)
    found: dict[str, int] = {}
    closed = 0
    for h in hazards_of(facts, finding_unit):
        if not in_scope(h.unit) or h.grade_before(end) != "major":
            continue
        if start <= h.reported.happened_at < end:
            source = h.reported.data.get("source", "other")
            found[source] = found.get(source, 0) + 1
        if h.closed is not None and start <= h.closed.happened_at < end:
            closed += 1

    def unit_of(f: Fact) -> str:
        return f.unit_code or (case_unit.get(f.subject_id, "") if f.kind.startswith("case_") else "")

    week = [f for f in facts if start <= f.happened_at < end and in_scope(unit_of(f))]
    inspected = {f.enterprise_id for f in week if f.kind == "inspection_completed"}
    decisions = {(f.subject_id, f.data.get("decision_no")) for f in week if f.kind == "case_penalty"}
    fen = sum(f.data.get("amount_fen", 0) for f in week if f.kind == "case_penalty")
    return {"major_hazards_found": sum(found.values()), "major_hazards_found_by_source": found,
            "major_hazards_closed": closed, "enterprises_inspected": len(inspected),
            "inspections_completed": sum(1 for f in week if f.kind == "inspection_completed"),
            "cases_opened": sum(1 for f in week if f.kind == "case_opened"), "penalties": len(decisions),
            "penalty_wan_yuan": wan_yuan_text(fen),
            "incidents": len(incidents(facts, in_scope, start, end))}


def submissions(facts: Iterable[Fact], unit: str, kind: str, period: str) -> list[dict]:
    """The unit's submission for `period` under each obligation of that `kind` it reports to: submitted (on time),
    late (after notify declared it missed), missing (missed, nothing since), pending (neither yet)."""
    facts = list(facts)
    out = []
    for ob in sorted((f for f in facts if f.kind == "obligation_created" and f.data.get("obligation_kind") == kind
                      and unit in f.data.get("unit_codes", ())), key=lambda f: f.entered_at):
        mine = [f for f in facts if f.subject_id == ob.subject_id and f.unit_code == unit
                and f.data.get("period") == period]
        submitted = min((f for f in mine if f.kind == "report_submitted"), key=lambda f: f.entered_at, default=None)
        missed = min((f for f in mine if f.kind == "report_missed"), key=lambda f: f.entered_at, default=None)
        if submitted is not None:
            state = "late" if missed is not None and missed.entered_at < submitted.entered_at else "submitted"
        else:
            state = "missing" if missed is not None else "pending"
        out.append({"obligation_id": ob.subject_id, "name": ob.data.get("name"), "receiving_office": ob.unit_code,
                    "due_time": ob.data.get("due_time"), "due_weekday": ob.data.get("due_weekday"),
                    "period": period, "state": state, "state_label": STATES[state],
                    "submitted_at": submitted.entered_at.isoformat() if submitted else None,
                    "zero_report": bool(submitted and submitted.data.get("zero_report")),
                    "summary": submitted.data.get("summary") if submitted else None,
                    "missed_at": missed.entered_at.isoformat() if missed else None})
    return out
