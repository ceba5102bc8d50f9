"""Maps the campaign, roster and draw domain events to their protobuf messages (ecosafe.enforcement.v1) and back."""

from __future__ import annotations

from typing import Any

from ecosafe.enforcement.v1 import campaign_pb2, draw_pb2, enterprise_pb2
from ecosafe_kit.codec import ProtobufCodec
from enforcement.adapters.dates import day_end, day_of, day_start
from enforcement.domain import campaign as c, draw as d, inspector as i
from enforcement.domain.values import RiskLevel

_RISK = {RiskLevel.general: enterprise_pb2.RISK_LEVEL_GENERAL, RiskLevel.elevated: enterprise_pb2.RISK_LEVEL_ELEVATED,
         RiskLevel.major: enterprise_pb2.RISK_LEVEL_MAJOR}
_RISK_BACK = {v: k for k, v in _RISK.items()}


def _range(message, start, end) -> None:
    message.starts_at.FromDatetime(day_start(start))
    message.ends_at.FromDatetime(day_end(end))


def _encode_campaign(event: Any):
    if isinstance(event, c.CampaignLaunched):
        plan = event.plan
        message = campaign_pb2.CampaignLaunched(
            campaign_id=event.campaign_id, name=plan.name, issuing_bureau=plan.issuing_bureau,
            jurisdiction_code=plan.jurisdiction_code, sectors=list(plan.sectors),
            risk_levels=[_RISK[r] for r in plan.risk_levels])
        _range(message, plan.start, plan.end)
        for span in plan.phases:
            _range(message.phases.add(phase=span.phase.value), span.start, span.end)
        for target in plan.targets:
            _range(message.targets.add(kind=target.kind.value, level=target.level.value, percent=target.percent),
                   target.start, target.end)
        return message
    if isinstance(event, c.CampaignPhaseStarted):
        return campaign_pb2.CampaignPhaseStarted(campaign_id=event.campaign_id, phase=event.phase.value)
    raise TypeError(f"no protobuf message for {type(event).__name__}")


def _decode_campaign(message: Any):
    if isinstance(message, campaign_pb2.CampaignLaunched):
        return c.CampaignLaunched(message.campaign_id, c.CampaignPlan(
            name=message.name, issuing_bureau=message.issuing_bureau, jurisdiction_code=message.jurisdiction_code,
            start=day_of(message.starts_at), end=day_of(message.ends_at), sectors=tuple(message.sectors),
            risk_levels=tuple(_RISK_BACK[r] for r in message.risk_levels),
            phases=tuple(c.PhaseSpan(c.PhaseCode(p.phase), day_of(p.starts_at), day_of(p.ends_at))
                         for p in message.phases),
            targets=tuple(c.Target(c.TargetKind(t.kind), c.Level(t.level), t.percent, day_of(t.starts_at),
                                   day_of(t.ends_at)) for t in message.targets)))
    if isinstance(message, campaign_pb2.CampaignPhaseStarted):
        return c.CampaignPhaseStarted(message.campaign_id, c.PhaseCode(message.phase))
    raise TypeError(f"no domain event for {type(message).__name__}")


def _encode_inspector(event: Any):
    if isinstance(event, i.InspectorEnrolled):
        return draw_pb2.InspectorEnrolled(inspector_id=event.inspector_id, name=event.name,
                                          jurisdiction_code=event.jurisdiction_code)
    if isinstance(event, i.ConflictDeclared):
        return draw_pb2.ConflictDeclared(inspector_id=event.inspector_id, enterprise_id=event.enterprise_id,
                                         reason=event.reason)
    raise TypeError(f"no protobuf message for {type(event).__name__}")


def _decode_inspector(message: Any):
    if isinstance(message, draw_pb2.InspectorEnrolled):
        return i.InspectorEnrolled(message.inspector_id, message.name, message.jurisdiction_code)
    if isinstance(message, draw_pb2.ConflictDeclared):
        return i.ConflictDeclared(message.inspector_id, message.enterprise_id, message.reason)
    raise TypeError(f"no domain event for {type(message).__name__}")


def _encode_draw(event: d.RandomDrawPublished):
    message = draw_pb2.RandomDrawPublished(
        draw_id=event.draw_id, campaign_id=event.campaign_id, jurisdiction_code=event.jurisdiction_code,
        algorithm=event.algorithm, seed=event.seed, percent=event.percent, count=event.count,
        inspectors_per_enterprise=event.inspectors_per_enterprise,
        candidate_enterprise_ids=list(event.candidate_enterprise_ids),
        candidate_inspector_ids=list(event.candidate_inspector_ids))
    for inspector_id, enterprise_id in event.exclusions:
        message.exclusions.add(inspector_id=inspector_id, enterprise_id=enterprise_id)
    for selection in event.selections:
        message.selections.add(enterprise_id=selection.enterprise_id, inspector_ids=list(selection.inspector_ids))
    return message


def _decode_draw(message) -> d.RandomDrawPublished:
    return d.RandomDrawPublished(
        message.draw_id, message.campaign_id, message.jurisdiction_code, message.algorithm, message.seed,
        message.percent, message.count, message.inspectors_per_enterprise, tuple(message.candidate_enterprise_ids),
        tuple(message.candidate_inspector_ids), tuple((x.inspector_id, x.enterprise_id) for x in message.exclusions),
        tuple(d.Selection(s.enterprise_id, tuple(s.inspector_ids)) for s in message.selections))


CAMPAIGN_CODEC = ProtobufCodec(campaign_pb2, c.ALL_EVENTS, _encode_campaign, _decode_campaign, "a campaign")
INSPECTOR_CODEC = ProtobufCodec(draw_pb2, i.ALL_EVENTS, _encode_inspector, _decode_inspector, "an inspector roster")
DRAW_CODEC = ProtobufCodec(draw_pb2, d.ALL_EVENTS, _encode_draw, _decode_draw, "a random draw")
