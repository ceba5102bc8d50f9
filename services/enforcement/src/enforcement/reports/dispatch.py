"""Use cases of the monthly dispatch table (调度表): the table of a reporting unit and month, and the records behind
one of its numbers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy.engine import Connection, Engine

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import Forbidden, NotFound
from enforcement.adapters.dates import SHANGHAI, day_start
from enforcement.domain import reports_dispatch as d
from enforcement.domain.problems import invalid
from enforcement.domain.reports_periodic import submissions
from enforcement.reports import queries as q
from enforcement.reports.access import ensure_reader
from enforcement.service_layer.campaign_permissions import valid_area
from enforcement.service_layer.campaigns import Campaigns

_MONTH = re.compile(r"(\d{4})-(\d{2})")
SCOPES = {"unit": "本单位", "area": "本行业领域 (本单位及所辖县区汇总)"}


@dataclass(frozen=True)
class Request:
    """Which table: a campaign, a month `YYYY-MM`, a reporting unit (city or county bureau) and its scope."""

    campaign_id: str
    month: str
    unit: str | None = None
    scope: str = "unit"


def in_scope_of(unit: str, scope: str) -> Callable[[str], bool]:
    """Seed 003 note 3: a city's own table counts the city bureau's facts only, its counties' apart; note 4: a city
    also reports the summary of its area (本行业领域), its own and its counties' facts together."""
    if scope == "area":
        prefix = jurisdiction.area_prefix(unit)
        return lambda code: bool(code) and code.startswith(prefix)
    return lambda code: code == unit


