"""Seed 003's monthly dispatch table (调度表): its rows and the rules that count each one from the recorded facts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from enforcement.domain.checklist import ITEMS
from enforcement.domain.money import wan_yuan_text

TITLE = "危险废物领域重大事故隐患专项排查整治2023行动进展情况调度表"
NOTES = (
    "1. 专项行动领导小组办公室对各县（市、区）分局和开发区建设管理部工作进展情况进行月度调度。调度表自6月份开始上报，"
    "每月1日前上报截至上月末的累计情况。",
    "2. 调度表内容应围绕专项行动工作并对照方案具体要求如实填报，特别是对企业自查情况进行抽查检查时，要深挖细查，查出真问题。"
    "如：外包外租管理混乱，是指符合以下情形之一的：承包承租方不具备安全生产条件，未取得相应资质，双方未签订安全生产协议，"
    "安全生产管理职责不清，未纳入本企业统一管理。",
    "3. 调度表中明确提出市、县两级的有关事项需要分开进行统计上报。",
    "4. 市有关部门分别汇总统计报送本单位和本行业领域有关情况（报送两张表）。",
)

OVERALL, SPOT_CHECKS, ENFORCEMENT = "overall", "spot_checks", "enforcement"
SECTIONS = {OVERALL: "总体情况", SPOT_CHECKS: "对企业自查自改进行抽查检查情况", ENFORCEMENT: "部门精准严格执法情况"}
SECTION_NO = {OVERALL: 1, SPOT_CHECKS: 2, ENFORCEMENT: 3}

# Hazard sources of the 总体情况 rows, in the form's order: (row of the found ones, source code, wording).
HAZARD_ROWS = (
    (1, "self_inspection", "企业自查发现的重大事故隐患", "企业自查发现重大事故隐患中已完成整改的"),
    (3, "inspection", "部门执法检查发现的重大事故隐患", "部门执法检查发现重大事故隐患中已完成整改的"),
    (5, "public_report", "群众举报的重大事故隐患", "群众举报的重大事故隐患中已完成整改的"),
    (7, "superior_referral", "上级交办的重大事故隐患", "上级交办的重大事故隐患中已完成整改的"),
)
LISTED_ROW = (9, "政府部门挂牌督办的重大事故隐患", "挂牌督办重大事故隐患中已完成整改的")
ENFORCEMENT_ROWS = {
    1: ("帮扶指导重点市、县", "个次"), 2: ("帮扶指导重点企业", "家次"), 3: ("行政处罚", "次，万元"),
    4: ("企业和企业主要负责人“一案双罚”", "次"), 5: ("移送司法机关", "人"), 6: ("责令停产整顿/关闭取缔", "家"),
    7: ("曝光、约谈、联合惩戒企业", "家"), 8: ("公布典型执法案例（个），其中危险作业罪案例", "个"),
    9: ("责任倒查追究问责", "人"), 10: ("约谈通报有关市县及部门", "次"),
}


@dataclass(frozen=True)
class Fact:
    """One countable fact heard from an event: `happened_at` is when it happened, `entered_at` when it was recorded;
    `unit_code` the bureau it belongs to as far as its own event tells ("" when the event does not say)."""

    fact_id: str
    kind: str
    subject_id: str
    unit_code: str
    enterprise_id: str
    happened_at: datetime
    entered_at: datetime
    campaign_id: str | None = None
    data: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class Period:
    """Cumulative from the campaign's start up to (not including) `cutoff`, the first instant after the month."""

    campaign_id: str
    start: datetime
    cutoff: datetime
    first_generated_at: datetime | None = None

    def holds(self, moment: datetime) -> bool:
        return self.start <= moment < self.cutoff

    def late(self, fact: Fact) -> bool:
        """Entered after the month's table was first generated, though it happened within the period."""
        return self.first_generated_at is not None and fact.entered_at > self.first_generated_at


