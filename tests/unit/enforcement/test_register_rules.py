"""The register's rules without a database: credit-code check character, sectors, boundary, the aggregate."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ecosafe_kit.errors import Conflict, InvalidInput
from enforcement.domain import boundary, credit_code, sectors
from enforcement.domain.enterprise import Enterprise
from enforcement.domain.events import EnterpriseDeregistered, EnterpriseRegistered, EnterpriseUpdated
from enforcement.domain.values import EnterpriseFacts, Point, RiskLevel
from enforcement.adapters.codec import CODEC


def facts(**changes) -> EnterpriseFacts:
    base = EnterpriseFacts(name="晋城丹源化工有限公司", credit_code="91350100M000100Y43", industry="C2614",
                           sector="chemical", risk_level=RiskLevel.major, principal_name="张丽娜",
                           principal_phone="13800000000", jurisdiction_code="140525", address="泽州县巴公化工园区37号",
                           location=Point(112.905, 35.402))
    return replace(base, **changes)


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L"])
def test_published_credit_codes_pass_the_check(code):
    assert credit_code.problem_of(code) is None


@pytest.mark.parametrize(("code", "words"), [
    ("91350100M000100Y44", "校验位"), ("91350100M000100Y4", "18 位"), ("91350100M0001O0Y43", "非法字符"),
    ("9135A100M000100Y43", "第 3-8 位")])
def test_a_broken_credit_code_says_why(code, words):
    assert words in credit_code.problem_of(code)


def test_the_check_character_is_31_minus_the_weighted_sum_mod_31():
    first17 = "91350100M000100Y4"
    values = [credit_code.ALPHABET.index(c) for c in first17]
    total = sum(v * w for v, w in zip(values, credit_code.WEIGHTS))
    assert credit_code.check_character(first17) == credit_code.ALPHABET[(31 - total % 31) % 31] == "3"


@pytest.mark.parametrize(("industry", "sector"), [
    ("C3110", "steel"), ("C3391", "steel"), ("D4411", "power"), ("C2521", "coal_chemical"), ("B0610", "coal_mining"),
    ("C3011", "building_materials"), ("C2614", "chemical"), ("N7724", "hazardous_waste"), ("D4620", "sewage_treatment"),
    ("C3849", "other")])
def test_the_longest_industry_prefix_gives_the_sector(industry, sector):
    assert sectors.sector_of_industry(industry) == sector


def test_a_valid_boundary_is_normalised_and_a_self_crossing_one_refused():
    square = {"type": "Polygon", "coordinates": [[[112.9, 35.4], [112.91, 35.4], [112.91, 35.41], [112.9, 35.4]]]}
    text, reason = boundary.normalise(square)
    assert reason is None and text.startswith('{"type":"Polygon"')
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    assert "有效" in boundary.normalise(bowtie)[1]
    assert "超出范围" in boundary.normalise({"type": "Polygon", "coordinates": [[[0, 95], [1, 1], [1, 0], [0, 95]]]})[1]
    assert "Polygon" in boundary.normalise({"type": "Point", "coordinates": [0, 0]})[1]


def test_an_update_records_only_what_changed_and_a_deregistered_entry_takes_no_more():
    enterprise = Enterprise.register("e-1", facts())
    assert enterprise.update(facts()) == []
    assert enterprise.update(facts(risk_level=RiskLevel.elevated, address="新址")) == ["risk_level", "address"]
    enterprise.deregister("已关闭取缔")
    assert [type(e) for e in enterprise.pending_events] == [
        EnterpriseRegistered, EnterpriseUpdated, EnterpriseDeregistered]
    with pytest.raises(Conflict):
        enterprise.update(facts(name="改名"))


def test_registration_refuses_a_bad_entry_naming_each_field_and_itself_as_parent():
    with pytest.raises(InvalidInput) as refused:
        Enterprise.register("e-1", facts(credit_code="123", location=Point(112.9, 95.0)))
    assert [p.field for p in refused.value.errors] == ["credit_code", "location.lat"]
    with pytest.raises(InvalidInput):
        Enterprise.register("e-1", facts(parent_enterprise_id="e-1"))


def test_every_event_survives_the_codec_with_absent_optionals_kept_absent():
    full = facts(parent_enterprise_id="p-1", park_id="park-1", hazardous_waste_permit_no="晋危废001",
                 boundary_geojson='{"type":"Polygon","coordinates":[]}')
    for event in (EnterpriseRegistered("e-1", facts()), EnterpriseRegistered("e-1", full),
                  EnterpriseUpdated("e-1", full, ("park_id",)), EnterpriseDeregistered("e-1", "迁出")):
        assert CODEC.decode(*CODEC.encode(event)) == event
