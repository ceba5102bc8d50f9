"""ReadScope: who reads which records, as a SQL condition and over a record already read."""

from __future__ import annotations

import pytest
from sqlalchemy import column
from sqlalchemy.dialects import postgresql

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.scope import ReadScope
from ecosafe_kit.errors import Forbidden


def who(*roles, jurisdiction="140525", enterprise_id=None, park_id=None) -> Principal:
    return Principal("u-1", "测试", frozenset(roles), jurisdiction, enterprise_id, park_id)


def sql(scope: ReadScope) -> str:
    condition = scope.condition(column("jurisdiction_code"), column("enterprise_id"), column("park_id"))
    return str(condition.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))


def test_a_government_user_reads_their_area_and_its_subareas():
    scope = ReadScope.of(who("city_officer", jurisdiction="140500"), "台账")
    assert scope.area_prefix == "1405" and "LIKE '1405' || '%%'" in sql(scope)
    assert scope.covers("140525", "e-1", None) and not scope.covers("140105", "e-1", None)


def test_enterprise_users_and_park_operators_read_their_own_only():
    own = ReadScope.of(who("enterprise_user", enterprise_id="e-1"), "台账")
    assert (own.area_prefix, own.enterprise_id) == (None, "e-1")
    assert own.covers("140525", "e-1", None) and not own.covers("140525", "e-2", None)
    park = ReadScope.of(who("park_operator", park_id="p-1"), "台账")
    assert park.covers("140581", "e-9", "p-1") and not park.covers("140525", "e-9", None)


def test_an_admin_reads_everything_and_a_token_without_reach_is_refused():
    assert ReadScope.of(who("admin", jurisdiction=None), "台账").covers("650102", "x", None)
    with pytest.raises(Forbidden):
        ReadScope.of(who("enterprise_user"), "台账")


def test_a_parent_enterprise_reaches_its_subsidiaries_records_where_the_service_passes_the_parent():
    """上级主体企业 read their subsidiaries' records (hazard: they confirm their self-found hazards)."""
    parent = ReadScope.of(who("enterprise_user", enterprise_id="e-parent"), "台账")
    assert parent.covers("140581", "e-child", None, parent_enterprise_id="e-parent")
    assert not parent.covers("140581", "e-child", None, parent_enterprise_id="e-other")
    assert not parent.covers("140581", "e-child", None), "without the parent named, only the own enterprise"
    condition = parent.condition(column("jurisdiction_code"), column("enterprise_id"), column("park_id"),
                                 parent_enterprise_id=column("parent_enterprise_id"))
    compiled = str(condition.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
    assert compiled == "enterprise_id = 'e-parent' OR parent_enterprise_id = 'e-parent'"
    assert sql(parent) == "enterprise_id = 'e-parent'", "services that do not pass the parent are unchanged"
    officer = ReadScope.of(who("county_officer"), "台账")
    assert not officer.covers("140581", "e-child", None, parent_enterprise_id="e-parent")


def test_a_table_without_a_park_or_parent_column_reaches_them_through_a_condition_it_gives():
    """The hazard ledger has no park column: the park's enterprises come from the register."""
    park = ReadScope.of(who("park_operator", park_id="p-1"), "台账")
    condition = park.condition(column("jurisdiction_code"), column("enterprise_id"),
                               lambda value: column("enterprise_id").in_(["from-register-of-" + value]))
    compiled = str(condition.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
    assert compiled == "enterprise_id IN ('from-register-of-p-1')"
    everything = ReadScope.of(who("admin", jurisdiction=None), "台账")
    assert sql(everything) == "true"