@dataclass
class Figure:
    """One number of the table and the records behind it."""

    key: str
    label: str
    measure: str
    value: int | str = 0
    records: list[dict] = field(default_factory=list)
    late: list[dict] = field(default_factory=list)

    def add(self, period: Period, fact: Fact, ref_kind: str, subject_id: str | None = None) -> None:
        ref = {"kind": ref_kind, "id": subject_id or fact.subject_id, "enterprise_id": fact.enterprise_id,
               "happened_at": fact.happened_at.isoformat(), "entered_at": fact.entered_at.isoformat(),
               "fact_id": fact.fact_id, **{k: v for k, v in fact.data.items() if k in _SHOWN}}
        self.records.append(ref)
        if period.late(fact):
            self.late.append(ref)


_SHOWN = ("ledger_no", "source", "decision_no", "amount_fen", "dual", "persons", "dangerous_operation_crime",
          "activity_kind", "target", "violated", "document_no")


@dataclass
class Row:
    section: str
    no: int
    label: str
    measure: str
    figures: list[Figure]

    @property
    def text(self) -> str:
        """The cell as the paper form is filled in."""
        f = self.figures
        if self.section == ENFORCEMENT and self.no == 3:
            return f"{f[0].value}次，{f[1].value}万元"
        if self.section == ENFORCEMENT and self.no == 6:
            return f"（停产）{f[0].value} （关闭）{f[1].value}"
        if self.section == ENFORCEMENT and self.no == 8:
            return f"{f[0].value}，其中危险作业罪案例{f[1].value}"
        return str(f[0].value)


def _distinct_enterprises(figure: Figure) -> int:
    return len({r["enterprise_id"] for r in figure.records})


def resolved_units(facts: list[Fact]) -> tuple[dict[str, str], dict[str, str]]:
    """Who a case's later facts belong to when their signer had no area (an admin), and which bureau made each
    finding (a hazard found by an inspection belongs to the inspecting bureau)."""
    case_unit, finding_unit = {}, {}
    for fact in facts:
        if fact.kind == "case_opened":
            case_unit[fact.subject_id] = fact.unit_code or fact.data.get("jurisdiction_code", "")
        elif fact.kind == "inspection_completed":
            for finding_id in fact.data.get("finding_ids", ()):
                finding_unit[finding_id] = fact.unit_code
    return case_unit, finding_unit


@dataclass
class HazardHistory:
    """One hazard as its facts tell it: the report, the bureau it counts for, and what happened to it since."""

    reported: Fact
    unit: str
    grade_changes: list[Fact] = field(default_factory=list)
    closed: Fact | None = None
    listed: Fact | None = None
    deadline_events: list[Fact] = field(default_factory=list)

    def overdue_before(self, cutoff: datetime) -> bool:
        """Overdue at `cutoff`: the last overdue or deadline extension before it was an overdue."""
        before = sorted((f for f in self.deadline_events if f.happened_at < cutoff), key=lambda f: f.happened_at)
        return bool(before) and before[-1].kind == "hazard_overdue"

    def grade_before(self, cutoff: datetime) -> str:
        grade = self.reported.data.get("grade", "major")
        for change in sorted(self.grade_changes, key=lambda f: f.happened_at):
            if change.happened_at < cutoff:
                grade = change.data["grade"]
        return grade


def hazards_of(facts: list[Fact], finding_unit: dict[str, str]) -> list[HazardHistory]:
    known: dict[str, HazardHistory] = {}
    for fact in sorted(facts, key=lambda f: f.kind != "hazard_reported"):
        if fact.kind == "hazard_reported":
            finding = fact.data.get("finding_id")
            unit = finding_unit.get(finding, fact.unit_code) if finding else fact.unit_code
            known.setdefault(fact.subject_id, HazardHistory(fact, unit))
            continue
        hazard = known.get(fact.subject_id)
        if hazard is None:
            continue
        # Only the report names the enterprise; its later events count for the same one.
        fact = replace(fact, enterprise_id=hazard.reported.enterprise_id, data={
            **fact.data, "ledger_no": hazard.reported.data.get("ledger_no"),
            "source": hazard.reported.data.get("source")})
        if fact.kind == "hazard_regraded":
            hazard.grade_changes.append(fact)
        elif fact.kind == "hazard_closed" and (hazard.closed is None or fact.happened_at < hazard.closed.happened_at):
            hazard.closed = fact
        elif fact.kind == "hazard_listed" and (hazard.listed is None or fact.happened_at < hazard.listed.happened_at):
            hazard.listed = fact
        elif fact.kind in ("hazard_overdue", "hazard_deadline_extended"):
            hazard.deadline_events.append(fact)
    return list(known.values())


