"""The OpenAPI document says what the risk-map returns, and odd input gets a 4xx naming the field, never a 500."""

from __future__ import annotations

import json
import random

import pytest
from sqlalchemy import text

from rm_helpers import feature, point, square
from risk_map.entrypoints.geojson_models import Feature, FeatureCollection

GEOJSON = "application/geo+json"


def _geojson_responses(app) -> dict:
    out = {}
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            for code, response in operation.get("responses", {}).items():
                if GEOJSON in response.get("content", {}):
                    out[(method.upper(), path, code)] = response["content"][GEOJSON].get("schema")
    return out


def test_every_geojson_response_is_documented_as_the_object_it_is(app):
    documented = _geojson_responses(app)
    assert len(documented) >= 11, documented  # the eleven of issue 11 and any added since
    assert all(schema in ({"$ref": "#/components/schemas/Feature"}, {"$ref": "#/components/schemas/FeatureCollection"})
               for schema in documented.values()), documented
    assert documented[("GET", "/ogc/collections/{collection_id}/items", "200")]["$ref"].endswith("FeatureCollection")


def test_the_answers_match_the_documented_models(client, tokens, unique):
    # Far from the demo map, whose nearest-depot answers other tests check, and from parks other runs left.
    body = feature("material_depot", "物资库", point(round(random.uniform(80, 95), 4), round(random.uniform(30, 45), 4)),
                   f"depot-{unique}", jurisdiction_code="140525")
    r = client.post("/facilities", json=body, headers=tokens.admin)
    assert r.status_code == 201 and r.headers["content-type"].startswith(GEOJSON)
    Feature.model_validate(r.json())
    Feature.model_validate(client.get(f"/ogc/collections/material_depots/items/depot-{unique}",
                                      headers=tokens.admin).json())
    FeatureCollection.model_validate(client.get("/ogc/collections/material_depots/items?limit=2",
                                                headers=tokens.admin).json())


@pytest.mark.parametrize("path", ["/river-plans/p-1/versions/111495019781", "/river-plans/p-1/versions/0",
                                  "/ogc/collections/sites/items?offset=100000000000000000000"])
def test_an_integer_out_of_range_is_a_422_naming_it(client, tokens, path):
    r = client.get(path, headers=tokens.admin)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")


def test_a_version_that_does_not_exist_is_a_404(client, tokens, unique):
    body = {"plan_id": f"plan-{unique}", "river_name": "丹河", "actions": [{"reach_id": "r1", "action": "关闭1号闸"}]}
    assert client.post("/river-plans", json=body, headers=tokens.admin).status_code == 201
    assert client.get(f"/river-plans/plan-{unique}/versions/2147483647", headers=tokens.admin).status_code == 404


def _post(client, path: str, body: dict, headers: dict):
    """JSON with ASCII escapes, so a lone surrogate (not encodable as UTF-8) travels as `\\ud800`, as a client sends it."""
    return client.post(path, content=json.dumps(body), headers={**headers, "Content-Type": "application/json"})


def _fields(r) -> list[str]:
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    return [e["field"] for e in r.json()["errors"]]


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\ud800"])
def test_control_characters_are_refused_in_every_free_text_field(client, tokens, unique, char):
    admin = tokens.admin
    name = feature("material_depot", f"物资{char}库", point(87.7, 43.9), jurisdiction_code="140525")
    assert any(f.endswith("name") for f in _fields(_post(client, "/facilities", name, admin)))
    attribute = feature("material_depot", "物资库", point(87.7, 43.9), jurisdiction_code="140525",
                        contact=f"张三{char}", contents=["吸附棉", f"围油栏{char}"])
    assert _fields(_post(client, "/facilities", attribute, admin))[:2] == [
        "properties.contact", "properties.contents[1]"]
    park = {"type": "Feature", "id": f"park-{unique}", "geometry": square(87.7, 43.9, 0.01),
            "properties": {"name": f"园区{char}", "jurisdiction_code": "140525"}}
    assert _fields(_post(client, "/parks", park, admin)) == ["properties.name"]
    plan = {"river_name": "丹河", "actions": [{"reach_id": "r1", "action": f"关闭{char}闸"}]}
    assert any("action" in f for f in _fields(_post(client, "/river-plans", plan, admin)))
    incident = {"location": point(87.7, 43.9), "pollutant": f"甲醇{char}", "volume_m3": 1, "level": "一般"}
    assert any("pollutant" in f for f in _fields(_post(client, "/incidents", incident, admin)))


