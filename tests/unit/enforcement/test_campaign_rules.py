"""Campaign plans, phases in order, and the draw algorithm, without a database."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from ecosafe_kit.errors import Conflict, InvalidInput
from enforcement.adapters.campaign_codec import CAMPAIGN_CODEC, DRAW_CODEC, INSPECTOR_CODEC
from enforcement.domain import draw as d
from enforcement.domain.campaign import Campaign, CampaignPlan, Level, PhaseCode, PhaseSpan, Target, TargetKind
from enforcement.domain.inspector import Inspector
from enforcement.domain.values import RiskLevel


def plan(**changes) -> CampaignPlan:
    values = dict(name="危废专项", issuing_bureau="晋城市生态环境局", jurisdiction_code="140500", start=date(2026, 5, 1),
                  end=date(2026, 12, 31), sectors=("hazardous_waste",), risk_levels=(RiskLevel.major,),
                  phases=(PhaseSpan(PhaseCode.mobilization, date(2026, 5, 1), date(2026, 5, 15)),
                          PhaseSpan(PhaseCode.enforcement, date(2026, 5, 16), date(2026, 10, 31))),
                  targets=(Target(TargetKind.coverage, Level.county, 100, date(2026, 5, 16), date(2026, 9, 30)),))
    values.update(changes)
    return CampaignPlan(**values)


def test_phases_start_in_the_planned_order_once_each():
    campaign = Campaign.launch("c-1", plan())
    with pytest.raises(Conflict):
        campaign.start_phase(PhaseCode.enforcement)
    with pytest.raises(InvalidInput):
        campaign.start_phase(PhaseCode.review)
    campaign.start_phase(PhaseCode.mobilization)
    campaign.start_phase(PhaseCode.enforcement)
    assert campaign.current_phase is PhaseCode.enforcement
    with pytest.raises(Conflict):
        campaign.start_phase(PhaseCode.enforcement)


def test_a_plan_with_overlapping_phases_an_empty_scope_and_a_window_outside_is_refused():
    with pytest.raises(InvalidInput) as refused:
        Campaign.launch("c-1", plan(sectors=(), risk_levels=(), phases=(
            PhaseSpan(PhaseCode.mobilization, date(2026, 5, 1), date(2026, 5, 20)),
            PhaseSpan(PhaseCode.self_inspection, date(2026, 5, 10), date(2026, 6, 1))),
            targets=(Target(TargetKind.sampling, Level.city, 20, date(2026, 4, 1), date(2026, 5, 1)),)))
    assert [p.field for p in refused.value.errors] == ["scope", "phases[1].start", "targets[0]"]


def test_a_county_campaign_may_not_set_a_city_target():
    city_target = Target(TargetKind.sampling, Level.city, 20, date(2026, 6, 1), date(2026, 9, 30))
    with pytest.raises(InvalidInput) as refused:
        Campaign.launch("c-1", plan(jurisdiction_code="140525", targets=(city_target,)))
    assert [p.field for p in refused.value.errors] == ["targets[0].level"]
    assert Campaign.launch("c-2", plan(targets=(city_target,))).plan.targets == (city_target,)


def test_the_draw_ranks_by_sha256_of_seed_and_id_and_skips_conflicted_inspectors():
    seed = "2026-05-16 公开种子"
    firms = [f"e-{n}" for n in range(10)]
    people = ["i-a", "i-b", "i-c"]
    result = d.draw(seed, reversed(firms), people, [("i-a", "e-3")], 3, 2)
    key = lambda *p: hashlib.sha256(":".join(p).encode()).hexdigest()  # noqa: E731
    assert [s.enterprise_id for s in result] == sorted(firms, key=lambda e: key(seed, e))[:3]
    for s in result:
        allowed = [i for i in people if (i, s.enterprise_id) != ("i-a", "e-3")]
        assert list(s.inspector_ids) == sorted(allowed, key=lambda i: key(seed, s.enterprise_id, i))[:2]
    assert d.count_for(20, 7) == 2 and d.count_for(20, 10) == 2 and d.count_for(100, 3) == 3


def test_a_draw_without_enough_unconflicted_inspectors_is_refused():
    with pytest.raises(InvalidInput) as refused:
        d.RandomDraw.make("d-1", "c-1", "140500", "seed", None, 1, 2, ["e-1"], ["i-a", "i-b"], [("i-a", "e-1")])
    assert refused.value.errors[0].field == "inspectors_per_enterprise"


def test_campaign_roster_and_draw_events_survive_their_codecs():
    launched = Campaign.launch("c-1", plan()).pending_events[0]
    assert CAMPAIGN_CODEC.decode(*CAMPAIGN_CODEC.encode(launched)) == launched
    inspector = Inspector.enroll("i-a", "赵执法", "140525")
    inspector.declare_conflict("e-1", "亲属")
    for event in inspector.pending_events:
        assert INSPECTOR_CODEC.decode(*INSPECTOR_CODEC.encode(event)) == event
    drawn = d.RandomDraw.make("d-1", "c-1", "140500", "seed", 50, None, 1, ["e-1", "e-2"], ["i-a"], []).pending_events[0]
    assert DRAW_CODEC.decode(*DRAW_CODEC.encode(drawn)) == drawn and drawn.recomputed() == list(drawn.selections)