def dispatch_table(facts: Iterable[Fact], period: Period, in_scope: Callable[[str], bool]) -> list[Row]:
    """The three sections of the table, every numbered row, counted from `facts` for the bureaus `in_scope` accepts.

    The rules (README "Reports 报表" states them for the bureaus): cumulative from the campaign's start to the end of
    the month, by when each fact happened; major hazards (their grade as it stood at the month's end) found in the
    period, by source, rectified once closed (销号) before the month's end; spot checks are this campaign's completed
    inspections, enterprises counted as distinct 家; penalties counted per decision (a 一案双罚 decision is one 次, both
    parties' amounts added), amounts in 万元 rounded half up to two decimals."""
    facts = list(facts)
    case_unit, finding_unit = resolved_units(facts)

    def unit_of(fact: Fact) -> str:
        if fact.kind.startswith("case_") and not fact.unit_code:
            return case_unit.get(fact.subject_id, "")
        return fact.unit_code

    rows: list[Row] = []
    hazards = [h for h in hazards_of(facts, finding_unit)
               if in_scope(h.unit) and h.reported.campaign_id in (None, period.campaign_id)
               and h.grade_before(period.cutoff) == "major"]
    for no, source, found_label, done_label in HAZARD_ROWS:
        found, done = Figure(f"1-{no}", found_label, "个"), Figure(f"1-{no + 1}", done_label, "个")
        for h in hazards:
            if h.reported.data.get("source") == source and period.holds(h.reported.happened_at):
                found.add(period, h.reported, "hazard")
                if h.closed is not None and h.closed.happened_at < period.cutoff:
                    done.add(period, h.closed, "hazard")
        rows += [Row(OVERALL, no, found_label, "个", [found]), Row(OVERALL, no + 1, done_label, "个", [done])]
    no, listed_label, listed_done_label = LISTED_ROW
    listed, listed_done = Figure(f"1-{no}", listed_label, "个"), Figure(f"1-{no + 1}", listed_done_label, "个")
    for h in hazards:
        if h.listed is not None and period.holds(h.listed.happened_at):
            listed.add(period, h.listed, "hazard")
            if h.closed is not None and h.closed.happened_at < period.cutoff:
                listed_done.add(period, h.closed, "hazard")
    rows += [Row(OVERALL, no, listed_label, "个", [listed]), Row(OVERALL, no + 1, listed_done_label, "个", [listed_done])]

    in_period = [f for f in facts if period.holds(f.happened_at) and in_scope(unit_of(f))
                 and f.campaign_id in (None, period.campaign_id)]
    checks = [f for f in in_period if f.kind == "inspection_completed" and f.campaign_id == period.campaign_id]
    checked = Figure("2-1", "部门抽查检查的企业总数", "家")
    for f in checks:
        checked.add(period, f, "inspection")
    rows.append(Row(SPOT_CHECKS, 1, checked.label, "家", [checked]))
    for no, (item, label) in enumerate(ITEMS.items(), start=2):
        figure = Figure(f"2-{no}", label, "家")
        for f in checks:
            if item in f.data.get("violated", ()):
                figure.add(period, f, "inspection")
        rows.append(Row(SPOT_CHECKS, no, label, "家", [figure]))
    for row in rows[-len(ITEMS) - 1:]:
        row.figures[0].value = _distinct_enterprises(row.figures[0])
    for row in rows:
        if row.section == OVERALL:
            row.figures[0].value = len(row.figures[0].records)

    rows += _enforcement_rows(in_period, period)
    return rows


