"""The demo district's risk map loads through the API (twice, idempotently) and answers a realistic incident."""

from __future__ import annotations

import httpx
import pytest

from sqlalchemy import text

from ecosafe_demo.enterprises import demo_register
from ecosafe_demo.risk_map import demo_layer, load_risk_map
from live import LiveServer
from waiting import wait_for


@pytest.fixture(scope="module")
def demo(settings, engine, enforcement_register_rows, register_consumer):
    """The demo register registered over the enforcement API with its own ids, as `make run` does (already there
    from an earlier run: left as it is), consumed by the map; then the demo map loaded through the map's API."""
    rows = demo_register()["enterprises"]
    enforcement_register_rows(rows, existing_ok=True)

    def all_on_map():
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM rm_enterprises WHERE enterprise_id = ANY(:ids)"),
                                {"ids": [r["enterprise_id"] for r in rows]}).scalar_one() == len(rows)
    wait_for(all_on_map)
    with LiveServer(settings) as server:
        load_risk_map(server.url, settings.jwt_secret.get_secret_value())
        yield server


def test_the_demo_geojson_is_realistic():
    sites = demo_layer("risk_map_sites")["features"]
    assert len({f["properties"]["enterprise_id"] for f in sites}) == 30
    for layer in ("risk_map_rivers", "risk_map_river_features", "risk_map_resources", "risk_map_sites"):
        for feature in demo_layer(layer)["features"]:
            geometry = feature["geometry"]
            coords = [geometry["coordinates"]] if geometry["type"] == "Point" else (
                geometry["coordinates"] if geometry["type"] == "LineString" else geometry["coordinates"][0])
            assert all(112.75 <= x <= 112.97 and 35.38 <= y <= 35.84 for x, y in coords), feature["id"]


def test_the_demo_loads_idempotently(demo, settings):
    again = load_risk_map(demo.url, settings.jwt_secret.get_secret_value())
    assert again["created"] == 0 and again["existing"] > 250


def test_a_spill_at_danyuan_chemical_is_traced_down_the_bagong_river_to_the_qingtian_intake(demo, tokens):
    body = {"location": {"type": "Point", "coordinates": [112.905, 35.402]}, "pollutant": "甲醇", "volume_m3": 5000,
            "level": "较大"}
    r = httpx.post(f"{demo.url}/incidents", json=body, headers=tokens.headers("command_center", jurisdiction="140525"),
                   timeout=30)
    assert r.status_code == 201, r.text
    answer = r.json()
    assert answer["enterprise"]["enterprise_id"] == "ent-140525-001" and answer["park"]["park_id"] == "park-zz-chem"
    assert not answer["containment"]["contained_in_plant"]
    reaches = [x["reach_id"] for x in answer["downstream"]["reaches"]]
    assert reaches[:3] == ["reach-bagong-1", "reach-bagong-2", "reach-danhe-8"]
    gates = [g["facility_id"] for g in answer["downstream"]["gates_to_close"]]
    assert gates.index("gate-bagong-outlet") < gates.index("ip-bagong-mouth") < gates.index("ip-danhe-8")
    assert answer["downstream"]["first_sensitive_target"]["facility_id"] == "st-qingtianhe-intake"
    assert [s["facility_id"] for s in answer["downstream"]["emergency_spaces"]] == ["es-bagong-pond", "es-danhe-8-pond"]
    assert {a["reach_id"] for a in answer["river_plan_actions"]} >= {"reach-bagong-2", "reach-danhe-8"}
    assert answer["resources"]["material_depots"][0]["facility_id"] == "depot-zz-park"
