"""Campaign use cases: launch, start a phase, read one or a list, and the enterprises in its scope."""

from __future__ import annotations

import uuid

from sqlalchemy.engine import Engine

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import NotFound
from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.repository import Repository
from ecosafe_kit.web.etag import check_if_match
from enforcement.adapters import campaign_queries as q, register_queries
from enforcement.adapters.campaign_codec import CAMPAIGN_CODEC
from enforcement.adapters.campaign_projections import CAMPAIGN_STREAM, PROJECTIONS
from enforcement.domain import sectors
from enforcement.domain.campaign import Campaign, CampaignPlan, PhaseCode
from enforcement.domain.values import RiskLevel
from enforcement.service_layer import permissions
from enforcement.service_layer.campaign_permissions import (
    containing_codes, ensure_may_organise, sees_area, valid_area,
)
from enforcement.service_layer.recording import record


def present(row: dict) -> dict:
    shown = dict(row)
    shown["phases"] = [{**p, "label": PhaseCode(p["phase"]).label} for p in row["phases"]]
    shown["sector_labels"] = [sectors.label(s) for s in row["sectors"]]
    shown["risk_level_labels"] = [RiskLevel(r).label for r in row["risk_levels"]]
    shown["current_phase_label"] = PhaseCode(row["current_phase"]).label if row["current_phase"] else None
    return shown


class Campaigns:
    """专项行动 use cases; the composition root builds one per app."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.repository: Repository[Campaign] = Repository(EventStore(engine), CAMPAIGN_CODEC, Campaign,
                                                           CAMPAIGN_STREAM, not_found="专项行动不存在")

    def launch(self, principal: Principal, plan: CampaignPlan) -> tuple[str, int]:
        valid_area(plan.jurisdiction_code, "jurisdiction_code")
        ensure_may_organise(principal, plan.jurisdiction_code, "启动专项行动")
        campaign = Campaign.launch(str(uuid.uuid4()), plan)
        with self.engine.begin() as conn:
            record(conn, self.repository, campaign, signer_of(principal), PROJECTIONS)
        return campaign.id, campaign.version

    def start_phase(self, principal: Principal, campaign_id: str, phase: PhaseCode,
                    expected_version: int | None) -> int:
        with self.engine.begin() as conn:
            row = self.visible(conn, principal, campaign_id)
            ensure_may_organise(principal, row["jurisdiction_code"], "推进专项行动阶段")
            campaign = self.repository.get(conn, campaign_id)
            check_if_match(expected_version, campaign.version)
            campaign.start_phase(phase)
            record(conn, self.repository, campaign, signer_of(principal), PROJECTIONS)
            return campaign.version

    def get(self, principal: Principal, campaign_id: str) -> dict:
        with self.engine.connect() as conn:
            return present(self.visible(conn, principal, campaign_id))

    def page(self, principal: Principal, offset: int, limit: int) -> tuple[list[dict], int]:
        if principal.is_admin:
            area, containing = None, []
        elif principal.jurisdiction:
            area, containing = jurisdiction.area_prefix(principal.jurisdiction), containing_codes(principal.jurisdiction)
        else:
            return [], 0
        with self.engine.connect() as conn:
            rows, total = q.campaign_list(conn, area, containing, offset, limit)
        return [present(r) for r in rows], total

    def scope(self, principal: Principal, campaign_id: str) -> list[dict]:
        """The registered enterprises the campaign covers, as far as the caller may see them."""
        with self.engine.connect() as conn:
            row = self.visible(conn, principal, campaign_id)
            reach = register_queries.reach(permissions.read_scope(principal))
            return q.in_scope(conn, jurisdiction.area_prefix(row["jurisdiction_code"]), row["sectors"],
                              row["risk_levels"], reach)

    @staticmethod
    def visible(conn, principal: Principal, campaign_id: str) -> dict:
        row = q.campaign(conn, campaign_id)
        if row is None or not sees_area(principal, row["jurisdiction_code"]):
            raise NotFound(f"专项行动不存在: {campaign_id}", extra={"id": campaign_id})
        return row
