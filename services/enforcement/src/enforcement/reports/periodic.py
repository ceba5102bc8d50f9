"""Use cases of the weekly report (周报) and the daily incident report with its zero report (日报与零报告) of a
reporting unit, with the state of their submission from the notify service's events."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

from sqlalchemy.engine import Engine

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.errors import Forbidden
from enforcement.adapters.dates import SHANGHAI, day_start
from enforcement.domain import reports_periodic as p
from enforcement.domain.problems import invalid
from enforcement.domain.reports_dispatch import Fact
from enforcement.reports import queries as q
from enforcement.reports.access import ensure_reader
from enforcement.reports.dispatch import in_scope_of
from enforcement.service_layer.campaign_permissions import valid_area

_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_OBLIGATIONS = ["obligation_created"]


def _week(text: str) -> date:
    """Monday of an ISO week `YYYY-Www` (notify's weekly period)."""
    match = _WEEK.fullmatch(text)
    try:
        if not match:
            raise ValueError(text)
        return date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError as wrong:
        raise invalid("week", f"周次应为 ISO 周 YYYY-Www, 如 2026-W49; 收到 {text!r}") from wrong


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as wrong:
        raise invalid("day", f"日期应为 YYYY-MM-DD; 收到 {text!r}") from wrong


class PeriodicReports:
    def __init__(self, engine: Engine, now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self.engine = engine
        self.now = now

    def _unit(self, principal: Principal, unit: str | None) -> str:
        ensure_reader(principal)
        unit = unit or (principal.jurisdiction or "")[:6]
        valid_area(unit, "unit")
        if not principal.is_admin and not principal.covers(unit):
            raise Forbidden(f"超出您的管辖范围: 无权查看 {unit} 的报表", extra={"jurisdiction": unit})
        return unit

    def _facts(self, unit: str) -> list[Fact]:
        with self.engine.connect() as conn:
            found = q.of_area(conn, jurisdiction.area_prefix(unit)[:4]) + q.of_kinds(conn, _OBLIGATIONS)
        return list({f.fact_id: f for f in found}.values())  # an obligation of the area comes in both

    def _check_begun(self, first: date, field: str) -> None:
        if day_start(first) > self.now():
            raise invalid(field, "该期尚未开始")

    def weekly(self, principal: Principal, unit: str | None, week: str) -> dict:
        """周报 of a unit for an ISO week (Monday to Sunday, Beijing time): what it found and did, and whether it was
        reported (due Friday 17:00 as notify's weekly obligation says)."""
        unit = self._unit(principal, unit)
        monday = _week(week)
        self._check_begun(monday, "week")
        start, end = day_start(monday), day_start(monday + timedelta(days=7))
        facts = self._facts(unit)
        return {"unit_code": unit, "week": week, "from": monday.isoformat(),
                "to": (monday + timedelta(days=6)).isoformat(),
                "figures": p.week_figures(facts, in_scope_of(unit, "unit"), start, end),
                "submissions": p.submissions(facts, unit, "weekly", week)}

    def daily(self, principal: Principal, unit: str | None, day: str) -> dict:
        """事故信息日报 of a unit for a day: its incidents, or a zero report (零报告) when there were none, and whether
        it was reported."""
        unit = self._unit(principal, unit)
        the_day = _day(day)
        self._check_begun(the_day, "day")
        facts = self._facts(unit)
        found = p.incidents(facts, in_scope_of(unit, "unit"), day_start(the_day),
                            day_start(the_day + timedelta(days=1)))
        return {"unit_code": unit, "day": the_day.isoformat(), "incidents": found, "zero_report": not found,
                "content": "零报告: 本日无突发环境事件" if not found else f"本日突发环境事件 {len(found)} 起",
                "submissions": p.submissions(facts, unit, "daily", the_day.isoformat())}

    def overview(self, principal: Principal, kind: str, period: str) -> dict:
        """Every unit's state for a period under the obligations of the caller's area (the receiving office's view)."""
        ensure_reader(principal)
        area = "" if principal.is_admin else principal.jurisdiction or ""
        with self.engine.connect() as conn:
            obligations = q.of_kinds(conn, _OBLIGATIONS)
        units = sorted({u for ob in obligations if ob.data.get("obligation_kind") == kind
                        for u in ob.data.get("unit_codes", ()) if not area or jurisdiction.covers(area, u)})
        items, by_city = [], {}
        for unit in units:
            city = unit[:4]  # one read per city: _facts reads the whole city's facts anyway
            if city not in by_city:
                by_city[city] = self._facts(unit)
            items += [{"unit_code": unit, **s} for s in p.submissions(by_city[city], unit, kind, period)]
        counts = {state: sum(1 for i in items if i["state"] == state) for state in p.STATES}
        return {"kind": kind, "period": period, "items": items, "counts": counts,
                "as_of": self.now().astimezone(SHANGHAI).isoformat()}
