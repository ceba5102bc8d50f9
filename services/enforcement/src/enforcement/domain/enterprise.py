"""The Enterprise aggregate: one register entry, registered, changed and deregistered by signed events."""

from __future__ import annotations

from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import Conflict, FieldProblem
from enforcement.domain.problems import refuse
from enforcement.domain.events import EnterpriseDeregistered, EnterpriseRegistered, EnterpriseUpdated
from enforcement.domain.rules import problems_of
from enforcement.domain.values import EnterpriseFacts


class Enterprise(Aggregate):
    """企业: its facts are the last registered or updated ones; a deregistered entry takes no more changes."""

    def _init_state(self) -> None:
        self.facts: EnterpriseFacts | None = None
        self.deregistered = False

    @classmethod
    def register(cls, enterprise_id: str, facts: EnterpriseFacts) -> Enterprise:
        """企业登记: the facts must pass every rule."""
        refuse(problems_of(facts))
        if facts.parent_enterprise_id == enterprise_id:
            refuse([FieldProblem("parent_enterprise_id", "上级企业不能是企业自身")])
        enterprise = cls(enterprise_id)
        enterprise._init_state()
        enterprise._record(EnterpriseRegistered(enterprise_id, facts))
        return enterprise

    def update(self, facts: EnterpriseFacts) -> list[str]:
        """企业信息变更: records the new facts and returns what changed (nothing changed → no event)."""
        self._refuse_if_deregistered()
        refuse(problems_of(facts))
        if facts.parent_enterprise_id == self.id:
            refuse([FieldProblem("parent_enterprise_id", "上级企业不能是企业自身")])
        assert self.facts is not None
        changed = self.facts.changed_fields(facts)
        if changed:
            self._record(EnterpriseUpdated(self.id, facts, tuple(changed)))
        return changed

    def deregister(self, reason: str) -> None:
        """企业注销: the entry leaves the register with a reason; its history stays."""
        self._refuse_if_deregistered()
        if not reason.strip():
            refuse([FieldProblem("reason", "必须写明注销原因")])
        self._record(EnterpriseDeregistered(self.id, reason))

    def _refuse_if_deregistered(self) -> None:
        if self.deregistered:
            raise Conflict(f"企业 {self.id} 已注销, 不能再变更", extra={"enterprise_id": self.id})

    def apply_EnterpriseRegistered(self, event: EnterpriseRegistered) -> None:
        self.facts = event.facts

    def apply_EnterpriseUpdated(self, event: EnterpriseUpdated) -> None:
        self.facts = event.facts

    def apply_EnterpriseDeregistered(self, event: EnterpriseDeregistered) -> None:
        self.deregistered = True
