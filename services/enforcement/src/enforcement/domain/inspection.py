"""The Inspection aggregate: planned (or drawn), then completed once with its checklist and findings."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import Conflict, FieldProblem
from enforcement.domain.checklist import ITEMS
from enforcement.domain.problems import refuse

MIN_INSPECTORS = 2  # 执法检查人员不得少于两人


# The finding domains finding.proto documents (the hazard service's 领域 codes): a code the hazard service's own
# API would refuse must not reach its ledger through a finding.
FINDING_DOMAINS = {
    "hazardous_waste": "危险废物", "nuclear_radiation": "核与辐射", "pollution_control": "污染防治设施",
    "explosive_dust": "涉爆粉尘", "voc_recovery": "VOCs回收", "sewage_treatment": "污水处理",
    "rto_incinerator": "RTO焚烧炉", "other": "其他",
}


class Mode(enum.StrEnum):
    open = "open"  # 常规检查
    unannounced = "unannounced"  # 四不两直
    covert = "covert"  # 明察暗访


class Grade(enum.StrEnum):
    major = "major"
    general = "general"


@dataclass(frozen=True)
class ChecklistResult:
    item: str
    violated: bool
    note: str = ""


@dataclass(frozen=True)
class Finding:
    """检查发现的问题 that the hazard service opens as a hazard (source: inspection)."""

    finding_id: str
    domain: str
    description: str
    suggested_grade: Grade
    grade_basis: str
    found_at: datetime


@dataclass(frozen=True)
class InspectionPlanned:
    inspection_id: str
    enterprise_id: str
    jurisdiction_code: str
    campaign_id: str | None
    draw_id: str | None
    mode: Mode
    inspector_ids: tuple[str, ...]
    joint_departments: tuple[str, ...]
    planned_for: date


@dataclass(frozen=True)
class FindingRecorded:
    inspection_id: str
    enterprise_id: str
    campaign_id: str | None
    inspector_ids: tuple[str, ...]
    finding: Finding


@dataclass(frozen=True)
class InspectionCompleted:
    inspection_id: str
    enterprise_id: str
    campaign_id: str | None
    completed_at: datetime
    bureau_code: str
    checklist: tuple[ChecklistResult, ...]
    finding_ids: tuple[str, ...]
    summary: str


ALL_EVENTS = (InspectionPlanned, FindingRecorded, InspectionCompleted)


class Inspection(Aggregate):
    """检查: who inspects whom, how; completed once, signed by who carried it out."""

    def _init_state(self) -> None:
        self.planned: InspectionPlanned | None = None
        self.completed = False

    @classmethod
    def plan(cls, event: InspectionPlanned) -> Inspection:
        problems = []
        if len(set(event.inspector_ids)) < MIN_INSPECTORS:
            problems.append(FieldProblem("inspector_ids", f"检查人员不得少于 {MIN_INSPECTORS} 人"))
        for i, department in enumerate(event.joint_departments):
            if not department.strip():
                problems.append(FieldProblem(f"joint_departments[{i}]", "联合检查部门名称不能为空"))
        refuse(problems)
        inspection = cls(event.inspection_id)
        inspection._init_state()
        inspection._record(event)
        return inspection

    def complete(self, completed_at: datetime, bureau_code: str, checklist: tuple[ChecklistResult, ...],
                 findings: tuple[Finding, ...], summary: str, now: datetime) -> None:
        """检查完成: every finding is recorded (the hazard service opens each), then the inspection closes."""
        assert self.planned is not None
        if self.completed:
            raise Conflict(f"检查 {self.id} 已完成", extra={"inspection_id": self.id})
        problems = []
        if completed_at > now:
            problems.append(FieldProblem("completed_at", "检查时间不能晚于当前时间"))
        answered = [r.item for r in checklist]
        for i, result in enumerate(checklist):
            if result.item not in ITEMS:
                problems.append(FieldProblem(f"checklist[{i}].item", "未知的检查项, 见 GET /inspections/checklist"))
            elif answered.index(result.item) != i:
                problems.append(FieldProblem(f"checklist[{i}].item", "检查项重复"))
        if self.planned.campaign_id is not None:
            missing = [item for item in ITEMS if item not in answered]
            if missing:
                problems.append(FieldProblem("checklist", "专项行动的检查须逐项填写抽查检查项, 缺: " + "、".join(missing)))
        for i, finding in enumerate(findings):
            if not finding.description.strip():
                problems.append(FieldProblem(f"findings[{i}].description", "必须描述发现的问题"))
            if not finding.grade_basis.strip():
                problems.append(FieldProblem(f"findings[{i}].grade_basis", "必须写明建议等级的判定依据"))
            if finding.found_at > now:
                problems.append(FieldProblem(f"findings[{i}].found_at", "发现时间不能晚于当前时间"))
        refuse(problems)
        planned = self.planned
        for finding in findings:
            self._record(FindingRecorded(self.id, planned.enterprise_id, planned.campaign_id, planned.inspector_ids,
                                         finding))
        self._record(InspectionCompleted(self.id, planned.enterprise_id, planned.campaign_id, completed_at,
                                         bureau_code, checklist, tuple(f.finding_id for f in findings), summary))

    def apply_InspectionPlanned(self, event: InspectionPlanned) -> None:
        self.planned = event

    def apply_FindingRecorded(self, event: FindingRecorded) -> None:
        """A finding changes nothing the commands check."""

    def apply_InspectionCompleted(self, event: InspectionCompleted) -> None:
        self.completed = True
