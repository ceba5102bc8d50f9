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