def _month(text: str) -> date:
    match = _MONTH.fullmatch(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise invalid("month", f"月份应为 YYYY-MM, 如 2023-07; 收到 {text!r}")
    return date(int(match.group(1)), int(match.group(2)), 1)


def _next_month(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1)


def _as_of_label(cutoff: datetime) -> str:
    last = (cutoff.astimezone(SHANGHAI) - timedelta(seconds=1)).date()
    return f"{last.year}年{last.month}月{last.day}日"


class DispatchReports:
    def __init__(self, engine: Engine, now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self.engine = engine
        self.now = now

    def _resolve(self, conn: Connection, principal: Principal, request: Request,
                 now: datetime) -> tuple[dict, str, d.Period, bool]:
        ensure_reader(principal)
        campaign = Campaigns.visible(conn, principal, request.campaign_id)
        if request.scope not in SCOPES:
            raise invalid("scope", "scope 应为 unit (本单位) 或 area (本行业领域汇总)")
        unit = request.unit or (principal.jurisdiction or campaign["jurisdiction_code"])[:6]
        valid_area(unit, "unit")
        if not jurisdiction.covers(campaign["jurisdiction_code"], unit):
            raise invalid("unit", f"填报单位 {unit} 不在专项行动的辖区 {campaign['jurisdiction_code']} 内")
        if not principal.is_admin and not principal.covers(unit):
            raise Forbidden(f"超出您的管辖范围: 无权查看 {unit} 的调度表", extra={"jurisdiction": unit})
        first = _month(request.month)
        if first < campaign["starts_on"].replace(day=1):
            raise invalid("month", f"专项行动 {campaign['starts_on']} 开始, 此前的月份没有调度表")
        if day_start(first) > now:
            raise invalid("month", "该月尚未开始")
        start = day_start(campaign["starts_on"])
        cutoff = min(day_start(_next_month(first)), day_start(campaign["ends_on"] + timedelta(days=1)))
        final = now >= cutoff  # the month is over: the table is the one to report (each month by the 1st)
        return campaign, unit, d.Period(campaign["campaign_id"], start, cutoff), final

    def _rows(self, conn: Connection, principal: Principal, request: Request, now: datetime,
              record_generation: bool) -> tuple[dict, str, d.Period, bool, list[d.Row]]:
        campaign, unit, period, final = self._resolve(conn, principal, request, now)
        if final:
            key = {"report": "dispatch", "campaign_id": campaign["campaign_id"], "unit_code": unit,
                   "scope": request.scope, "period": request.month}
            first = (q.first_generation(conn, key, now, signer_of(principal).as_dict()) if record_generation
                     else q.generation(conn, key))
            period = d.Period(period.campaign_id, period.start, period.cutoff, first)
        # The whole city's facts: a county's hazard may come from a finding of the city's inspection, which tells
        # whose it is (note 3).
        facts = q.of_area(conn, jurisdiction.area_prefix(unit)[:4])
        return campaign, unit, period, final, d.dispatch_table(facts, period, in_scope_of(unit, request.scope))

    def both(self, principal: Principal, request: Request,
             recomputed: list[d.Fact]) -> tuple[list[d.Row], list[d.Row], dict]:
        """The table from the read model and from `recomputed` facts, for the same period and unit (the month's
        first generation, if any, is read, not recorded)."""
        with self.engine.connect() as conn:
            campaign, unit, period, final, rows = self._rows(conn, principal, request, self.now(),
                                                             record_generation=False)
        in_scope = in_scope_of(unit, request.scope)
        meta = {"campaign_id": campaign["campaign_id"], "unit_code": unit, "scope": request.scope,
                "month": request.month, "final": final}
        return rows, d.dispatch_table(recomputed, period, in_scope), meta

    def table(self, principal: Principal, request: Request) -> dict:
        """The table as of the end of the month; a finished month's first generation is recorded, and facts entered
        after it are flagged."""
        now = self.now()
        with self.engine.begin() as conn:
            campaign, unit, period, final, rows = self._rows(conn, principal, request, now, record_generation=True)
            known = q.of_area(conn, jurisdiction.area_prefix(unit)[:4]) + q.of_kinds(conn, ["obligation_created"])
        # Whether the unit reported this month's table, as the notify service's monthly obligation tells it.
        submitted = submissions(list({f.fact_id: f for f in known}.values()), unit, "monthly", request.month)
        return {**present(campaign, unit, request, period, final, rows, now), "submissions": submitted}

    def records(self, principal: Principal, request: Request, key: str) -> dict:
        """The records one number of the table counts (drill-down)."""
        with self.engine.begin() as conn:
            campaign, unit, period, final, rows = self._rows(conn, principal, request, self.now(),
                                                             record_generation=False)
            figure = d.figure(rows, key)
            if figure is None:
                raise NotFound(f"调度表中没有编号为 {key} 的数字", extra={"figure": key})
            names = q.enterprise_names(conn, sorted({r["enterprise_id"] for r in figure.records if r["enterprise_id"]}))
        late = {r["fact_id"] for r in figure.late}
        return {"campaign_id": campaign["campaign_id"], "unit_code": unit, "scope": request.scope,
                "month": request.month, "figure": key, "label": figure.label, "measure": figure.measure,
                "value": figure.value, "total": len(figure.records),
                "items": [{**r, "enterprise": names.get(r["enterprise_id"]), "late": r["fact_id"] in late}
                          for r in figure.records]}


def unit_label(campaign: dict, unit: str) -> str:
    return campaign["issuing_bureau"] if unit == campaign["jurisdiction_code"] else f"行政区划 {unit}"


def present(campaign: dict, unit: str, request: Request, period: d.Period, final: bool, rows: Iterable[d.Row],
            now: datetime) -> dict:
    rows = list(rows)
    return {
        "title": d.TITLE, "campaign_id": campaign["campaign_id"], "campaign_name": campaign["name"],
        "unit_code": unit, "unit_name": unit_label(campaign, unit), "scope": request.scope,
        "scope_label": SCOPES[request.scope], "month": request.month,
        "from": period.start.isoformat(), "cutoff": period.cutoff.isoformat(), "as_of": _as_of_label(period.cutoff),
        "final": final, "generated_at": now.isoformat(),
        "first_generated_at": period.first_generated_at.isoformat() if period.first_generated_at else None,
        "regenerated": period.first_generated_at is not None and now > period.first_generated_at,
        "sections": d.as_dict(rows), "late_entries": d.late_entries(rows), "notes": list(d.NOTES),
    }
