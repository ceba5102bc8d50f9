"""A facility belongs to the park its geometry lies in: nobody registers into a park they do not own, and the
import gives the URL's park only to the features that lie in it. Shared river features are excepted."""

from __future__ import annotations

import json
import random

import pytest
from sqlalchemy import text

from rm_helpers import feature, point, square

COUNTY, OTHER_COUNTY = "140525", "140581"


@pytest.fixture
def parks(client, tokens, unique):
    """Park P and park Q of county 140525, side by side 0.1° apart."""
    lon, lat = round(random.uniform(100, 120), 4), round(random.uniform(25, 40), 4)
    for pid, x in ((f"p-{unique}", lon), (f"q-{unique}", lon + 0.1)):
        body = {"type": "Feature", "id": pid, "geometry": square(x, lat, 0.01),
                "properties": {"name": "园区" + pid[0].upper(), "jurisdiction_code": COUNTY}}
        assert client.post("/parks", json=body, headers=tokens.admin).status_code == 201
    return f"p-{unique}", f"q-{unique}", lon, lat


def _count(engine, facility_id: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM es_events WHERE stream_id = :id"), {"id": facility_id}).scalar()


def _refused(r, status: int, field: str, *words: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem.get("field", (problem.get("errors") or [{}])[0].get("field")) == field, problem
    assert all(w in problem["detail"] for w in words), problem


def test_another_countys_officer_cannot_put_a_depot_in_a_park(client, tokens, engine, parks, unique):
    p, _, lon, lat = parks
    body = feature("material_depot", "物资库", point(lon, lat), f"d-{unique}", jurisdiction_code=OTHER_COUNTY)
    r = client.post("/facilities", json=body, headers=tokens.headers("county_officer", jurisdiction=OTHER_COUNTY))
    _refused(r, 403, "geometry", p)
    assert _count(engine, f"d-{unique}") == 0


def test_another_parks_operator_cannot_put_a_depot_in_a_park(client, tokens, engine, parks, unique):
    p, q, lon, lat = parks
    operator = tokens.headers("park_operator", park_id=q)
    stated = feature("material_depot", "物资库", point(lon, lat), f"d1-{unique}", park_id=q)
    _refused(client.post("/facilities", json=stated, headers=operator), 422, "geometry", p, q)
    unstated = feature("material_depot", "物资库", point(lon, lat), f"d2-{unique}", jurisdiction_code=COUNTY)
    _refused(client.post("/facilities", json=unstated, headers=operator), 403, "geometry", p)
    assert _count(engine, f"d1-{unique}") == _count(engine, f"d2-{unique}") == 0


def test_a_facility_inside_a_park_belongs_to_it(client, tokens, parks, unique):
    p, _, lon, lat = parks
    body = feature("material_depot", "物资库", point(lon, lat), f"d-{unique}", jurisdiction_code=COUNTY)
    r = client.post("/facilities", json=body, headers=tokens.headers("park_operator", park_id=p))
    assert r.status_code == 201, r.text
    assert r.json()["properties"]["park_id"] == p


def test_a_parks_facility_must_lie_in_or_near_it(client, tokens, engine, parks, unique):
    p, _, lon, lat = parks
    far = feature("emergency_pool", "园区事故池", point(lon + 0.4, lat), f"far-{unique}", park_id=p, capacity_m3=10)
    _refused(client.post("/facilities", json=far, headers=tokens.admin), 422, "geometry", p, "km")
    near = feature("emergency_pool", "园区事故池", point(lon + 0.015, lat), f"near-{unique}", park_id=p, capacity_m3=10)
    assert client.post("/facilities", json=near, headers=tokens.admin).status_code == 201  # ~450 m outside
    assert _count(engine, f"far-{unique}") == 0


def test_a_shared_river_feature_crosses_parks(client, tokens, parks, unique):
    _, _, lon, lat = parks
    reach = feature("river_reach", "穿园河段", {"type": "LineString", "coordinates": [[lon - 0.02, lat], [lon + 0.2, lat]]},
                    f"r-{unique}", river_name="测试河", velocity_mps=1.0, jurisdiction_code=COUNTY)
    r = client.post("/facilities", json=reach, headers=tokens.headers("county_officer", jurisdiction=COUNTY))
    assert r.status_code == 201, r.text
    assert r.json()["properties"]["park_id"] is None
    gauge = feature("monitoring_section", "园区内断面", point(lon, lat + 0.001), f"m-{unique}", jurisdiction_code=COUNTY)
    r = client.post("/facilities", json=gauge, headers=tokens.headers("county_officer", jurisdiction=COUNTY))
    assert r.status_code == 201 and r.json()["properties"]["park_id"] is None


def test_the_import_does_not_stamp_its_park_on_features_outside_it(client, tokens, engine, parks, unique):
    p, _, lon, lat = parks
    features = [
        {"type": "Feature", "id": f"in-{unique}", "geometry": point(lon, lat),
         "properties": {"kind": "emergency_pool", "name": "园内池", "capacity_m3": 100}},
        {"type": "Feature", "id": f"out-{unique}", "geometry": point(lon + 0.4, lat),  # about 40 km away
         "properties": {"kind": "emergency_pool", "name": "园外池", "capacity_m3": 100}},
        {"type": "Feature", "id": f"reach-{unique}", "geometry": {"type": "LineString", "coordinates": [
            [lon + 0.3, lat], [lon + 0.4, lat]]},
         "properties": {"kind": "river_reach", "name": "园外河段", "river_name": "测试河", "velocity_mps": 1.0}},
    ]
    data = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    r = client.post(f"/parks/{p}/import", files={"file": ("p.geojson", data)}, headers=tokens.admin)
    assert r.status_code == 422, r.text
    rejected = {row["id"]: row["problems"][0] for row in r.json()["rejected"]}
    assert set(rejected) == {f"out-{unique}", f"reach-{unique}"}
    assert rejected[f"out-{unique}"]["field"] == "features[1].geometry" and p in rejected[f"out-{unique}"]["message"]
    assert _count(engine, f"in-{unique}") == 0
    # A river feature that states its own jurisdiction is imported as that jurisdiction's, not the park's.
    features[2]["properties"]["jurisdiction_code"] = COUNTY
    data = json.dumps({"type": "FeatureCollection", "features": [features[0], features[2]]}).encode()
    r = client.post(f"/parks/{p}/import", files={"file": ("p.geojson", data)}, headers=tokens.admin)
    assert r.status_code == 200, r.text
    assert client.get(f"/facilities/reach-{unique}", headers=tokens.admin).json()["properties"]["park_id"] is None
    assert client.get(f"/facilities/in-{unique}", headers=tokens.admin).json()["properties"]["park_id"] == p
