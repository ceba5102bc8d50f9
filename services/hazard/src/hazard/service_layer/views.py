"""Read use cases: the ledger, one hazard, the zeroing view and its export, scoped to what the caller may see."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.dependencies import ensure_within
from ecosafe_kit.auth.principal import GOVERNMENT_ROLES, Principal
from ecosafe_kit.auth.scope import ReadScope
from ecosafe_kit.errors import FieldProblem, Forbidden, InvalidInput
from hazard.adapters import enterprises, queries
from hazard.domain import times
from hazard.domain.hazard import missing_confirmations, needs_confirmation
from hazard.domain.values import ConfirmationLevel, Grade, Source, Stage, State
from hazard.service_layer import permissions
from hazard.service_layer.clock import SHANGHAI
from hazard.service_layer.hazards import HazardService


def scope_of(principal: Principal) -> ReadScope:
    return ReadScope.of(principal, "隐患台账")


def filter_prefix(code: str | None) -> str | None:
    """The area prefix of a `jurisdiction` query filter; 422 naming it when it is not a division code."""
    if code is None:
        return None
    if not jurisdiction.is_valid_code(code):
        raise InvalidInput(f"行政区划代码无效: {code}", [FieldProblem("query.jurisdiction", "行政区划代码无效")])
    return jurisdiction.area_prefix(code)


def narrowed(principal: Principal, code: str | None) -> str | None:
    """A jurisdiction filter, which must lie within the caller's own area."""
    prefix = filter_prefix(code)
    if code is not None and (principal.has_role(*GOVERNMENT_ROLES) or principal.is_admin):
        try:
            ensure_within(principal, jurisdiction_code=code)
        except Forbidden as refused:
            # The code is what the caller sent, so naming it tells nothing; the kit's text names only its scope.
            raise Forbidden(f"查询的辖区 {code} {refused.detail}",
                            extra={"field": "query.jurisdiction", **refused.extra}) from None
    return prefix


def presented(row: dict) -> dict:
    """A ledger row with what a reader needs spelled out: the stage (awaiting inspection or awaiting 销号) and the
    confirmation levels signed, with their Chinese labels."""
    stage = Stage.of(State(row["state"]), row["verification_passed"])
    return {**row, "stage": stage.value, "stage_label": stage.label,
            "confirmation_labels": [ConfirmationLevel(level).label for level in row["confirmations"]]}


def ledger(service: HazardService, principal: Principal, filters: queries.LedgerFilter, *, sort: str,
           offset: int, limit: int) -> tuple[list[dict], int]:
    if sort.lstrip("-") not in queries.SORTABLE:
        raise InvalidInput(f"不支持按 {sort} 排序", [FieldProblem(
            "query.sort", "可排序字段: " + ", ".join(sorted(queries.SORTABLE)) + " (前加 - 表示降序)")])
    with service.engine.connect() as conn:
        rows, total = queries.ledger_page(conn, scope_of(principal), filters, sort=sort, offset=offset, limit=limit)
    return [presented(r) for r in rows], total


def one(service: HazardService, principal: Principal, hazard_id: str) -> dict:
    with service.engine.connect() as conn:
        row = queries.one(conn, hazard_id)
        if row is None:
            raise permissions.hidden(hazard_id)
        enterprise = enterprises.find(conn, row["enterprise_id"])
    permissions.authorize_read(principal, hazard_id, jurisdiction_code=row["jurisdiction_code"],
                               enterprise_id=row["enterprise_id"], park_id=enterprise.park_id if enterprise else None,
                               parent_enterprise_id=enterprise.parent_enterprise_id if enterprise else None)
    # What 两级确认 still owes, which only the register (is there a parent enterprise?) can tell.
    source = Source(row["source"])
    owed = missing_confirmations(set(map(ConfirmationLevel, row["confirmations"])),
                                 has_parent=bool(enterprise and enterprise.parent_enterprise_id))
    return {**presented(row), "confirmation_required": needs_confirmation(source, Grade(row["grade"])),
            "confirmations_missing": [level.value for level in owed] if source is Source.self_inspection else []}


def period(start: date, end: date, today: date) -> tuple[datetime, datetime]:
    """[start 00:00, day after end 00:00) in Asia/Shanghai; both days between the floor and today."""
    problems = times.day_problems("query.from", start, today=today) + times.day_problems("query.to", end, today=today)
    if problems:
        raise InvalidInput("统计期间无效: " + "；".join(p.message for p in problems), problems)
    if end < start:
        raise InvalidInput("统计期间的结束日期早于开始日期", [FieldProblem("query.to", "结束日期不能早于开始日期")])
    return (datetime.combine(start, time(), SHANGHAI),
            datetime.combine(end + timedelta(days=1), time(), SHANGHAI))


def zeroing(service: HazardService, principal: Principal, start: date, end: date, code: str | None) -> list[dict]:
    begin, stop = period(start, end, service.clock.today())
    with service.engine.connect() as conn:
        return queries.zeroing(conn, scope_of(principal), begin, stop, narrowed(principal, code))
