"""An enterprise's responsibility lists (责任清单): whether each exists, with its document; seed 003's spot check
"企业未制定分管负责人职责清单" reads them."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass

from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import FieldProblem
from enforcement.domain.problems import refuse

_NAMESPACE = uuid.UUID("0b7e3a52-9c41-5d6e-8f20-4a1b3c5d7e9f")


class Kind(enum.StrEnum):
    principal_list = "principal_list"  # 主要负责人安全生产责任清单
    manager_list = "manager_list"  # 分管负责人和管理人员职责清单
    campaign_work_list = "campaign_work_list"  # 专项行动工作清单 (本单位专项行动具体方案)


LABELS = {Kind.principal_list: "主要负责人安全生产责任清单", Kind.manager_list: "分管负责人和管理人员职责清单",
          Kind.campaign_work_list: "专项行动工作清单"}


def lists_id(enterprise_id: str) -> str:
    """The id of an enterprise's lists: one stream per enterprise."""
    return str(uuid.uuid5(_NAMESPACE, enterprise_id))


@dataclass(frozen=True)
class ResponsibilityListRecorded:
    lists_id: str
    enterprise_id: str
    kind: str
    present: bool
    document_ref: str
    campaign_id: str | None
    note: str


ALL_EVENTS = (ResponsibilityListRecorded,)


class ResponsibilityLists(Aggregate):
    """责任清单 of one enterprise: each record says whether a list exists; the latest of a kind counts."""

    def _init_state(self) -> None:
        self.enterprise_id: str | None = None

    @classmethod
    def of(cls, enterprise_id: str) -> ResponsibilityLists:
        lists = cls(lists_id(enterprise_id))
        lists._init_state()
        lists.enterprise_id = enterprise_id
        return lists

    def record(self, kind: Kind, present: bool, document_ref: str, campaign_id: str | None, note: str) -> None:
        assert self.enterprise_id is not None
        problems = []
        if present and not document_ref.strip():
            problems.append(FieldProblem("document_ref", "已制定的清单须给出文件 (文号、编号或附件地址)"))
        if kind == Kind.campaign_work_list and campaign_id is None:
            problems.append(FieldProblem("campaign_id", "专项行动工作清单须指明专项行动"))
        if kind != Kind.campaign_work_list and campaign_id is not None:
            problems.append(FieldProblem("campaign_id", "只有专项行动工作清单属于某个专项行动"))
        refuse(problems)
        self._record(ResponsibilityListRecorded(self.id, self.enterprise_id, kind.value, present, document_ref,
                                                campaign_id, note))

    def apply_ResponsibilityListRecorded(self, event: ResponsibilityListRecorded) -> None:
        self.enterprise_id = event.enterprise_id


def no_responsibility_list(present_by_kind: dict[str, bool]) -> bool | None:
    """Seed 003's spot-check item 企业未制定分管负责人职责清单 (调度表, 对企业自查自改进行抽查检查情况 4), read from the
    records: seed 004 asks to "理顺主要负责人、管理人员到一线员工的各层级各岗位职责清单", so the item is violated when
    the principal's or the managers' list is recorded missing, met when both are recorded present, and unknown
    (None) while either has no record."""
    principal, managers = present_by_kind.get(Kind.principal_list), present_by_kind.get(Kind.manager_list)
    if principal is False or managers is False:
        return True
    if principal and managers:
        return False
    return None
