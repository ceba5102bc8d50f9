"""The Campaign aggregate (专项行动): scope, phases with date ranges, targets; phases start in order."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from ecosafe_kit.auth import jurisdiction as divisions
from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import Conflict, FieldProblem, InvalidInput
from enforcement.domain import sectors as sector_codes
from enforcement.domain.problems import refuse
from enforcement.domain.values import RiskLevel


class PhaseCode(enum.StrEnum):
    """动员部署 · 自查自改 · 精准执法 · 巩固提高 · 回头看, in the order a campaign runs them."""

    mobilization = "mobilization"
    self_inspection = "self_inspection"
    enforcement = "enforcement"
    consolidation = "consolidation"
    review = "review"

    @property
    def label(self) -> str:
        return _PHASE_LABELS[self]


_PHASE_LABELS = {PhaseCode.mobilization: "动员部署", PhaseCode.self_inspection: "自查自改",
                 PhaseCode.enforcement: "精准执法", PhaseCode.consolidation: "巩固提高", PhaseCode.review: "回头看"}
_PHASE_ORDER = list(PhaseCode)


class TargetKind(enum.StrEnum):
    coverage = "coverage"  # 全覆盖: each bureau of the level over its own area's in-scope enterprises
    sampling = "sampling"  # 抽查: the bureau of the level over the whole campaign area


class Level(enum.StrEnum):
    county = "county"
    city = "city"


@dataclass(frozen=True)
class PhaseSpan:
    phase: PhaseCode
    start: date
    end: date


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    level: Level
    percent: int
    start: date
    end: date


@dataclass(frozen=True)
class CampaignPlan:
    """What a launch states; the rules below decide whether it may be launched."""

    name: str
    issuing_bureau: str
    jurisdiction_code: str
    start: date
    end: date
    sectors: tuple[str, ...]
    risk_levels: tuple[RiskLevel, ...]
    phases: tuple[PhaseSpan, ...]
    targets: tuple[Target, ...]


@dataclass(frozen=True)
class CampaignLaunched:
    campaign_id: str
    plan: CampaignPlan


@dataclass(frozen=True)
class CampaignPhaseStarted:
    campaign_id: str
    phase: PhaseCode


ALL_EVENTS = (CampaignLaunched, CampaignPhaseStarted)


def plan_problems(plan: CampaignPlan) -> list[FieldProblem]:
    found: list[FieldProblem] = []
    if not plan.name.strip():
        found.append(FieldProblem("name", "必须填写专项行动名称"))
    if not plan.issuing_bureau.strip():
        found.append(FieldProblem("issuing_bureau", "必须填写发文单位"))
    if plan.end < plan.start:
        found.append(FieldProblem("end", "结束日期不能早于开始日期"))
    if not plan.sectors and not plan.risk_levels:
        found.append(FieldProblem("scope", "范围至少要有一个行业类别或环境风险等级"))
    for i, sector in enumerate(plan.sectors):
        if sector not in sector_codes.SECTORS:
            found.append(FieldProblem(f"scope.sectors[{i}]", f"未知的行业类别 {sector}"))
    seen: list[PhaseCode] = []
    for i, span in enumerate(plan.phases):
        where = f"phases[{i}]"
        if span.end < span.start:
            found.append(FieldProblem(f"{where}.end", "阶段结束日期不能早于开始日期"))
        if span.start < plan.start or span.end > plan.end:
            found.append(FieldProblem(where, "阶段须在专项行动的起止日期之内"))
        if span.phase in seen:
            found.append(FieldProblem(f"{where}.phase", f"阶段 {span.phase.label} 重复"))
        elif seen and _PHASE_ORDER.index(span.phase) < _PHASE_ORDER.index(seen[-1]):
            found.append(FieldProblem(f"{where}.phase", "阶段须按 动员部署→自查自改→精准执法→巩固提高→回头看 的顺序排列"))
        if i and span.start <= plan.phases[i - 1].end:
            found.append(FieldProblem(f"{where}.start", "阶段之间不能重叠"))
        seen.append(span.phase)
    for i, target in enumerate(plan.targets):
        where = f"targets[{i}]"
        if not 1 <= target.percent <= 100:
            found.append(FieldProblem(f"{where}.percent", "比例应为 1-100"))
        if target.end < target.start:
            found.append(FieldProblem(f"{where}.end", "时间窗结束不能早于开始"))
        if target.start < plan.start or target.end > plan.end:
            found.append(FieldProblem(where, "目标时间窗须在专项行动的起止日期之内"))
        if target.level is Level.city and _below_city(plan.jurisdiction_code):
            # A county campaign has no city bureau to meet a city target: it would stand unmet for ever.
            found.append(FieldProblem(f"{where}.level", "县级专项行动不能设置市局目标; 市局抽查目标由市级专项行动设置"))
    return found


def _below_city(code: str) -> bool:
    return divisions.is_valid_code(code) and divisions.level_of(code) > divisions.Level.city


class Campaign(Aggregate):
    """专项行动: its plan as launched, and the phases started so far (in order)."""

    def _init_state(self) -> None:
        self.plan: CampaignPlan | None = None
        self.started: list[PhaseCode] = []

    @classmethod
    def launch(cls, campaign_id: str, plan: CampaignPlan) -> Campaign:
        refuse(plan_problems(plan))
        campaign = cls(campaign_id)
        campaign._init_state()
        campaign._record(CampaignLaunched(campaign_id, plan))
        return campaign

    def start_phase(self, phase: PhaseCode) -> None:
        """阶段开始: a phase of the plan, not started yet, after every earlier phase of the plan."""
        assert self.plan is not None
        planned = [span.phase for span in self.plan.phases]
        if phase not in planned:
            raise InvalidInput(f"专项行动没有 {phase.label} 阶段", [FieldProblem("phase", "不是本专项行动的阶段")])
        if phase in self.started:
            raise Conflict(f"{phase.label} 阶段已经开始", extra={"started": [p.value for p in self.started]})
        expected = planned[len(self.started)]
        if phase != expected:
            raise Conflict(f"阶段须依次开始: 下一个应为 {expected.label}", extra={"next_phase": expected.value})
        self._record(CampaignPhaseStarted(self.id, phase))

    @property
    def current_phase(self) -> PhaseCode | None:
        return self.started[-1] if self.started else None

    def apply_CampaignLaunched(self, event: CampaignLaunched) -> None:
        self.plan = event.plan

    def apply_CampaignPhaseStarted(self, event: CampaignPhaseStarted) -> None:
        self.started.append(event.phase)
