"""Request bodies of the inspection API, with Chinese descriptions for the docs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ecosafe_kit.text import Line, Text
from enforcement.domain import inspection as i
from enforcement.service_layer.inspections import CompleteCommand, FindingInput, PlanCommand


def _domain_code(value: str) -> str:
    if value not in i.FINDING_DOMAINS:
        raise ValueError("未知的领域代码, 应为 " + ", ".join(f"{code} {label}" for code, label in i.FINDING_DOMAINS.items()))
    return value


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InspectionIn(_Body):
    enterprise_id: Annotated[Line, Field(min_length=1, max_length=100, description="被检查企业")]
    mode: Literal["open", "unannounced", "covert"] = Field(
        description="检查方式: open 常规检查, unannounced 四不两直, covert 明察暗访")
    planned_for: date = Field(description="计划检查日期")
    inspector_ids: Annotated[list[Annotated[Line, Field(max_length=100)]], Field(max_length=10)] = Field(
        default=[], description="检查人员 (名录库中的用户标识, 不少于 2 人); 随机抽取的检查缺省为抽中的人员")
    joint_departments: Annotated[list[Annotated[Line, Field(max_length=50)]], Field(max_length=10)] = Field(
        default=[], description="联合检查部门, 如 应急管理局、消防救援大队")
    campaign_id: Annotated[Line, Field(max_length=100)] | None = Field(default=None, description="所属专项行动")
    draw_id: Annotated[Line, Field(max_length=100)] | None = Field(default=None, description="随机抽取 (须与专项行动对应)")

    def to_command(self) -> PlanCommand:
        return PlanCommand(self.enterprise_id, i.Mode(self.mode), self.planned_for, tuple(self.inspector_ids),
                           tuple(self.joint_departments), self.campaign_id, self.draw_id)


class ChecklistIn(_Body):
    item: Annotated[Line, Field(max_length=60, description="检查项代码 (GET /inspections/checklist)")]
    violated: bool = Field(description="是否存在该问题")
    note: Annotated[Text, Field(max_length=1000)] = ""


class FindingIn(_Body):
    domain: Annotated[str, AfterValidator(_domain_code)] = Field(description="领域代码: " + ", ".join(f"{k} {v}" for k, v in i.FINDING_DOMAINS.items()))
    description: Annotated[Text, Field(max_length=4000, description="问题描述")]
    suggested_grade: Literal["major", "general"] = Field(description="建议隐患等级: major 重大事故隐患, general 一般隐患")
    grade_basis: Annotated[Text, Field(max_length=1000, description="判定依据")]
    found_at: datetime | None = Field(default=None, description="发现时间 (带时区), 缺省为检查时间")


class CompletionIn(_Body):
    checklist: Annotated[list[ChecklistIn], Field(max_length=20)] = Field(
        default=[], description="抽查检查项结果; 专项行动的检查须逐项填写")
    findings: Annotated[list[FindingIn], Field(max_length=50)] = Field(
        default=[], description="发现的问题; 每条发布为 FindingRecorded, 隐患服务据以登记隐患")
    summary: Annotated[Text, Field(max_length=4000, description="检查意见")] = ""
    completed_at: datetime | None = Field(default=None, description="检查时间 (带时区), 缺省为现在")

    def to_command(self) -> CompleteCommand:
        return CompleteCommand(
            tuple(i.ChecklistResult(c.item, c.violated, c.note) for c in self.checklist),
            tuple(FindingInput(f.domain, f.description, i.Grade(f.suggested_grade), f.grade_basis, f.found_at)
                  for f in self.findings), self.summary, self.completed_at)
