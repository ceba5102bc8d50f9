"""Registering and updating facilities and parks: validation at the door, the register, ETags and who may write."""

from __future__ import annotations

import random

import pytest

from rm_helpers import feature, point, square


@pytest.fixture
def place():
    return round(random.uniform(100, 120), 4), round(random.uniform(25, 40), 4)


@pytest.fixture
def park(client, tokens, unique, place):
    lon, lat = place
    body = {"type": "Feature", "id": f"park-{unique}", "geometry": square(lon, lat, 0.02),
            "properties": {"name": "测试化工园区", "jurisdiction_code": "140525"}}
    r = client.post("/parks", json=body, headers=tokens.admin)
    assert r.status_code == 201, r.text
    return f"park-{unique}"


BAD = [
    ({"type": "Polygon", "coordinates": [[[112.90, 35.40], [112.92, 35.42], [112.92, 35.40], [112.90, 35.42], [112.90, 35.40]]]},
     None, "geometry", "自相交"),
    ({"type": "Point", "coordinates": [35.40, 112.90]}, None, "geometry.coordinates", "坐标顺序错误"),
    ({"type": "Point", "coordinates": [13.4, 52.5]}, None, "geometry.coordinates", "不在中国范围内"),
    ({"type": "Point", "coordinates": [112.9, 35.4]}, "EPSG:3857", "crs", "坐标系"),
    ({"type": "LineString", "coordinates": [[112.9, 35.4], [112.91, 35.4]]}, None, "geometry.type", "几何类型"),
]


@pytest.mark.parametrize(("geometry", "crs", "field", "words"), BAD)
def test_bad_geometry_gets_422_naming_the_problem_and_the_field(client, tokens, register_enterprise, unique,
                                                                geometry, crs, field, words):
    register_enterprise(f"ent-{unique}")
    body = feature("emergency_pool", "1号池", geometry, capacity_m3=100, enterprise_id=f"ent-{unique}")
    if crs:
        body["crs"] = crs
    r = client.post("/facilities", json=body, headers=tokens.admin)
    assert r.status_code == 422, r.text
    problem = r.json()
    assert r.headers["content-type"].startswith("application/problem+json")
    assert words in problem["detail"] and problem["errors"][0]["field"] == field


def test_a_facility_of_an_enterprise_the_register_does_not_know_gets_422(client, tokens, unique):
    body = feature("emergency_pool", "1号池", point(112.9, 35.4), capacity_m3=100, enterprise_id=f"nobody-{unique}")
    r = client.post("/facilities", json=body, headers=tokens.admin)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "properties.enterprise_id"
    assert "企业名录中没有" in r.json()["detail"]


def test_attribute_rules_are_checked(client, tokens, register_enterprise, unique):
    register_enterprise(f"ent-{unique}")
    body = feature("emergency_pool", "1号池", point(112.9, 35.4), capacity_m3=100, free_volume_m3=150,
                   enterprise_id=f"ent-{unique}")
    r = client.post("/facilities", json=body, headers=tokens.admin)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "properties.free_volume_m3"
    body = feature("rain_outlet", "排口", point(112.9, 35.4), valve_state="half", enterprise_id=f"ent-{unique}")
    assert client.post("/facilities", json=body, headers=tokens.admin).json()["errors"][0]["field"] == "properties.valve_state"


def test_gcj02_input_is_converted_and_cgcs2000_kept(client, tokens, register_enterprise, unique):
    register_enterprise(f"ent-{unique}")
    body = feature("emergency_pool", "1号池", point(121.531541859215, 31.17530398364597), f"pool-{unique}",
                   capacity_m3=100, enterprise_id=f"ent-{unique}")
    body["crs"] = "GCJ-02"
    r = client.post("/facilities", json=body, headers=tokens.admin)
    assert r.status_code == 201, r.text
    lon, lat = r.json()["geometry"]["coordinates"]
    assert lon == pytest.approx(121.5272106, abs=1e-6) and lat == pytest.approx(31.1774276, abs=1e-6)
    assert r.json()["properties"]["declared_crs"] == "GCJ-02"


def test_update_with_if_match_and_a_stale_etag_is_refused(client, tokens, register_enterprise, unique):
    register_enterprise(f"ent-{unique}")
    body = feature("emergency_pool", "1号池", point(112.9, 35.4), f"pool-{unique}", capacity_m3=100,
                   enterprise_id=f"ent-{unique}")
    created = client.post("/facilities", json=body, headers=tokens.admin)
    etag = created.headers["etag"]
    body["properties"]["capacity_m3"] = 200
    r = client.put(f"/facilities/pool-{unique}", json=body, headers={**tokens.admin, "If-Match": etag})
    assert r.status_code == 200 and r.json()["properties"]["capacity_m3"] == 200 and r.headers["etag"] != etag
    assert client.put(f"/facilities/pool-{unique}", json=body, headers={**tokens.admin, "If-Match": etag}).status_code == 412
    adequacy = client.get(f"/enterprises/ent-{unique}/pool-adequacy", headers=tokens.admin)
    assert adequacy.status_code == 404  # no site registered yet


