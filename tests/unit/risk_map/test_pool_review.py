"""Raising a pool shortfall: only a real shortfall, only once while it stands, recorded with its figures; who reads what."""

from datetime import datetime, timezone

import pytest

from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.errors import Conflict, Forbidden, InvalidInput
from ecosafe_kit.messaging.topics import event_topic
from risk_map.adapters.codec import CODEC
from risk_map.adapters.repositories import STREAM_TYPES
from risk_map.domain import events as e
from risk_map.domain.pool_adequacy import UnitVolumes, pool_adequacy
from risk_map.domain.pool_review import OpenReview, PoolReview
from risk_map.service_layer.access import acting_role, read_scope

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc)
SHORT = pool_adequacy([UnitVolumes("u1", "甲醇罐区", 500, 300, 100)], [500, 300], 20, 30, 1)  # 1020 against 800
ENOUGH = pool_adequacy([UnitVolumes("u1", "甲醇罐区", 500, 300, 100)], [1200])


def _raise(adequacy=SHORT, open_review=None, note="  雨季前须扩容  "):
    return PoolReview.raise_shortfall("rev-1", enterprise_id="ent-1", jurisdiction_code="140525", park_id="park-1",
                                      adequacy=adequacy, note=note, raised_by_role="county_officer", computed_at=NOW,
                                      open_review=open_review)


def test_a_shortfall_is_recorded_with_its_figures_and_explanation():
    review = _raise()
    (event,) = review.pending_events
    assert isinstance(event, e.PoolShortfallRaised)
    assert (event.required_volume_m3, event.capacity_m3, event.shortfall_m3) == (1020, 800, 220)
    assert event.note == "雨季前须扩容" and event.park_id == "park-1" and event.raised_by_role == "county_officer"
    assert "甲醇罐区" in event.explanation and "缺口 220 m³" in event.explanation


def test_no_shortfall_is_a_conflict_that_states_the_figures():
    with pytest.raises(Conflict) as caught:
        _raise(ENOUGH)
    assert "无需转为隐患" in caught.value.detail and "1200 m³" in caught.value.detail
    assert caught.value.extra["required_volume_m3"] == 700 and caught.value.extra["shortfall_m3"] == 0


def test_a_standing_review_refuses_a_second_raise_and_names_it():
    standing = OpenReview("rev-0", datetime(2026, 11, 22, 16, 5, tzinfo=timezone.utc), "王科长", "140525-2026-11-0007")
    with pytest.raises(Conflict) as caught:
        _raise(open_review=standing)
    # 16:05 UTC is 00:05 the next day in Beijing time, which is what the officer reads.
    assert "2026-11-23 00:05" in caught.value.detail and "140525-2026-11-0007" in caught.value.detail
    assert caught.value.extra["review_id"] == "rev-0"


def test_a_note_too_long_is_refused_naming_the_field():
    with pytest.raises(InvalidInput) as caught:
        _raise(note="长" * 1001)
    assert caught.value.errors[0].field == "note"


def test_the_event_survives_protobuf_and_travels_on_the_pool_review_topic():
    (event,) = _raise().pending_events
    event_type, payload = CODEC.encode(event)
    assert event_type == "ecosafe.risk_map.v1.PoolShortfallRaised" and CODEC.decode(event_type, payload) == event
    no_park = e.PoolShortfallRaised("r", "e", "140525", None, 2.0, 1.0, 1.0, "", "", "enterprise_user", NOW)
    assert CODEC.decode(*CODEC.encode(no_park)) == no_park
    assert "pool-review" in STREAM_TYPES and event_topic("risk-map", "pool-review") == "ecosafe.risk-map.pool-review"


def P(*roles, jurisdiction=None, enterprise_id=None, park_id=None):
    return Principal("u", "用户", frozenset(roles), jurisdiction, enterprise_id, park_id)


def test_the_acting_role_is_the_most_relevant_one_that_reaches_the_site():
    site = {"jurisdiction_code": "140525", "enterprise_id": "ent-1", "park_id": "park-1"}
    assert acting_role(P(Role.city_officer, jurisdiction="140500"), **site) == Role.city_officer
    assert acting_role(P(Role.county_officer, Role.inspector, jurisdiction="140525"), **site) == Role.inspector
    # A regulator role outside its area does not count; the park operator role does.
    assert acting_role(P(Role.county_officer, Role.park_operator, jurisdiction="140581", park_id="park-1"),
                       **site) == Role.park_operator
    assert acting_role(P(Role.enterprise_user, enterprise_id="ent-1"), **site) == Role.enterprise_user
    assert acting_role(P(Role.admin, Role.county_officer, jurisdiction="140525"), **site) == Role.county_officer
    for outsider in (P(Role.county_officer, jurisdiction="140581"), P(Role.enterprise_user, enterprise_id="ent-2"),
                     P(Role.park_operator, park_id="park-2")):
        with pytest.raises(Forbidden):
            acting_role(outsider, **site)


@pytest.mark.parametrize("user", ["140000", "140500", "140525", "140581", "140525100", "140525100000", "441900",
                                  "441900003"])
@pytest.mark.parametrize("target", ["140000", "140500", "140525", "140525100", "140525100201", "140581", "441900003",
                                    "441900", "140100"])
def test_the_read_scope_covers_exactly_what_principal_covers(user, target):
    principal = P(Role.county_officer, jurisdiction=user)
    assert read_scope(principal).allows(jurisdiction_code=target) == principal.covers(target)


def test_read_scopes_by_role():
    assert read_scope(P(Role.admin)).everything
    assert read_scope(P(Role.enterprise_user, jurisdiction="140525", enterprise_id="ent-1")).area_prefix is None
    both = read_scope(P(Role.park_operator, Role.command_center, jurisdiction="140500", park_id="park-1"))
    assert both.area_prefix == "1405" and both.park_id == "park-1"
    assert read_scope(P(Role.county_officer)).nothing  # an officer without a jurisdiction reaches nothing
