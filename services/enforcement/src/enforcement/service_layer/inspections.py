"""Inspection use cases: plan (or take from a draw), complete with checklist and findings, read, and the coverage
of a campaign's targets the completed inspections make."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy.engine import Connection, Engine

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import Forbidden, NotFound
from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.repository import Repository
from ecosafe_kit.web.etag import check_if_match
from enforcement.adapters import campaign_queries as cq, inspection_queries as q, register_queries
from enforcement.adapters.dates import day_end, day_start
from enforcement.adapters.inspection_codec import INSPECTION_CODEC
from enforcement.adapters.inspection_projections import INSPECTION_STREAM, PROJECTIONS
from enforcement.adapters.tables import draw_selections, enterprises
from enforcement.domain import inspection as i
from enforcement.domain.problems import invalid
from enforcement.service_layer import permissions, responsibility
from enforcement.service_layer.campaigns import Campaigns
from enforcement.service_layer.recording import record
from enforcement.service_layer.register import refuse_if_closed

INSPECTING_ROLES = (Role.inspector, Role.county_officer, Role.city_officer)
OFFICERS = (Role.county_officer, Role.city_officer)
_AREA_DIGITS = {"county": 6, "city": 4}


@dataclass(frozen=True)
class PlanCommand:
    enterprise_id: str
    mode: i.Mode
    planned_for: date
    inspector_ids: tuple[str, ...] = ()
    joint_departments: tuple[str, ...] = ()
    campaign_id: str | None = None
    draw_id: str | None = None


@dataclass(frozen=True)
class FindingInput:
    domain: str
    description: str
    suggested_grade: i.Grade
    grade_basis: str
    found_at: datetime | None = None


@dataclass(frozen=True)
class CompleteCommand:
    checklist: tuple[i.ChecklistResult, ...]
    findings: tuple[FindingInput, ...] = ()
    summary: str = ""
    completed_at: datetime | None = None


class Inspections:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.store = EventStore(engine)
        self.repository: Repository[i.Inspection] = Repository(self.store, INSPECTION_CODEC, i.Inspection,
                                                               INSPECTION_STREAM, not_found="检查不存在")

    def plan(self, principal: Principal, command: PlanCommand) -> tuple[str, int]:
        """检查计划: by an inspector or officer of the enterprise's area, or by an inspector a draw chose for it
        (交叉检查, seed 004); a drawn inspection takes the drawn inspectors."""
        if not principal.is_admin and not principal.has_role(*INSPECTING_ROLES):
            raise Forbidden("安排检查需要以下角色之一: 执法检查人员、县局、市局")
        with self.engine.begin() as conn:
            enterprise = register_queries.one(conn, command.enterprise_id)
            if enterprise is None or enterprise["status"] != "registered":
                raise invalid("enterprise_id", f"企业名录中没有在册企业 {command.enterprise_id}")
            refuse_if_closed(conn, command.enterprise_id, "再安排检查")
            drawn = self._drawn_inspectors(conn, command)
            inspectors = command.inspector_ids or drawn or ()
            if drawn is not None and set(inspectors) != set(drawn):
                raise invalid("inspector_ids", "随机抽取的检查须由抽中的检查人员实施: " + "、".join(drawn))
            if command.campaign_id is not None:
                self._check_in_scope(conn, command.campaign_id, command.enterprise_id)
            enrolled = [cq.inspector(conn, inspector_id) for inspector_id in inspectors]
            for n, inspector_id in enumerate(inspectors):
                if enrolled[n] is None:
                    raise invalid(f"inspector_ids[{n}]", f"检查人员 {inspector_id} 不在名录库中")
            covers = principal.is_admin or (principal.jurisdiction is not None
                                            and principal.covers(enterprise["jurisdiction_code"]))
            if not covers and not (drawn is not None and principal.subject in drawn):
                raise Forbidden(f"超出您的管辖范围: 无权检查辖区 {enterprise['jurisdiction_code']} 的企业 "
                                "(跨区检查须经随机抽取)", extra={"jurisdiction": enterprise["jurisdiction_code"]})
            if drawn is None:
                _check_inspectors_cover(enrolled, enterprise["jurisdiction_code"])
            inspection = i.Inspection.plan(i.InspectionPlanned(
                str(uuid.uuid4()), command.enterprise_id, enterprise["jurisdiction_code"], command.campaign_id,
                command.draw_id, command.mode, tuple(inspectors), command.joint_departments, command.planned_for))
            record(conn, self.repository, inspection, signer_of(principal), PROJECTIONS)
            return inspection.id, inspection.version

    def complete(self, principal: Principal, inspection_id: str, command: CompleteCommand,
                 expected_version: int | None) -> dict:
        """检查完成, signed by one of its inspectors or an officer of the area; each finding is published
        (FindingRecorded) and the hazard service opens it as a hazard."""
        now = datetime.now(timezone.utc)
        with self.engine.begin() as conn:
            row = self._visible(conn, principal, inspection_id)
            if not (principal.is_admin or principal.subject in row["inspector_ids"] or (
                    principal.has_role(*OFFICERS) and principal.covers(row["jurisdiction_code"]))):
                raise Forbidden("只有本次检查的检查人员或属地县局、市局可以填报检查结果")
            inspection = self.repository.get(conn, inspection_id)
            check_if_match(expected_version, inspection.version)
            completed_at = command.completed_at or now
            if completed_at.tzinfo is None:
                raise invalid("completed_at", "检查时间必须带时区")
            findings = tuple(i.Finding(str(uuid.uuid4()), f.domain, f.description, f.suggested_grade, f.grade_basis,
                                       f.found_at or completed_at) for f in command.findings)
            inspection.complete(completed_at, principal.jurisdiction or row["jurisdiction_code"], command.checklist,
                                findings, command.summary, now)
            record(conn, self.repository, inspection, signer_of(principal), PROJECTIONS)
            return {"inspection_id": inspection_id, "version": inspection.version,
                    "finding_ids": [f.finding_id for f in findings]}

    def get(self, principal: Principal, inspection_id: str) -> dict:
        """The inspection, with the enterprise's responsibility lists that its spot-check item reads."""
        with self.engine.connect() as conn:
            row = self._visible(conn, principal, inspection_id)
            return {**row, "responsibility_lists": responsibility.summary(conn, row["enterprise_id"])}

    def listing(self, principal: Principal, campaign_id: str | None, enterprise_id: str | None, offset: int,
                limit: int) -> tuple[list[dict], int]:
        reach = register_queries.reach(permissions.read_scope(principal))
        with self.engine.connect() as conn:
            return q.listing(conn, reach, campaign_id, enterprise_id, offset, limit)

    def progress(self, principal: Principal, campaign_id: str, as_of: date | None = None) -> dict:
        """Coverage against each target, per bureau area, as of now or as of the end of the day `as_of` (inspections
        completed by then, by when they were completed)."""
        with self.engine.connect() as conn:
            campaign = Campaigns.visible(conn, principal, campaign_id)
            area = jurisdiction.area_prefix(campaign["jurisdiction_code"])
            targets = []
            for target in campaign["targets"]:
                end = day_end(date.fromisoformat(target["end"]))
                rows = q.coverage(conn, campaign_id, area, campaign["sectors"], campaign["risk_levels"],
                                  target["level"], _AREA_DIGITS[target["level"]],
                                  day_start(date.fromisoformat(target["start"])),
                                  min(end, day_end(as_of)) if as_of else end)
                bureaus = [{"jurisdiction_code": r["area"].ljust(6, "0"), "in_scope": r["in_scope"],
                            "inspected": r["inspected"],
                            "percent": round(100 * r["inspected"] / r["in_scope"], 2) if r["in_scope"] else 0.0,
                            "met": r["in_scope"] > 0 and 100 * r["inspected"] >= target["percent"] * r["in_scope"]}
                           for r in rows]
                targets.append({**target, "bureaus": bureaus, "met": bool(bureaus) and all(b["met"] for b in bureaus)})
        return {"campaign_id": campaign_id, "as_of": as_of.isoformat() if as_of else None, "targets": targets}

    def _visible(self, conn: Connection, principal: Principal, inspection_id: str) -> dict:
        row = q.one(conn, inspection_id)
        if row is not None and (principal.subject in row["inspector_ids"] or permissions.read_scope(principal).covers(
                row["jurisdiction_code"], row["enterprise_id"], None)):
            return row
        raise NotFound(f"检查不存在: {inspection_id}", extra={"id": inspection_id})

    @staticmethod
    def _drawn_inspectors(conn: Connection, command: PlanCommand) -> tuple[str, ...] | None:
        if command.draw_id is None:
            return None
        draw = cq.draw(conn, command.draw_id)
        if draw is None or draw["campaign_id"] != command.campaign_id:
            raise invalid("draw_id", "没有该专项行动的这次随机抽取 (draw_id 须与 campaign_id 对应)")
        selected = conn.execute(draw_selections.select().where(
            draw_selections.c.draw_id == command.draw_id,
            draw_selections.c.enterprise_id == command.enterprise_id)).first()
        if selected is None:
            raise invalid("enterprise_id", "该企业不在这次随机抽取的结果中")
        return tuple(selected.inspector_ids)

    @staticmethod
    def _check_in_scope(conn: Connection, campaign_id: str, enterprise_id: str) -> None:
        campaign = cq.campaign(conn, campaign_id)
        if campaign is None:
            raise invalid("campaign_id", f"专项行动不存在: {campaign_id}")
        scope = cq.in_scope(conn, jurisdiction.area_prefix(campaign["jurisdiction_code"]), campaign["sectors"],
                            campaign["risk_levels"], enterprises.c.enterprise_id == enterprise_id)
        if not scope:
            raise invalid("enterprise_id", "该企业不在专项行动的范围内")


def _check_inspectors_cover(enrolled: list[dict], enterprise_code: str) -> None:
    """Seed 004's 交叉检查 is by draw: without one, every inspector's roster area must cover the enterprise's (a city
    bureau's inspectors cover its counties; another county's only through a draw that named them)."""
    for n, inspector in enumerate(enrolled):
        if not jurisdiction.covers(inspector["jurisdiction_code"], enterprise_code):
            raise invalid(f"inspector_ids[{n}]", f"检查人员 {inspector['inspector_id']} 属于辖区 "
                          f"{inspector['jurisdiction_code']}, 不能检查辖区 {enterprise_code} 的企业 (跨区检查须经随机抽取)")
