"""GET /facility-kinds: the kinds' labels, geometries and attributes, the same rules registration checks."""

from __future__ import annotations

import random

from rm_helpers import feature, point


def test_a_park_operator_reads_the_kinds_with_chinese_labels(client, tokens):
    answer = client.get("/facility-kinds", headers=tokens.headers("park_operator", jurisdiction="140525",
                                                                   park_id="park-any"))
    assert answer.status_code == 200, answer.text
    kinds = {kind["kind"]: kind for kind in answer.json()}
    pool = kinds["emergency_pool"]
    assert pool["label"] == "事故应急池" and pool["geometry_types"] == ["MultiPolygon", "Point", "Polygon"]
    attributes = {attribute["name"]: attribute for attribute in pool["attributes"]}
    assert attributes["capacity_m3"] == {"name": "capacity_m3", "label": "设计容积 (m³)", "type": "number",
                                        "required": True, "choices": None}
    outlet = {a["name"]: a for a in kinds["rain_outlet"]["attributes"]}
    assert [choice["label"] for choice in outlet["valve_state"]["choices"]] == ["开启", "关闭", "未知"]


def test_every_required_attribute_listed_is_one_registration_asks_for(client, tokens):
    kinds = client.get("/facility-kinds", headers=tokens.admin).json()
    where = point(round(random.uniform(80, 95), 4), round(random.uniform(30, 45), 4))
    for kind in kinds:
        required = {a["name"] for a in kind["attributes"] if a["required"]}
        if not required or "Point" not in kind["geometry_types"] or kind["owner"] == "enterprise":
            continue
        answer = client.post("/facilities", headers=tokens.admin,
                             json=feature(kind["kind"], "缺少必填属性", where, f"kinds-{random.getrandbits(40)}",
                                          jurisdiction_code="140525"))
        assert answer.status_code == 422, (kind["kind"], answer.text)
        assert {e["field"] for e in answer.json()["errors"]} == {f"properties.{name}" for name in required}


def test_without_a_token_it_is_a_401(client):
    assert client.get("/facility-kinds").status_code == 401
