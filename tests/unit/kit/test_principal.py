"""Roles, the principal's reach, and ensure_within: who may act on which record."""

import pytest

from ecosafe_kit.auth.dependencies import ensure_within
from ecosafe_kit.auth.jurisdiction import InvalidJurisdictionCode
from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.errors import Forbidden

CITY = Principal("c1", "王市局", {Role.city_officer}, jurisdiction="140500")
COUNTY = Principal("k1", "赵县局", {Role.county_officer}, jurisdiction="140525")
ENTERPRISE = Principal("e1", "企业甲", {Role.enterprise_user}, jurisdiction="140525", enterprise_id="ent-1")
PARK = Principal("p1", "园区乙", {Role.park_operator}, jurisdiction="140525", park_id="park-1")
ADMIN = Principal("a1", "管理员", {Role.admin})


def test_every_role_has_its_chinese_label():
    assert {r.value: r.label for r in Role} == {
        "city_officer": "市局", "county_officer": "县局", "inspector": "执法检查人员",
        "group_leader": "领导小组组长", "enterprise_user": "企业用户", "park_operator": "园区管理",
        "command_center": "应急指挥中心", "admin": "管理员",
    }


def test_roles_given_by_name_are_stored_as_roles():
    assert Principal("u", "n", ["inspector"]).roles == frozenset({Role.inspector})


def test_a_principal_with_a_malformed_jurisdiction_cannot_exist():
    with pytest.raises(InvalidJurisdictionCode):
        Principal("u", "n", {Role.inspector}, jurisdiction="1405")


def test_has_role_is_true_for_any_of_the_roles_named():
    assert COUNTY.has_role(Role.city_officer, Role.county_officer)
    assert not COUNTY.has_role(Role.city_officer)


def test_covers_follows_the_jurisdiction_and_admin_covers_everything():
    assert CITY.covers("140525100")
    assert not COUNTY.covers("140581")
    assert ADMIN.covers("650000")
    assert not Principal("u", "n", {Role.inspector}).covers("140525")


def test_covers_refuses_a_malformed_target_even_for_an_admin():
    with pytest.raises(InvalidJurisdictionCode):
        ADMIN.covers("14")


def test_officers_act_within_their_jurisdiction():
    ensure_within(CITY, jurisdiction_code="140525")
    ensure_within(COUNTY, jurisdiction_code="140525101")


def test_officers_are_refused_outside_their_jurisdiction_with_their_own_area_named():
    with pytest.raises(Forbidden, match="辖区 140525") as caught:
        ensure_within(COUNTY, jurisdiction_code="140581")
    assert caught.value.extra == {"scope": {"jurisdiction": "140525"}}


def test_an_enterprise_user_acts_only_on_their_own_enterprise_whatever_their_jurisdiction():
    ensure_within(ENTERPRISE, jurisdiction_code="140525", enterprise_id="ent-1")
    with pytest.raises(Forbidden, match="企业 ent-1") as caught:
        ensure_within(ENTERPRISE, jurisdiction_code="140525", enterprise_id="ent-2")
    assert caught.value.extra == {"scope": {"enterprise_id": "ent-1"}}
    with pytest.raises(Forbidden):
        ensure_within(ENTERPRISE, jurisdiction_code="140525")


def test_a_park_operator_acts_only_on_their_own_park():
    ensure_within(PARK, jurisdiction_code="140525", park_id="park-1")
    with pytest.raises(Forbidden, match="园区 park-1") as caught:
        ensure_within(PARK, jurisdiction_code="140525", park_id="park-2")
    assert caught.value.extra == {"scope": {"park_id": "park-1"}}
    with pytest.raises(Forbidden):
        ensure_within(PARK, jurisdiction_code="140525", enterprise_id="ent-1")


RECORD = {"jurisdiction_code": "140581", "enterprise_id": "ent-elsewhere-7", "park_id": "park-elsewhere-9"}


@pytest.mark.parametrize("principal", [
    COUNTY, ENTERPRISE, PARK, CITY,
    Principal("m1", "多角色", {Role.county_officer, Role.enterprise_user, Role.park_operator}, jurisdiction="140525",
              enterprise_id="ent-1", park_id="park-1"),
    Principal("n1", "无范围", {Role.enterprise_user}),
], ids=["county", "enterprise", "park", "city", "several-roles", "no-scope"])
def test_a_refusal_says_nothing_of_where_the_record_lives(principal):
    """Another county, enterprise or park must not learn from a 403 where a record it may not touch belongs."""
    record = {**RECORD, "jurisdiction_code": "140105"} if principal is CITY else RECORD
    with pytest.raises(Forbidden) as caught:
        ensure_within(principal, **record)
    text = f"{caught.value.detail} {caught.value.extra}"
    for value in record.values():
        assert value not in text
    assert "超出您的管辖范围" in caught.value.detail


def test_a_refusal_names_every_part_of_the_callers_own_scope_and_only_that():
    several = Principal("m1", "多角色", {Role.county_officer, Role.enterprise_user}, jurisdiction="140525",
                        enterprise_id="ent-1", park_id="park-1")
    with pytest.raises(Forbidden) as caught:
        ensure_within(several, **RECORD)
    assert caught.value.extra == {"scope": {"jurisdiction": "140525", "enterprise_id": "ent-1"}}
    assert caught.value.detail == "超出您的管辖范围 (您的范围: 辖区 140525、企业 ent-1)"
    with pytest.raises(Forbidden) as caught:
        ensure_within(Principal("n1", "无范围", {Role.enterprise_user}), **RECORD)
    assert caught.value.extra == {"scope": {}}
    assert caught.value.detail == "超出您的管辖范围: 您的令牌没有辖区、企业或园区"


def test_an_admin_acts_everywhere():
    ensure_within(ADMIN, jurisdiction_code="650000", enterprise_id="x", park_id="y")


def test_ensure_within_needs_something_to_check_against():
    with pytest.raises(TypeError):
        ensure_within(CITY)
