"""The campaign dashboard's counts (pure): zeroing of major hazards (动态清零), overdue and penalties per bureau at a
moment, by when each fact happened."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from enforcement.domain.money import wan_yuan_text
from enforcement.domain.reports_dispatch import Fact, hazards_of, resolved_units

FIGURES = ("stock_at_start", "new", "closed", "open", "overdue", "penalties")


def bureau_figures(facts: Iterable[Fact], campaign_id: str, start: datetime, at: datetime,
                   bureaus: Iterable[str]) -> dict[str, dict]:
    """Per bureau, at the instant `at`: major hazards (grade as it stood then) of its area open at the campaign's start
    (stock_at_start) and found since (new), those closed (销号) since the start and those still open, the open ones
    overdue; penalty decisions signed by the bureau since the start and their amount in 万元."""
    facts = list(facts)
    out = {b: {**dict.fromkeys(FIGURES, 0), "penalty_fen": 0} for b in bureaus}
    for h in hazards_of(facts, {}):
        figures = out.get(h.reported.unit_code)
        found = h.reported.happened_at
        if (figures is None or h.reported.campaign_id not in (None, campaign_id) or found >= at
                or h.grade_before(at) != "major"):
            continue
        closed_at = h.closed.happened_at if h.closed is not None else None
        if found < start:
            if closed_at is not None and closed_at < start:
                continue  # zeroed before the campaign began
            figures["stock_at_start"] += 1
        else:
            figures["new"] += 1
        if closed_at is not None and closed_at < at:
            figures["closed"] += 1
        else:
            figures["open"] += 1
            figures["overdue"] += h.overdue_before(at)
    case_unit, _ = resolved_units(facts)
    decisions: dict[str, set] = {b: set() for b in out}
    for f in facts:
        if f.kind != "case_penalty" or not start <= f.happened_at < at:
            continue
        unit = f.unit_code or case_unit.get(f.subject_id, "")
        if unit in out:
            decisions[unit].add((f.subject_id, f.data.get("decision_no")))
            out[unit]["penalty_fen"] += f.data.get("amount_fen", 0)
    for unit, figures in out.items():
        figures["penalties"] = len(decisions[unit])
        figures["penalty_wan_yuan"] = wan_yuan_text(figures["penalty_fen"])
    return out


def totals(per_bureau: dict[str, dict]) -> dict:
    """The sums over the bureaus (each fact counts for one bureau only)."""
    summed = {k: sum(b[k] for b in per_bureau.values()) for k in (*FIGURES, "penalty_fen")}
    return {**summed, "penalty_wan_yuan": wan_yuan_text(summed["penalty_fen"])}