def test_control_characters_in_a_park_list_are_refused(client, tokens, unique):
    park = {"type": "Feature", "id": f"park-{unique}", "geometry": square(87.7, 43.9, 0.01),
            "properties": {"name": "园区", "jurisdiction_code": "140525"}}
    assert client.post("/parks", json=park, headers=tokens.admin).status_code == 201
    body = {"updated_on": "2026-01-01", "entries": [{"name": "甲企业"}, {"name": "乙\x00企业"}]}
    r = client.put(f"/parks/park-{unique}/lists/enterprise_risk", json=body, headers=tokens.admin)
    assert _fields(r) == ["entries[1].name"]


def _spot() -> dict:
    return point(round(random.uniform(80, 95), 4), round(random.uniform(30, 45), 4))


@pytest.mark.parametrize(("extra", "field"), [
    ({"occurred_at": "0001-01-01T00:00:00+14:00"}, "occurred_at"),
    ({"occurred_at": "9999-12-31T23:59:59-14:00"}, "occurred_at"),
    ({"occurred_at": "2999-01-01T00:00:00+08:00"}, "occurred_at"),
    ({"volume_m3": "Infinity"}, "volume_m3"),
    ({"volume_m3": 1e300}, "volume_m3"),
])
def test_an_incident_with_an_implausible_time_or_volume_is_a_422(client, tokens, extra, field):
    body = {"location": _spot(), "pollutant": "甲醇", "volume_m3": 1, "level": "一般", "drill": True, **extra}
    text = json.dumps(body).replace('"Infinity"', "Infinity")  # as a client's JSON library may write it
    r = client.post("/incidents", content=text, headers={**tokens.admin, "Content-Type": "application/json"})
    assert any(f.endswith(field) for f in _fields(r)), r.text


@pytest.mark.parametrize(("properties", "field"), [
    ({"capacity_m3": 10 ** 400}, "properties.capacity_m3"),
    ({"capacity_m3": 100, "park_id": 5}, "properties.park_id"),
    ({"capacity_m3": 100, "enterprise_id": ["ent-1"]}, "properties.enterprise_id"),
    ({"capacity_m3": 100, "jurisdiction_code": {"code": "140525"}}, "properties.jurisdiction_code"),
])
def test_an_owner_or_number_of_the_wrong_kind_is_a_422_naming_it(client, tokens, properties, field):
    body = {"type": "Feature", "geometry": _spot(),
            "properties": {"kind": "emergency_pool", "name": "池", "jurisdiction_code": "140525", **properties}}
    assert field in _fields(client.post("/facilities", content=json.dumps(body),
                                        headers={**tokens.admin, "Content-Type": "application/json"}))


def test_an_incident_naming_an_enterprise_the_register_does_not_know_is_a_422(client, tokens, engine, unique):
    body = {"location": _spot(), "pollutant": "甲醇", "volume_m3": 1, "level": "一般", "drill": True,
            "enterprise_id": f"ent-unknown-{unique}"}
    r = client.post("/incidents", json=body, headers=tokens.admin)
    assert r.status_code == 422 and _fields(r) == ["enterprise_id"], r.text
    assert f"ent-unknown-{unique}" in r.json()["detail"]
    with engine.connect() as conn:  # nothing recorded
        assert conn.execute(text("SELECT count(*) FROM es_events WHERE stream_type = 'incident' "
                                 "AND position(convert_to(:e, 'UTF8') IN payload) > 0"),
                            {"e": f"ent-unknown-{unique}"}).scalar() == 0
