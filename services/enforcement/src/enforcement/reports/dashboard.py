"""Use case of the campaign dashboard: coverage against the targets, zeroing of major hazards, overdue and
penalties per bureau, as of a day and over time (each month's end since the campaign began)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

from sqlalchemy.engine import Engine

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal
from enforcement.adapters.dates import SHANGHAI, day_start
from enforcement.domain import reports_dashboard as dash
from enforcement.domain.problems import invalid
from enforcement.reports import queries as q
from enforcement.reports.access import ensure_reader
from enforcement.service_layer.campaigns import Campaigns
from enforcement.service_layer.inspections import Inspections


def _month_ends(first: date, last: date) -> list[date]:
    """The last day of each month from `first`'s to before `last`'s, then `last`."""
    days, month = [], first.replace(day=1)
    while True:
        following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
        end = following - timedelta(days=1)
        if end >= last:
            return [*days, last]
        if end >= first:
            days.append(end)
        month = following


def _coverage(targets: list[dict]) -> list[dict]:
    """Each target over all its bureaus: inspected of in scope."""
    out = []
    for t in targets:
        in_scope = sum(b["in_scope"] for b in t["bureaus"])
        inspected = sum(b["inspected"] for b in t["bureaus"])
        out.append({"kind": t["kind"], "level": t["level"], "percent_target": t["percent"], "in_scope": in_scope,
                    "inspected": inspected, "percent": round(100 * inspected / in_scope, 2) if in_scope else 0.0,
                    "met": t["met"]})
    return out


class Dashboard:
    def __init__(self, engine: Engine, inspections: Inspections,
                 now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self.engine = engine
        self.inspections = inspections
        self.now = now

    def campaign(self, principal: Principal, campaign_id: str, as_of: date | None) -> dict:
        """专项行动看板 as of the end of `as_of` (default today)."""
        ensure_reader(principal)
        today = self.now().astimezone(SHANGHAI).date()
        as_of = as_of or today
        with self.engine.connect() as conn:
            campaign = Campaigns.visible(conn, principal, campaign_id)
            if as_of < campaign["starts_on"] or as_of > today:
                raise invalid("as_of", f"截至日期应在专项行动开始 ({campaign['starts_on']}) 与今天之间")
            area = campaign["jurisdiction_code"]
            facts = q.of_area(conn, jurisdiction.area_prefix(area))
        progress = self.inspections.progress(principal, campaign_id, as_of)
        bureaus = sorted({area, *(b["jurisdiction_code"] for t in progress["targets"] for b in t["bureaus"]),
                          *(f.unit_code for f in facts if f.unit_code and jurisdiction.covers(area, f.unit_code))})
        start = day_start(campaign["starts_on"])

        def at(day: date) -> datetime:
            return day_start(day + timedelta(days=1))

        per_bureau = dash.bureau_figures(facts, campaign_id, start, at(as_of), bureaus)
        series = []
        for day in _month_ends(campaign["starts_on"], as_of):
            each = dash.bureau_figures(facts, campaign_id, start, at(day), bureaus)
            then = self.inspections.progress(principal, campaign_id, day)
            series.append({"date": day.isoformat(), **dash.totals(each), "coverage": _coverage(then["targets"]),
                           "bureaus": each})
        coverage = {(t["kind"], t["level"]): {b["jurisdiction_code"]: b for b in t["bureaus"]}
                    for t in progress["targets"]}
        return {
            "campaign_id": campaign_id, "campaign_name": campaign["name"], "issuing_bureau": campaign["issuing_bureau"],
            "jurisdiction_code": area, "starts_on": campaign["starts_on"].isoformat(),
            "ends_on": campaign["ends_on"].isoformat(), "as_of": as_of.isoformat(),
            "targets": progress["targets"], "coverage": _coverage(progress["targets"]),
            "bureaus": [{"jurisdiction_code": b, **per_bureau[b],
                         "coverage": [{"kind": k, "level": lvl, **{x: row[x] for x in ("in_scope", "inspected",
                                                                                      "percent", "met")}}
                                      for (k, lvl), rows in coverage.items() if (row := rows.get(b))]}
                        for b in bureaus],
            "totals": dash.totals(per_bureau), "series": series,
        }
