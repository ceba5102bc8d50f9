"""Projections of campaigns, the roster and draws into their read models, in the writer's transaction.

Rebuild: `ecosafe-rebuild --projections enforcement.adapters.campaign_projections:PROJECTIONS`.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from ecosafe_kit.messaging.envelope import EventEnvelope
from ecosafe_kit.projections import Projection
from enforcement.adapters.campaign_codec import CAMPAIGN_CODEC, DRAW_CODEC, INSPECTOR_CODEC
from enforcement.adapters.tables import campaigns, conflicts, draw_selections, draws, inspectors
from enforcement.domain import campaign as c, draw as d, inspector as i

CAMPAIGN_STREAM = "campaign"
INSPECTOR_STREAM = "inspector"
DRAW_STREAM = "draw"


def _launched(conn: Connection, envelope: EventEnvelope) -> None:
    event: c.CampaignLaunched = CAMPAIGN_CODEC.decode(envelope.event_type, envelope.payload)
    plan = event.plan
    conn.execute(insert(campaigns).values(
        campaign_id=event.campaign_id, name=plan.name, issuing_bureau=plan.issuing_bureau,
        jurisdiction_code=plan.jurisdiction_code, starts_on=plan.start, ends_on=plan.end, sectors=list(plan.sectors),
        risk_levels=[r.value for r in plan.risk_levels],
        phases=[{"phase": p.phase.value, "start": p.start.isoformat(), "end": p.end.isoformat()} for p in plan.phases],
        targets=[{"kind": t.kind.value, "level": t.level.value, "percent": t.percent, "start": t.start.isoformat(),
                  "end": t.end.isoformat()} for t in plan.targets],
        current_phase=None, version=envelope.version, launched_at=envelope.occurred_at,
        updated_at=envelope.occurred_at).on_conflict_do_nothing(index_elements=["campaign_id"]))


def _phase_started(conn: Connection, envelope: EventEnvelope) -> None:
    event: c.CampaignPhaseStarted = CAMPAIGN_CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(update(campaigns).where(campaigns.c.campaign_id == event.campaign_id).values(
        current_phase=event.phase.value, version=envelope.version, updated_at=envelope.occurred_at))


def _enrolled(conn: Connection, envelope: EventEnvelope) -> None:
    event: i.InspectorEnrolled = INSPECTOR_CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(insert(inspectors).values(
        inspector_id=event.inspector_id, name=event.name, jurisdiction_code=event.jurisdiction_code,
        enrolled_at=envelope.occurred_at).on_conflict_do_nothing(index_elements=["inspector_id"]))


def _conflict(conn: Connection, envelope: EventEnvelope) -> None:
    event: i.ConflictDeclared = INSPECTOR_CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(insert(conflicts).values(
        inspector_id=event.inspector_id, enterprise_id=event.enterprise_id, reason=event.reason,
        declared_at=envelope.occurred_at).on_conflict_do_nothing(index_elements=["inspector_id", "enterprise_id"]))


def _drawn(conn: Connection, envelope: EventEnvelope) -> None:
    event: d.RandomDrawPublished = DRAW_CODEC.decode(envelope.event_type, envelope.payload)
    inserted = conn.execute(insert(draws).values(
        draw_id=event.draw_id, campaign_id=event.campaign_id, jurisdiction_code=event.jurisdiction_code,
        published_at=envelope.occurred_at, published_by=envelope.signer.as_dict(),
    ).on_conflict_do_nothing(index_elements=["draw_id"]))
    if inserted.rowcount:
        conn.execute(insert(draw_selections), [
            {"draw_id": event.draw_id, "enterprise_id": s.enterprise_id, "inspector_ids": list(s.inspector_ids),
             "rank": n} for n, s in enumerate(event.selections, start=1)])


CAMPAIGNS = Projection(
    name="campaigns",
    handlers={"ecosafe.enforcement.v1.CampaignLaunched": _launched,
              "ecosafe.enforcement.v1.CampaignPhaseStarted": _phase_started},
    tables=["enf_campaigns"], stream_types=[CAMPAIGN_STREAM])
ROSTER = Projection(
    name="inspector-roster",
    handlers={"ecosafe.enforcement.v1.InspectorEnrolled": _enrolled,
              "ecosafe.enforcement.v1.ConflictDeclared": _conflict},
    tables=["enf_conflicts", "enf_inspectors"], stream_types=[INSPECTOR_STREAM])
DRAWS = Projection(
    name="random-draws",
    handlers={"ecosafe.enforcement.v1.RandomDrawPublished": _drawn},
    tables=["enf_draw_selections", "enf_draws"], stream_types=[DRAW_STREAM])
PROJECTIONS = [CAMPAIGNS, ROSTER, DRAWS]
