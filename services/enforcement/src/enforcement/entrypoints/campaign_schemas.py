"""Request and response bodies of the campaign, roster and draw APIs, with Chinese descriptions for the docs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ecosafe_kit.text import Line, Text
from enforcement.domain.campaign import CampaignPlan, Level, PhaseCode, PhaseSpan, Target, TargetKind
from enforcement.domain.values import RiskLevel

PhaseName = Literal["mobilization", "self_inspection", "enforcement", "consolidation", "review"]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PhaseIn(_Body):
    phase: PhaseName = Field(description="mobilization 动员部署, self_inspection 自查自改, enforcement 精准执法, "
                                         "consolidation 巩固提高, review 回头看")
    start: date = Field(description="开始日期")
    end: date = Field(description="结束日期 (含)")


class TargetIn(_Body):
    kind: Literal["coverage", "sampling"] = Field(
        description="coverage 全覆盖 (每个该层级分局检查本辖区范围内企业), sampling 抽查 (该层级检查专项行动全辖区范围内企业)")
    level: Literal["county", "city"] = Field(description="county 县级分局, city 市局")
    percent: int = Field(description="应检查的范围内企业比例 (%)", examples=[100])
    start: date
    end: date


class ScopeIn(_Body):
    sectors: Annotated[list[Line], Field(max_length=20)] = Field(default=[], description="行业类别代码")
    risk_levels: list[Literal["general", "elevated", "major"]] = Field(
        default=[], description="环境风险等级: 这些等级的企业不论行业均在范围内")


class CampaignIn(_Body):
    name: Annotated[Line, Field(max_length=200, description="专项行动名称")]
    issuing_bureau: Annotated[Line, Field(max_length=100, description="发文单位, 如 晋城市生态环境局")]
    jurisdiction_code: Annotated[Line, Field(max_length=12, description="专项行动辖区 (市级或县级代码)")]
    start: date
    end: date
    scope: ScopeIn
    phases: Annotated[list[PhaseIn], Field(max_length=5)] = []
    targets: Annotated[list[TargetIn], Field(max_length=10)] = []

    def to_plan(self) -> CampaignPlan:
        return CampaignPlan(
            name=self.name.strip(), issuing_bureau=self.issuing_bureau.strip(), jurisdiction_code=self.jurisdiction_code,
            start=self.start, end=self.end, sectors=tuple(self.scope.sectors),
            risk_levels=tuple(RiskLevel(r) for r in self.scope.risk_levels),
            phases=tuple(PhaseSpan(PhaseCode(p.phase), p.start, p.end) for p in self.phases),
            targets=tuple(Target(TargetKind(t.kind), Level(t.level), t.percent, t.start, t.end) for t in self.targets))


class CampaignCreated(BaseModel):
    campaign_id: str
    version: int


class CampaignOut(BaseModel):
    campaign_id: str
    name: str
    issuing_bureau: str
    jurisdiction_code: str
    starts_on: date
    ends_on: date
    sectors: list[str]
    sector_labels: list[str]
    risk_levels: list[str]
    risk_level_labels: list[str]
    phases: list[dict] = Field(description="阶段: phase, label, start, end")
    targets: list[dict] = Field(description="目标: kind, level, percent, start, end")
    current_phase: str | None
    current_phase_label: str | None
    version: int
    launched_at: datetime
    updated_at: datetime


class CampaignPage(BaseModel):
    items: list[CampaignOut]
    total: int


class ScopeEnterprise(BaseModel):
    enterprise_id: str
    name: str
    credit_code: str
    sector: str
    risk_level: str
    jurisdiction_code: str


class InspectorIn(_Body):
    inspector_id: Annotated[Line, Field(min_length=1, max_length=100, description="检查人员的用户标识 (令牌中的 sub)")]
    name: Annotated[Line, Field(max_length=50, description="姓名")]
    jurisdiction_code: Annotated[Line, Field(max_length=12, description="所属分局辖区代码")]


class ConflictIn(_Body):
    enterprise_id: Annotated[Line, Field(min_length=1, max_length=100, description="有利害关系的企业")]
    reason: Annotated[Text, Field(max_length=500, description="利害关系, 如 近亲属在该企业任职")]


class InspectorOut(BaseModel):
    inspector_id: str
    name: str
    jurisdiction_code: str
    enrolled_at: datetime
    conflicts: list[dict] = Field(description="申报的利害关系: enterprise_id, reason, declared_at")


class DrawIn(_Body):
    jurisdiction_code: Annotated[Line, Field(max_length=12)] | None = Field(
        default=None, description="抽取企业的辖区 (须在专项行动辖区内), 缺省为专项行动辖区")
    inspector_jurisdiction_code: Annotated[Line, Field(max_length=12)] | None = Field(
        default=None, description="抽取检查人员的辖区, 缺省同上; 交叉检查时填另一辖区")
    percent: int | None = Field(default=None, ge=1, le=100, description="抽取比例 (%), 向上取整; 与 count 二选一")
    count: int | None = Field(default=None, ge=1, le=100000, description="抽取企业数; 与 percent 二选一")
    inspectors_per_enterprise: int = Field(default=2, ge=1, le=10, description="每家企业的检查人员数 (缺省 2)")
    seed: Annotated[Line, Field(min_length=8, max_length=128)] | None = Field(
        default=None, description="随机种子; 缺省由服务生成 (32 位十六进制), 公开后任何人可据以复核")


class ExclusionIn(_Body):
    inspector_id: Annotated[Line, Field(max_length=100)]
    enterprise_id: Annotated[Line, Field(max_length=100)]


class VerifyIn(_Body):
    seed: Annotated[Line, Field(min_length=1, max_length=128)]
    candidate_enterprise_ids: Annotated[list[Line], Field(max_length=100000)]
    candidate_inspector_ids: Annotated[list[Line], Field(max_length=10000)]
    exclusions: Annotated[list[ExclusionIn], Field(max_length=100000)] = Field(
        default=[], description="排除的人员-企业组合 (利害关系)")
    count: int = Field(ge=0, le=100000)
    inspectors_per_enterprise: int = Field(default=2, ge=1, le=10)