def test_a_park_operator_writes_only_in_their_park(client, tokens, register_enterprise, unique, park, place):
    lon, lat = place
    register_enterprise(f"ent-{unique}", park_id=park)
    register_enterprise(f"other-{unique}", park_id=None)
    own = tokens.headers("park_operator", park_id=park)
    other = tokens.headers("park_operator", park_id="park-somewhere-else")
    body = feature("emergency_pool", "园区公共池", point(lon, lat), capacity_m3=5000, park_id=park)
    assert client.post("/facilities", json=body, headers=other).status_code == 403
    assert client.post("/facilities", json=body, headers=own).status_code == 201
    in_park = feature("rain_outlet", "排口", point(lon, lat), enterprise_id=f"ent-{unique}")
    assert client.post("/facilities", json=in_park, headers=own).status_code == 201
    outside = feature("rain_outlet", "排口", point(lon, lat), enterprise_id=f"other-{unique}")
    assert client.post("/facilities", json=outside, headers=own).status_code == 403
    river = feature("river_gate", "闸", point(lon, lat), jurisdiction_code="140525")
    assert client.post("/facilities", json=river, headers=own).status_code == 403


def test_an_enterprise_user_writes_only_their_own_site(client, tokens, register_enterprise, unique):
    register_enterprise(f"ent-{unique}")
    register_enterprise(f"other-{unique}")
    me = tokens.headers("enterprise_user", enterprise_id=f"ent-{unique}")
    mine = feature("site", "厂区", square(112.9, 35.4, 0.001), f"site-{unique}", enterprise_id=f"ent-{unique}")
    assert client.post("/facilities", json=mine, headers=me).status_code == 201
    theirs = feature("site", "厂区", square(112.9, 35.4, 0.001), enterprise_id=f"other-{unique}")
    assert client.post("/facilities", json=theirs, headers=me).status_code == 403
    county = tokens.headers("county_officer", jurisdiction="140581")  # another county: as for an unknown facility
    r = client.post(f"/facilities/site-{unique}/retire", json={"reason": "拆除"}, headers=county)
    assert r.status_code == 404 and r.json()["detail"] == f"设施不存在: site-{unique}" and "140525" not in r.text
    assert client.post(f"/facilities/site-{unique}/retire", json={"reason": "拆除"}, headers=me).status_code == 204
    assert client.get(f"/facilities/site-{unique}", headers=me).status_code == 404


def test_park_lists_show_their_date_and_are_flagged_when_older_than_a_year(client, tokens, park):
    operator = tokens.headers("park_operator", park_id=park)
    r = client.put(f"/parks/{park}/lists/risk_substance", json={"updated_on": "2020-01-01", "entries": [{"name": "甲醇"}]},
                   headers=operator)
    assert r.status_code == 200, r.text
    from datetime import date
    r = client.put(f"/parks/{park}/lists/sensitive_target", json={"updated_on": date.today().isoformat(), "entries": []},
                   headers=operator)
    lists = r.json()["properties"]["lists"]
    assert lists["risk_substance"]["stale"] and lists["risk_substance"]["updated_on"] == "2020-01-01"
    assert not lists["sensitive_target"]["stale"]
    assert lists["enterprise_risk"]["stale"] and lists["enterprise_risk"]["stale_reason"] == "从未更新"
    summary = next(p for p in client.get("/parks", headers=operator).json() if p["park_id"] == park)
    assert summary["lists_stale"] and summary["lists"]["risk_substance"]["entry_count"] == 1
    bad = client.put(f"/parks/{park}/lists/risk_substance", json={"updated_on": "2020-01-01"},
                     headers=tokens.headers("park_operator", park_id="park-other"))
    assert bad.status_code == 404 and bad.json()["detail"] == f"园区不存在: {park}"


def test_river_plans_are_versioned(client, tokens, unique):
    body = {"plan_id": f"plan-{unique}", "river_name": "丹河", "title": "丹河一河一策一图",
            "actions": [{"reach_id": "r1", "action": "关闭1号闸"}]}
    r = client.post("/river-plans", json=body, headers=tokens.admin)
    assert r.status_code == 201 and r.json()["version_no"] == 1
    body["actions"] = [{"reach_id": "r1", "action": "关闭1号闸并启用坑塘"}]
    assert client.put(f"/river-plans/plan-{unique}", json=body, headers={**tokens.admin, "If-Match": '"0"'}).status_code == 412
    r = client.put(f"/river-plans/plan-{unique}", json=body, headers={**tokens.admin, "If-Match": '"1"'})
    assert r.status_code == 200 and r.json()["version_no"] == 2
    old = client.get(f"/river-plans/plan-{unique}/versions/1", headers=tokens.admin).json()
    assert old["actions"][0]["action"] == "关闭1号闸" and old["latest_version_no"] == 2
    user = tokens.headers("enterprise_user", enterprise_id="x")
    assert client.post("/river-plans", json=body | {"plan_id": None}, headers=user).status_code == 403
