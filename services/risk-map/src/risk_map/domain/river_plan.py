"""RiverPlan aggregate (一河一策一图): per key river, the planned actions per reach, versioned."""

from __future__ import annotations

from ecosafe_kit.domain import Aggregate
from risk_map.domain.errors import FieldProblem, InvalidInput
from risk_map.domain.events import RiverPlanVersionPublished


def _check_actions(actions: list[dict]) -> tuple[dict, ...]:
    problems = []
    for i, action in enumerate(actions):
        if not action.get("reach_id"):
            problems.append(FieldProblem(f"actions.{i}.reach_id", "须指明河段"))
        if not (action.get("action") or "").strip():
            problems.append(FieldProblem(f"actions.{i}.action", "须写明措施"))
    if not actions:
        problems.append(FieldProblem("actions", "方案至少包含一条河段措施"))
    if problems:
        raise InvalidInput("一河一策一图方案内容不完整", problems)
    return tuple({"reach_id": a["reach_id"], "action": a["action"].strip(),
                  "facility_ids": list(a.get("facility_ids") or []), "materials": list(a.get("materials") or []),
                  "responsible": a.get("responsible") or ""} for a in actions)


class RiverPlan(Aggregate):
    def _init_state(self) -> None:
        self.river_name = ""
        self.title = ""
        self.version_no = 0
        self.actions: tuple[dict, ...] = ()

    @classmethod
    def publish_first(cls, plan_id: str, river_name: str, title: str, actions: list[dict]) -> RiverPlan:
        plan = cls(plan_id)
        plan._init_state()
        plan.publish(river_name, title, actions)
        return plan

    def publish(self, river_name: str, title: str, actions: list[dict]) -> None:
        """A new version of the plan; earlier versions stay in the stream."""
        if not river_name.strip():
            raise InvalidInput("须写明河流名称", [FieldProblem("river_name", "不能为空")])
        self._record(RiverPlanVersionPublished(self.id, river_name.strip(), self.version_no + 1, title.strip(),
                                               _check_actions(actions)))

    def apply_RiverPlanVersionPublished(self, event: RiverPlanVersionPublished) -> None:
        self.river_name, self.title, self.version_no, self.actions = (
            event.river_name, event.title, event.version_no, event.actions)
