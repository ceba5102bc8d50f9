"""The Inspector aggregate: a bureau's inspector on the roster (执法检查人员名录库) and their declared conflicts."""

from __future__ import annotations

from dataclasses import dataclass

from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import Conflict, FieldProblem, InvalidInput


@dataclass(frozen=True)
class InspectorEnrolled:
    inspector_id: str
    name: str
    jurisdiction_code: str


@dataclass(frozen=True)
class ConflictDeclared:
    inspector_id: str
    enterprise_id: str
    reason: str


ALL_EVENTS = (InspectorEnrolled, ConflictDeclared)


class Inspector(Aggregate):
    """执法检查人员: enrolled once; each conflict with an enterprise is declared once and excludes them from it."""

    def _init_state(self) -> None:
        self.name = ""
        self.jurisdiction_code = ""
        self.conflicts: dict[str, str] = {}

    @classmethod
    def enroll(cls, inspector_id: str, name: str, jurisdiction_code: str) -> Inspector:
        if not name.strip():
            raise InvalidInput("必须填写检查人员姓名", [FieldProblem("name", "必须填写检查人员姓名")])
        inspector = cls(inspector_id)
        inspector._init_state()
        inspector._record(InspectorEnrolled(inspector_id, name.strip(), jurisdiction_code))
        return inspector

    def declare_conflict(self, enterprise_id: str, reason: str) -> None:
        if not reason.strip():
            raise InvalidInput("必须写明利害关系", [FieldProblem("reason", "必须写明利害关系")])
        if enterprise_id in self.conflicts:
            raise Conflict(f"已申报与企业 {enterprise_id} 的利害关系", extra={"enterprise_id": enterprise_id})
        self._record(ConflictDeclared(self.id, enterprise_id, reason.strip()))

    def apply_InspectorEnrolled(self, event: InspectorEnrolled) -> None:
        self.name, self.jurisdiction_code = event.name, event.jurisdiction_code

    def apply_ConflictDeclared(self, event: ConflictDeclared) -> None:
        self.conflicts[event.enterprise_id] = event.reason
