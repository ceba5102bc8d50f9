"""The import takes a park's file up to its own documented limit (64 MiB); every other route keeps the kit's 1 MiB."""

from __future__ import annotations

import json

import pytest

from risk_map.entrypoints.body_limits import IMPORT_MAX_BYTES
from rm_helpers import new_park

MIB = 1024 * 1024


@pytest.fixture
def park(client, tokens, unique):
    return new_park(client, tokens.admin, f"park-{unique}", "大文件园区", 0.02)


def test_the_limit_is_documented_and_larger_than_the_default():
    assert IMPORT_MAX_BYTES == 64 * MIB


def test_a_file_of_several_mebibytes_is_imported(client, tokens, park, unique):
    park_id, lon, lat = park
    pools = [{"type": "Feature", "id": f"pool-{unique}-{i}", "geometry": {"type": "Point", "coordinates": [
        lon + (i % 100) * 0.0001, lat + (i // 100) * 0.0001]},
        "properties": {"kind": "emergency_pool", "name": f"{i}号池", "capacity_m3": 100}} for i in range(50)]
    # As a GIS exports it: indented, with a long comment; about 3 MiB in all.
    data = json.dumps({"type": "FeatureCollection", "note": "说明" * (MIB // 2), "features": pools}, indent=2,
                      ensure_ascii=False).encode()
    assert len(data) > 3 * MIB
    r = client.post(f"/parks/{park_id}/import", files={"file": ("park.geojson", data)}, headers=tokens.admin)
    assert r.status_code == 200, r.text[:500]
    assert r.json()["created"] == 50


def test_a_file_over_the_import_limit_is_a_413_naming_it(client, tokens, park):
    r = client.post(f"/parks/{park[0]}/import", content=b"x" * (IMPORT_MAX_BYTES + 1),
                    headers={**tokens.admin, "Content-Type": "multipart/form-data; boundary=b"})
    assert r.status_code == 413 and r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["max_bytes"] == IMPORT_MAX_BYTES


def test_other_routes_keep_the_small_limit(client, tokens):
    body = {"type": "Feature", "geometry": None, "properties": {"kind": "material_depot", "name": "x" * (2 * MIB)}}
    r = client.post("/facilities", json=body, headers=tokens.admin)
    assert r.status_code == 413 and r.json()["max_bytes"] == MIB


def test_the_openapi_states_the_import_limit(app):
    operation = app.openapi()["paths"]["/parks/{park_id}/import"]["post"]
    assert "64 MiB" in operation["description"]
