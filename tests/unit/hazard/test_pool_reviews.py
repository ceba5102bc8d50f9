"""PoolShortfallRaised → hazard: the figures in the grade basis and description, the source by who raised it."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from ecosafe.risk_map.v1.pool_review_pb2 import PoolShortfallRaised
from ecosafe_kit.errors import InvalidInput
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope, source_for
from hazard.adapters.pool_reviews import (POOL_SHORTFALL_TYPE, pool_review_handler, pool_review_opener,
                                         report_command, source_of)
from hazard.domain.values import Grade, Source
from hazard.service_layer.clock import FixedClock
from hazard.service_layer.hazards import hazard_id_for_finding, hazard_id_for_pool_review

NOW = datetime(2026, 3, 10, 2, tzinfo=timezone.utc)
SIGNER = Signer(subject="u-county", name="王科长", roles=("county_officer",), jurisdiction="140525")


def shortfall(**overrides) -> PoolShortfallRaised:
    values = dict(review_id="r-1", enterprise_id="ent-140525-001", jurisdiction_code="140525",
                  required_volume_m3=1250.0, capacity_m3=800.0, shortfall_m3=450.0,
                  explanation="最大风险单元为1号罐区: V1=500, V2=540, V3=0, V4=60, V5=150", note="",
                  raised_by_role="county_officer")
    values.update(overrides)
    message = PoolShortfallRaised(**values)
    message.computed_at.FromDatetime(datetime(2026, 3, 9, 8, tzinfo=timezone.utc))
    return message


def envelope(message, event_type=POOL_SHORTFALL_TYPE) -> EventEnvelope:
    return EventEnvelope(event_id=uuid.uuid4(), event_type=event_type, source=source_for("risk-map"),
                         stream_type="pool-review", stream_id=message.review_id, version=1, occurred_at=NOW,
                         signer=SIGNER, content_type="application/protobuf", payload=message.SerializeToString())


def test_the_hazard_is_a_general_pollution_control_one_whose_basis_and_description_carry_the_figures():
    command = report_command(shortfall(note="建议列为重点整改"), NOW)
    assert (command.domain, command.grade, command.source) == ("pollution_control", Grade.general, Source.inspection)
    assert command.grade_basis == ("事故应急池容积不足: 所需事故水量 (V1+V2−V3)max+V4+V5 = 1250 m³, 应急池总容积 800 m³, "
                                   "缺口 450 m³; 建议列为重点整改")
    assert command.description.startswith("事故应急池容积不足, 缺口 450 m³")
    assert "最大风险单元为1号罐区" in command.description
    assert command.pool_review_id == "r-1" and command.site == "事故应急池" and command.found_at == NOW


def test_fractional_volumes_keep_one_decimal():
    command = report_command(shortfall(required_volume_m3=37.46, capacity_m3=20.0, shortfall_m3=17.46), NOW)
    assert "所需事故水量 (V1+V2−V3)max+V4+V5 = 37.5 m³" in command.grade_basis and "缺口 17.5 m³" in command.grade_basis


@pytest.mark.parametrize("role, source", [
    ("city_officer", Source.inspection), ("county_officer", Source.inspection), ("inspector", Source.inspection),
    ("group_leader", Source.inspection), ("command_center", Source.inspection),
    ("enterprise_user", Source.self_inspection), ("park_operator", Source.superior_referral),
])
def test_a_regulators_raise_is_an_inspection_the_enterprises_own_a_self_inspection_the_parks_a_referral(role, source):
    assert source_of(role) is source


def test_a_park_operators_raise_is_not_the_enterprises_self_inspection_but_the_parks_referral():
    """It was counted as 企业自查, which the monthly dispatch table credits to the enterprise."""
    command = report_command(shortfall(raised_by_role="park_operator", park_id="park-zz-chem"), NOW)
    assert command.source is Source.superior_referral
    assert command.referred_by == "园区 park-zz-chem 管理机构 (园区管理人员在风险地图上提出)"
    assert report_command(shortfall(raised_by_role="park_operator"), NOW).referred_by.startswith("企业所在园区 管理机构")
    for role in ("county_officer", "enterprise_user"):
        assert report_command(shortfall(raised_by_role=role), NOW).referred_by == ""


@pytest.mark.parametrize("role", ["admin", "", "visitor"])
def test_a_raise_by_anyone_else_is_refused_rather_than_counted_as_the_enterprises_own(role):
    with pytest.raises(InvalidInput) as error:
        source_of(role)
    assert error.value.errors[0].field == "raised_by_role"
    with pytest.raises(InvalidInput):
        pool_review_handler(_Service())(None, envelope(shortfall(raised_by_role=role)))


def test_review_and_finding_ids_never_map_to_the_same_hazard():
    assert hazard_id_for_pool_review("r-1") == hazard_id_for_pool_review("r-1")
    assert hazard_id_for_pool_review("r-1") != hazard_id_for_finding("r-1")


class _Service:
    """Stands in for HazardService: records what the handler asks it to open."""

    def __init__(self) -> None:
        self.clock = FixedClock(NOW)
        self.opened = []

    def open_from_pool_review(self, conn, command, signer):
        self.opened.append((command, signer))


# The handler first looks the enterprise up in the register (or parks the shortfall until it arrives, see
# tests/integration/hazard/test_waiting_for_enterprise.py); what it then opens is the opener's work, tested here.
def test_the_hazard_is_opened_signed_by_whoever_raised_it_on_the_map():
    service = _Service()
    pool_review_opener(service)(None, shortfall().SerializeToString(), SIGNER)
    [(command, signer)] = service.opened
    assert signer == SIGNER and command.found_at == datetime(2026, 3, 9, 8, tzinfo=timezone.utc)


def test_a_computation_stamped_ahead_of_the_clock_is_found_now_not_refused():
    service = _Service()
    message = shortfall()
    message.computed_at.FromDatetime(NOW + timedelta(seconds=3))
    pool_review_opener(service)(None, message.SerializeToString(), SIGNER)
    assert service.opened[0][0].found_at == NOW


def test_other_event_types_of_the_topic_are_ignored_and_a_review_without_id_is_refused():
    service = _Service()
    pool_review_handler(service)(None, envelope(shortfall(), event_type="ecosafe.risk_map.v1.PoolReviewed"))
    assert service.opened == []
    with pytest.raises(InvalidInput) as error:
        pool_review_handler(service)(None, envelope(shortfall(review_id="")))
    assert error.value.errors[0].field == "review_id"
