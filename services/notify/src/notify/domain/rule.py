"""The routing rule aggregate (分发规则): created, changed as a whole, retired; its content checked on every change."""

from __future__ import annotations

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Role
from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import Conflict, FieldProblem
from notify.domain import events as ev
from notify.domain.values import DUTY_POSITIONS, EVENT_TYPES, GRADES, PARTIES, RuleSpec


def _unknown(field: str, values: tuple[str, ...], known, what: str) -> list[FieldProblem]:
    bad = [v for v in values if v not in known]
    if not bad:
        return []
    return [FieldProblem(field, f"未知的{what}: {', '.join(bad)}; 可选: {', '.join(known)}")]


def problems_of(spec: RuleSpec) -> list[FieldProblem]:
    """Everything wrong with a rule's content, each naming its field (empty when the rule is valid)."""
    problems: list[FieldProblem] = []
    if not spec.name.strip():
        problems.append(FieldProblem("name", "规则名称不能为空"))
    if not jurisdiction.is_valid_code(spec.jurisdiction_code):
        problems.append(FieldProblem("jurisdiction_code", f"不是有效的行政区划代码: {spec.jurisdiction_code}"))
    if not spec.event_types:
        problems.append(FieldProblem("event_types", "至少指定一种事件类型"))
    problems += _unknown("event_types", spec.event_types, EVENT_TYPES, "事件类型")
    problems += _unknown("grades", spec.grades, GRADES, "隐患等级")
    problems += _unknown("recipient_roles", spec.recipient_roles, [r.value for r in Role], "角色")
    problems += _unknown("recipient_duty_positions", spec.recipient_duty_positions, DUTY_POSITIONS, "值班岗位")
    problems += _unknown("recipient_parties", spec.recipient_parties, PARTIES, "相关方")
    if not (spec.recipient_roles or spec.recipient_users or spec.recipient_duty_positions or spec.recipient_parties):
        problems.append(FieldProblem("recipient_roles", "规则至少要有一个接收方 (角色、用户、值班岗位或相关方)"))
    return problems


class RoutingRule(Aggregate):
    """A rule is active until retired; only an active rule can change."""

    def _init_state(self) -> None:
        self.spec: RuleSpec | None = None
        self.active = False
        self.retired_reason: str | None = None

    @classmethod
    def create(cls, rule_id: str, spec: RuleSpec) -> RoutingRule:
        rule = cls(rule_id)
        rule._init_state()
        rule._record(ev.RoutingRuleCreated(rule_id, spec))
        return rule

    def change(self, spec: RuleSpec) -> bool:
        """Replace the content; False (nothing recorded) when it is the same."""
        self._ensure_active()
        if spec == self.spec:
            return False
        self._record(ev.RoutingRuleChanged(self.id, spec))
        return True

    def retire(self, reason: str) -> None:
        self._ensure_active()
        self._record(ev.RoutingRuleRetired(self.id, reason))

    def _ensure_active(self) -> None:
        if not self.active:
            raise Conflict("规则已停用, 不能再修改", extra={"rule_id": self.id})

    def apply_RoutingRuleCreated(self, event: ev.RoutingRuleCreated) -> None:
        self.spec = event.spec
        self.active = True

    def apply_RoutingRuleChanged(self, event: ev.RoutingRuleChanged) -> None:
        self.spec = event.spec

    def apply_RoutingRuleRetired(self, event: ev.RoutingRuleRetired) -> None:
        self.active = False
        self.retired_reason = event.reason