def _enforcement_rows(in_period: list[Fact], period: Period) -> list[Row]:
    def figure(key: str, label: str, measure: str, kinds: Iterable[str], ref: str = "case",
               keep: Callable[[Fact], bool] = lambda f: True) -> Figure:
        made = Figure(key, label, measure)
        for f in in_period:
            if f.kind in kinds and keep(f):
                made.add(period, f, ref)
        return made

    def activity(kind: str) -> Callable[[Fact], bool]:
        return lambda f: f.data.get("activity_kind") == kind

    guidance_area = figure("3-1", "帮扶指导重点市、县", "个次", ["oversight"], "activity", activity("guidance_area"))
    guidance_firm = figure("3-2", "帮扶指导重点企业", "家次", ["oversight"], "activity", activity("guidance_enterprise"))
    penalties = figure("3-3", "行政处罚", "次", ["case_penalty"])
    amount = figure("3-3-amount", "行政处罚金额", "万元", ["case_penalty"])
    dual = figure("3-4", "企业和企业主要负责人“一案双罚”", "次", ["case_penalty"], keep=lambda f: f.data.get("dual"))
    referred = figure("3-5", "移送司法机关", "人", ["case_referred"])
    suspended = figure("3-6", "责令停产整顿", "家", ["case_suspension"])
    # 关闭取缔 is the people's government's decision, not the bureau's proposal (提请关闭) that precedes it.
    closed = figure("3-6-closure", "关闭取缔", "家", ["case_closure_decided"])
    sanctioned = figure("3-7", "曝光、约谈、联合惩戒企业", "家",
                        ["case_exposure", "case_admonition", "case_joint_punishment"])
    typical = figure("3-8", "公布典型执法案例", "个", ["case_typical"])
    crime = figure("3-8-crime", "其中危险作业罪案例", "个", ["case_typical"],
                   keep=lambda f: f.data.get("dangerous_operation_crime"))
    accountable = figure("3-9", "责任倒查追究问责", "人", ["oversight"], "activity", activity("accountability"))
    admonished = figure("3-10", "约谈通报有关市县及部门", "次", ["oversight"], "activity",
                        activity("bureau_admonition"))

    def decisions(f: Figure) -> int:
        # One decision (决定书) is one 次, however many parties it fines.
        return len({(r["id"], r.get("decision_no")) for r in f.records})

    for f in (guidance_area, guidance_firm, typical, crime, admonished):
        f.value = len(f.records)
    penalties.value, dual.value = decisions(penalties), decisions(dual)
    amount.value = wan_yuan_text(sum(r["amount_fen"] for r in amount.records)) if amount.records else "0.00"
    referred.value = sum(r["persons"] for r in referred.records)
    accountable.value = sum(r["persons"] for r in accountable.records)
    for f in (suspended, closed, sanctioned):
        f.value = _distinct_enterprises(f)
    figures = {1: [guidance_area], 2: [guidance_firm], 3: [penalties, amount], 4: [dual], 5: [referred],
               6: [suspended, closed], 7: [sanctioned], 8: [typical, crime], 9: [accountable], 10: [admonished]}
    return [Row(ENFORCEMENT, no, ENFORCEMENT_ROWS[no][0], ENFORCEMENT_ROWS[no][1], figures[no]) for no in figures]


def late_entries(rows: list[Row]) -> list[dict]:
    """Every record entered after the month's first generation, once, with the figures it counts in."""
    seen: dict[str, dict] = {}
    for row in rows:
        for figure in row.figures:
            for ref in figure.late:
                seen.setdefault(ref["fact_id"], {**ref, "figures": []})["figures"].append(figure.key)
    return list(seen.values())


def as_dict(rows: list[Row]) -> list[dict]:
    """The table as JSON: sections with their numbered rows, each row's figures with their values."""
    out = []
    for key, label in SECTIONS.items():
        out.append({"section": key, "label": label, "rows": [
            {"no": r.no, "label": r.label, "measure": r.measure, "form_label": f"{r.label}（{r.measure}）",
             "text": r.text,
             "figures": [{"key": f.key, "label": f.label, "measure": f.measure, "value": f.value,
                          "records": len(f.records), "late": len(f.late)} for f in r.figures]}
            for r in rows if r.section == key]})
    return out


def cells(rows: list[Row]) -> dict[str, int | str]:
    """Every figure's value by its key, for comparing two tables."""
    return {f.key: f.value for r in rows for f in r.figures}


def figure(rows: list[Row], key: str) -> Figure | None:
    return next((f for r in rows for f in r.figures if f.key == key), None)
