"""双随机、一公开: draw enterprises from a campaign's scope and inspectors from the roster; publish; verify."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy.engine import Connection, Engine

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import FieldProblem, InvalidInput, NotFound
from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.repository import Repository
from enforcement.adapters import campaign_queries as q
from enforcement.adapters.campaign_codec import DRAW_CODEC
from enforcement.adapters.campaign_projections import DRAW_STREAM, PROJECTIONS
from enforcement.domain import draw as d
from enforcement.service_layer.campaign_permissions import ensure_may_organise, valid_area
from enforcement.service_layer.campaigns import Campaigns
from enforcement.service_layer.recording import record


@dataclass(frozen=True)
class DrawRequest:
    jurisdiction_code: str | None = None  # whose enterprises; default the campaign's area
    inspector_jurisdiction_code: str | None = None  # whose inspectors; default the same (交叉检查: another area)
    percent: int | None = None
    count: int | None = None
    inspectors_per_enterprise: int = 2
    seed: str | None = None


class Draws:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.store = EventStore(engine)
        self.repository: Repository[d.RandomDraw] = Repository(self.store, DRAW_CODEC, d.RandomDraw, DRAW_STREAM,
                                                               not_found="抽取结果不存在")

    def make(self, principal: Principal, campaign_id: str, request: DrawRequest) -> dict:
        with self.engine.begin() as conn:
            campaign = Campaigns.visible(conn, principal, campaign_id)
            area = valid_area(request.jurisdiction_code or campaign["jurisdiction_code"], "jurisdiction_code")
            if not jurisdiction.covers(campaign["jurisdiction_code"], area):
                raise InvalidInput("抽取范围须在专项行动的辖区之内",
                                   [FieldProblem("jurisdiction_code", f"不在专项行动辖区 {campaign['jurisdiction_code']} 之内")])
            people_area = valid_area(request.inspector_jurisdiction_code or area, "inspector_jurisdiction_code")
            ensure_may_organise(principal, area, "组织随机抽取")
            ensure_may_organise(principal, people_area, "抽取该辖区的检查人员")
            candidates = [e["enterprise_id"] for e in q.in_scope(conn, jurisdiction.area_prefix(area),
                                                                  campaign["sectors"], campaign["risk_levels"])]
            people = [p["inspector_id"] for p in q.inspectors_in(conn, jurisdiction.area_prefix(people_area))]
            exclusions = [(c["inspector_id"], c["enterprise_id"]) for c in q.conflicts_of(conn, people)]
            result = d.RandomDraw.make(
                str(uuid.uuid4()), campaign_id, area, request.seed or secrets.token_hex(16), request.percent,
                request.count, request.inspectors_per_enterprise, candidates, people, exclusions)
            record(conn, self.repository, result, signer_of(principal), PROJECTIONS)
            return self._public(conn, result.published)

    def of_campaign(self, principal: Principal, campaign_id: str) -> list[dict]:
        with self.engine.connect() as conn:
            Campaigns.visible(conn, principal, campaign_id)
            return q.draws_of(conn, campaign_id)

    def public(self, draw_id: str) -> dict:
        """一公开: the draw's inputs and result, for anyone."""
        with self.engine.connect() as conn:
            return self._public(conn, self._published(conn, draw_id))

    def verification(self, draw_id: str) -> dict:
        """Repeat the draw from its published inputs and compare with the published result."""
        with self.engine.connect() as conn:
            published = self._published(conn, draw_id)
            verdict = self.store.verify_stream(conn, draw_id)
        recomputed = published.recomputed()
        return {"draw_id": draw_id, "algorithm": published.algorithm, "matches": recomputed == list(published.selections),
                "chain_intact": verdict.ok,
                "recomputed": [{"enterprise_id": s.enterprise_id, "inspector_ids": list(s.inspector_ids)}
                               for s in recomputed]}

    def _published(self, conn: Connection, draw_id: str) -> d.RandomDrawPublished:
        if q.draw(conn, draw_id) is None:
            raise NotFound(f"抽取结果不存在: {draw_id}", extra={"id": draw_id})
        return self.repository.get(conn, draw_id).published

    @staticmethod
    def _public(conn: Connection, event: d.RandomDrawPublished) -> dict:
        drawn_people = {i for s in event.selections for i in s.inspector_ids}
        firms, people = q.names(conn, [s.enterprise_id for s in event.selections], sorted(drawn_people))
        row = q.draw(conn, event.draw_id)
        return {
            "draw_id": event.draw_id, "campaign_id": event.campaign_id, "jurisdiction_code": event.jurisdiction_code,
            "algorithm": event.algorithm, "seed": event.seed, "percent": event.percent or None, "count": event.count,
            "inspectors_per_enterprise": event.inspectors_per_enterprise,
            "candidate_enterprise_ids": list(event.candidate_enterprise_ids),
            "candidate_inspector_ids": list(event.candidate_inspector_ids),
            "exclusions": [{"inspector_id": i, "enterprise_id": e} for i, e in event.exclusions],
            "selections": [{"rank": n, "enterprise_id": s.enterprise_id, "enterprise_name": firms.get(s.enterprise_id),
                            "inspectors": [{"inspector_id": i, "name": people.get(i)} for i in s.inspector_ids]}
                           for n, s in enumerate(event.selections, start=1)],
            "published_at": row["published_at"] if row else None,
            "published_by": (row["published_by"] or {}).get("name") if row else None,
        }
