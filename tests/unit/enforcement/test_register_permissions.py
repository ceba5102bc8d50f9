"""Who may register and read which entries: officers by area, park operators by park, enterprises themselves."""

from __future__ import annotations

import pytest

from ecosafe_kit.auth.jurisdiction import area_prefix
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.errors import Forbidden
from enforcement.service_layer.permissions import ensure_may_write, read_scope


def who(*roles, jurisdiction="140525", park_id=None, enterprise_id=None) -> Principal:
    return Principal("u-1", "测试", frozenset(roles), jurisdiction, enterprise_id, park_id)


@pytest.mark.parametrize(("code", "prefix"), [("140000", "14"), ("140500", "1405"), ("140525", "140525"),
                                              ("140525100", "140525100")])
def test_an_area_prefix_is_what_every_code_inside_it_starts_with(code, prefix):
    assert area_prefix(code) == prefix


def test_officers_write_in_their_area_park_operators_in_their_park_admins_anywhere():
    ensure_may_write(who("city_officer", jurisdiction="140500"), "140581", None)
    ensure_may_write(who("county_officer"), "140525", "any-park")
    ensure_may_write(who("park_operator", park_id="p-1"), "140525", "p-1")
    ensure_may_write(who("admin", jurisdiction=None), "650102", None)
    for principal, code, park in ((who("county_officer"), "140581", None), (who("park_operator", park_id="p-1"),
                                  "140525", "p-2"), (who("park_operator", park_id="p-1"), "140581", "p-1"),
                                  (who("inspector"), "140525", None), (who("enterprise_user", enterprise_id="e"),
                                                                       "140525", None)):
        with pytest.raises(Forbidden):
            ensure_may_write(principal, code, park)


def test_the_read_scope_follows_the_role():
    assert read_scope(who("city_officer", jurisdiction="140500")).area_prefix == "1405"
    assert read_scope(who("inspector")).area_prefix == "140525"
    own = read_scope(who("enterprise_user", enterprise_id="e-1"))
    assert (own.area_prefix, own.enterprise_id) == (None, "e-1")
    assert read_scope(who("park_operator", park_id="p-1")).park_id == "p-1"
    assert read_scope(who("admin", jurisdiction=None)).everything
