"""The bureaus' own oversight work seed 003's 调度表 counts (帮扶指导, 责任倒查追究问责, 约谈通报有关市县及部门)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import FieldProblem
from enforcement.domain.problems import refuse


class Kind(enum.StrEnum):
    guidance_area = "guidance_area"  # 帮扶指导重点市、县 (个次)
    guidance_enterprise = "guidance_enterprise"  # 帮扶指导重点企业 (家次)
    accountability = "accountability"  # 责任倒查追究问责 (人)
    bureau_admonition = "bureau_admonition"  # 约谈通报有关市县及部门 (次)


LABELS = {Kind.guidance_area: "帮扶指导重点市、县", Kind.guidance_enterprise: "帮扶指导重点企业",
          Kind.accountability: "责任倒查追究问责", Kind.bureau_admonition: "约谈通报有关市县及部门"}


@dataclass(frozen=True)
class OversightActivityRecorded:
    activity_id: str
    kind: str
    bureau_code: str
    campaign_id: str | None
    occurred_on: datetime
    target: str
    persons: int
    note: str


ALL_EVENTS = (OversightActivityRecorded,)


class OversightActivity(Aggregate):
    """One recorded activity; recorded once, by the bureau that did it."""

    def _init_state(self) -> None:
        self.kind: str | None = None

    @classmethod
    def record(cls, activity_id: str, kind: Kind, bureau_code: str, campaign_id: str | None, occurred_on: datetime,
               target: str, persons: int, note: str, now: datetime) -> OversightActivity:
        problems = []
        if occurred_on > now:
            problems.append(FieldProblem("occurred_on", "发生时间不能晚于现在"))
        if kind == Kind.accountability and persons < 1:
            problems.append(FieldProblem("persons", "责任倒查追究问责须填写被问责人数 (至少 1 人)"))
        if kind != Kind.accountability and persons:
            problems.append(FieldProblem("persons", "只有责任倒查追究问责填写人数"))
        if kind != Kind.accountability and not target.strip():
            problems.append(FieldProblem("target", f"{LABELS[kind]}须填写对象 (市县或部门的代码、企业编号)"))
        refuse(problems)
        activity = cls(activity_id)
        activity._init_state()
        activity._record(OversightActivityRecorded(activity_id, kind.value, bureau_code, campaign_id, occurred_on,
                                                   target, persons, note))
        return activity

    def apply_OversightActivityRecorded(self, event: OversightActivityRecorded) -> None:
        self.kind = event.kind
