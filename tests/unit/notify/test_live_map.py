"""Who sees an item of the live map, and where a facility's marker goes."""

from __future__ import annotations

from datetime import datetime, timezone

from ecosafe_kit.auth.principal import Principal
from notify.adapters.map_events import point_of
from notify.domain.live_map import MapItem, may_see

AT = datetime(2026, 12, 6, 8, 0, tzinfo=timezone.utc)


def _item(**kw) -> MapItem:
    return MapItem(**{"kind": "hazard", "aggregate_id": "h1", "event": "HazardReported", "title": "隐患上报",
                      "urgent": False, "jurisdiction_code": "140525", "occurred_at": AT, "enterprise_id": "e1",
                      "park_id": "p1", **kw})


def _user(*roles, **kw) -> Principal:
    return Principal(subject="u1", name="张三", roles=frozenset(roles), **kw)


def test_officers_see_their_county_and_the_city_sees_its_counties_but_a_neighbour_does_not():
    item = _item()
    assert may_see(_user("county_officer", jurisdiction="140525"), item)
    assert may_see(_user("command_center", jurisdiction="140500"), item)
    assert not may_see(_user("county_officer", jurisdiction="140581"), item)
    assert not may_see(_user("city_officer", jurisdiction="140100"), item)


def test_a_downstream_county_sees_the_incident_coming_its_way():
    item = _item(kind="incident", also_jurisdictions=("140581",))
    assert may_see(_user("county_officer", jurisdiction="140581"), item)
    assert not may_see(_user("county_officer", jurisdiction="140522"), item)


def test_a_park_operator_sees_their_park_and_an_enterprise_user_their_enterprise_only():
    item = _item()
    assert may_see(_user("park_operator", park_id="p1"), item)
    assert not may_see(_user("park_operator", park_id="p2"), item)
    assert may_see(_user("enterprise_user", enterprise_id="e1"), item)
    assert not may_see(_user("enterprise_user", enterprise_id="e2"), item)
    # A role that sees by area needs the area: an enterprise user's jurisdiction gives them nothing more.
    assert not may_see(_user("enterprise_user", enterprise_id="e2", jurisdiction="140525"), item)


def test_an_item_without_a_known_area_is_seen_by_admins_only():
    item = _item(jurisdiction_code=None, enterprise_id=None, park_id=None)
    assert may_see(_user("admin"), item)
    assert not may_see(_user("city_officer", jurisdiction="140500"), item)


def test_the_data_sent_has_every_field_of_the_contract():
    assert set(_item().data()) == {"kind", "id", "event", "title", "urgent", "jurisdiction_code", "enterprise_id",
                                   "park_id", "lon", "lat", "state", "occurred_at"}


def test_a_marker_goes_on_the_point_or_inside_the_area_and_nowhere_for_bad_geometry():
    assert point_of('{"type": "Point", "coordinates": [112.9, 35.4]}') == (112.9, 35.4)
    lon, lat = point_of('{"type": "Polygon", "coordinates": [[[112, 35], [113, 35], [113, 36], [112, 36], [112, 35]]]}')
    assert 112 < lon < 113 and 35 < lat < 36
    assert point_of("") == (None, None)
    assert point_of('{"type": "Point"}') == (None, None)
