"""Containment says "unknown" when a plant has no rain outlet on the map; nearest resources stay within a radius."""

from __future__ import annotations

import random

import pytest

from rm_helpers import feature, point


@pytest.fixture
def plant(client, tokens, register_enterprise, unique):
    """An enterprise with a site and a pool that holds 500 m³, and no rain outlet registered."""
    lon, lat = round(random.uniform(100, 120), 4), round(random.uniform(25, 40), 4)
    enterprise = f"ent-{unique}"
    register_enterprise(enterprise, lon=lon, lat=lat)
    for body in (feature("site", "厂区", point(lon, lat), f"site-{unique}", enterprise_id=enterprise),
                 feature("emergency_pool", "事故池", point(lon + 0.0005, lat), f"pool-{unique}", enterprise_id=enterprise,
                         capacity_m3=500)):
        assert client.post("/facilities", json=body, headers=tokens.admin).status_code == 201
    return enterprise, lon, lat


def _incident(client, tokens, lon, lat, **extra) -> dict:
    body = {"location": point(lon, lat), "pollutant": "甲醇", "volume_m3": 100, "level": "一般", "drill": True, **extra}
    r = client.post("/incidents", json=body, headers=tokens.admin)
    assert r.status_code == 201, r.text
    return r.json()


def test_without_registered_outlets_containment_is_unknown(client, tokens, plant):
    _, lon, lat = plant
    answer = _incident(client, tokens, lon, lat)
    assert answer["lines_of_defence"]["second"]["pools_hold_spill"] is True
    assert answer["lines_of_defence"]["third"]["all_closed"] is None
    assert answer["containment"]["status"] == "unknown"
    assert answer["containment"]["contained_in_plant"] is False and "未知" in answer["containment"]["explanation"]


def test_with_every_outlet_closed_it_is_contained(client, tokens, plant, unique):
    enterprise, lon, lat = plant
    outlet = feature("rain_outlet", "排口", point(lon + 0.001, lat), f"o-{unique}", enterprise_id=enterprise,
                     valve_state="closed")
    assert client.post("/facilities", json=outlet, headers=tokens.admin).status_code == 201
    answer = _incident(client, tokens, lon, lat)
    assert answer["containment"]["status"] == "contained_in_plant" and answer["containment"]["contained_in_plant"]


def test_nearest_resources_are_bounded_by_the_radius_and_the_answer_says_when_none_is_within(client, tokens, plant,
                                                                                              unique):
    _, lon, lat = plant
    depot = feature("material_depot", "物资库", point(lon + 0.02, lat), f"d-{unique}", jurisdiction_code="140525")
    assert client.post("/facilities", json=depot, headers=tokens.admin).status_code == 201  # ~2 km east
    near = _incident(client, tokens, lon, lat, resource_radius_km=0.5)["resources"]
    assert near["radius_km"] == 0.5 and near["material_depots"] == []
    assert "material_depot" in near["none_within_radius"] and "0.5 km 内没有已登记的应急物资库" in near["explanation"]
    wider = _incident(client, tokens, lon, lat, resource_radius_km=5)["resources"]
    assert f"d-{unique}" in [d["facility_id"] for d in wider["material_depots"]]
    assert all(d["distance_m"] <= 5000 for d in wider["material_depots"] + wider["response_teams"])
    default = _incident(client, tokens, lon, lat)
    assert default["parameters"]["resource_radius_m"] == 50_000
    assert all(d["distance_m"] <= 50_000 for d in default["resources"]["material_depots"])
