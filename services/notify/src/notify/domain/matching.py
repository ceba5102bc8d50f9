"""Matching an event against a rule, criterion by criterion, with the reason for each verdict in Chinese."""

from __future__ import annotations

from dataclasses import dataclass

from ecosafe_kit.auth import jurisdiction
from notify.domain.values import EVENT_TYPES, GRADES, EventFacts, RuleSpec


@dataclass(frozen=True)
class Verdict:
    matched: bool
    reasons: tuple[str, ...]  # one line per criterion; the failing ones say why not


def _criterion(wanted: tuple[str, ...], value: str | None, what: str, names: dict | None = None) -> tuple[bool, str]:
    def show(v: str | None) -> str:
        return "未知" if v is None else (f"{names[v]} ({v})" if names and v in names else v)

    if not wanted:
        return True, f"{what}不限"
    listed = "、".join(show(w) for w in wanted)
    if value is not None and value in wanted:
        return True, f"{what} {show(value)} 在规则所列 [{listed}] 之中"
    return False, f"{what} {show(value)} 不在规则所列 [{listed}] 之中"


def _area(rule_code: str, event_code: str) -> tuple[bool, str]:
    if jurisdiction.is_valid_code(event_code) and jurisdiction.covers(rule_code, event_code):
        return True, f"辖区 {event_code} 在规则辖区 {rule_code} 之内"
    return False, f"辖区 {event_code or '未知'} 不在规则辖区 {rule_code} 之内"


def match(spec: RuleSpec, facts: EventFacts) -> Verdict:
    """Whether `facts` meet every criterion of `spec`, and the reason for each."""
    checks = [
        _criterion(spec.event_types, facts.event_type, "事件类型", EVENT_TYPES),
        _area(spec.jurisdiction_code, facts.jurisdiction_code),
        _criterion(spec.grades, facts.grade, "隐患等级", GRADES),
        _criterion(spec.domains, facts.domain, "隐患领域"),
        _criterion(spec.park_ids, facts.park_id, "园区"),
        _criterion(spec.enterprise_ids, facts.enterprise_id, "企业"),
    ]
    return Verdict(all(ok for ok, _ in checks), tuple(reason for _, reason in checks))
