"""One corpus of bad geometries through the three entry paths: POST /facilities, POST /parks and the bulk import.

Each path answers the same 422 problem+json naming the field (and in the import the feature), in Chinese, without a
library's internals, and writes nothing.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from geometry_corpus import BAD_GEOMETRIES, INTERNALS, LAT, LON
from rm_helpers import square

IDS = [case for case, *_ in BAD_GEOMETRIES]
_AREA_OK = {"type": "Polygon", "coordinates": [[[LON, LAT], [LON + 0.001, LAT], [LON + 0.001, LAT + 0.001],
                                                [LON, LAT + 0.001], [LON, LAT]]]}


def _problem(r, field: str, words: str) -> dict:
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem["errors"][0]["field"] == field, problem
    assert words in problem["errors"][0]["message"], problem
    assert not any(w in r.text for w in INTERNALS), r.text
    return problem


def _written(engine, table: str, key: str, value: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table} WHERE {key} = :v"), {"v": value}).scalar()  # noqa: S608


@pytest.fixture(scope="module")
def import_park(client, tokens):
    import uuid
    park_id = f"park-geom-{uuid.uuid4().hex[:10]}"
    body = {"type": "Feature", "id": park_id, "geometry": square(LON + 0.005, LAT + 0.005, 0.05),
            "properties": {"name": "几何校验园区", "jurisdiction_code": "140525"}}
    assert client.post("/parks", json=body, headers=tokens.admin).status_code == 201
    return park_id


@pytest.mark.parametrize(("case", "geometry", "field", "words"), BAD_GEOMETRIES, ids=IDS)
def test_post_facilities_refuses_it(client, tokens, engine, unique, case, geometry, field, words):
    body = {"type": "Feature", "id": f"pool-{unique}", "geometry": geometry,
            "properties": {"kind": "emergency_pool", "name": "事故应急池", "capacity_m3": 100,
                           "jurisdiction_code": "140525"}}
    _problem(client.post("/facilities", json=body, headers=tokens.admin), "geometry" + field, words)
    assert _written(engine, "rm_facilities", "facility_id", f"pool-{unique}") == 0


@pytest.mark.parametrize(("case", "geometry", "field", "words"), BAD_GEOMETRIES, ids=IDS)
def test_post_parks_refuses_it(client, tokens, engine, unique, case, geometry, field, words):
    body = {"type": "Feature", "id": f"park-{unique}", "geometry": geometry,
            "properties": {"name": "园区", "jurisdiction_code": "140525"}}
    _problem(client.post("/parks", json=body, headers=tokens.admin), "geometry" + field, words)
    assert _written(engine, "rm_parks", "park_id", f"park-{unique}") == 0


@pytest.mark.parametrize(("case", "geometry", "field", "words"), BAD_GEOMETRIES, ids=IDS)
def test_the_import_refuses_the_whole_file_naming_the_feature(client, tokens, engine, import_park, unique, case,
                                                             geometry, field, words):
    good = {"type": "Feature", "id": f"good-{unique}", "geometry": _AREA_OK,
            "properties": {"kind": "emergency_pool", "name": "好池", "capacity_m3": 100}}
    bad = {"type": "Feature", "id": f"bad-{unique}", "geometry": geometry,
           "properties": {"kind": "emergency_pool", "name": "坏池", "capacity_m3": 100}}
    data = json.dumps({"type": "FeatureCollection", "features": [good, bad]}).encode()
    r = client.post(f"/parks/{import_park}/import", files={"file": ("park.geojson", data)}, headers=tokens.admin)
    problem = _problem(r, "features[1].geometry" + field, words)
    assert [(row["index"], row["id"]) for row in problem["rejected"]] == [(1, f"bad-{unique}")]
    assert _written(engine, "rm_facilities", "facility_id", f"good-{unique}") == 0


UNKNOWN_CRS = ["EPSG:3857", "EPSG:999999", "BD-09", {"type": "name", "properties": {"name": "EPSG:32650"}},
               {"type": "EPSG", "properties": {"code": 3857}}, 4326]


@pytest.mark.parametrize("crs", UNKNOWN_CRS, ids=str)
def test_a_crs_the_service_does_not_know_is_refused_by_facilities_and_parks(client, tokens, engine, unique, crs):
    pool = {"type": "Feature", "id": f"pool-{unique}", "crs": crs, "geometry": _AREA_OK,
            "properties": {"kind": "emergency_pool", "name": "池", "capacity_m3": 100, "jurisdiction_code": "140525"}}
    park = {"type": "Feature", "id": f"park-{unique}", "crs": crs, "geometry": _AREA_OK,
            "properties": {"name": "园区", "jurisdiction_code": "140525"}}
    _problem(client.post("/facilities", json=pool, headers=tokens.admin), "crs", "坐标系")
    _problem(client.post("/parks", json=park, headers=tokens.admin), "crs", "坐标系")
    assert _written(engine, "rm_facilities", "facility_id", f"pool-{unique}") == 0
    assert _written(engine, "rm_parks", "park_id", f"park-{unique}") == 0


def test_a_crs_put_among_the_properties_is_refused_not_ignored(client, tokens, engine, unique):
    pool = {"type": "Feature", "id": f"pool-{unique}", "geometry": _AREA_OK,
            "properties": {"kind": "emergency_pool", "name": "池", "capacity_m3": 100, "jurisdiction_code": "140525",
                           "crs": "EPSG:3857"}}
    _problem(client.post("/facilities", json=pool, headers=tokens.admin), "properties.crs", "坐标系")
    assert _written(engine, "rm_facilities", "facility_id", f"pool-{unique}") == 0


def _pool_file(unique: str, geometry: dict, **collection) -> bytes:
    pool = {"type": "Feature", "id": f"pool-{unique}", "geometry": geometry,
            "properties": {"kind": "emergency_pool", "name": "池", "capacity_m3": 100}}
    return json.dumps({"type": "FeatureCollection", **collection, "features": [pool]}).encode()


@pytest.mark.parametrize("crs", ["EPSG:999999", "LOCAL_CS[\"工地坐标\"]", "not a crs"])
def test_an_import_whose_file_states_an_unknown_crs_is_refused(client, tokens, engine, import_park, unique, crs):
    data = _pool_file(unique, _AREA_OK, crs={"type": "name", "properties": {"name": crs}})
    r = client.post(f"/parks/{import_park}/import", files={"file": ("park.geojson", data)}, headers=tokens.admin)
    _problem(r, "file.crs", "无法识别")
    assert _written(engine, "rm_facilities", "facility_id", f"pool-{unique}") == 0


def test_an_import_declaring_an_unknown_crs_in_the_form_is_refused(client, tokens, engine, import_park, unique):
    r = client.post(f"/parks/{import_park}/import", files={"file": ("park.geojson", _pool_file(unique, _AREA_OK))},
                    data={"crs": "EPSG:3857"}, headers=tokens.admin)
    _problem(r, "crs", "坐标系")
    assert _written(engine, "rm_facilities", "facility_id", f"pool-{unique}") == 0


def test_a_reprojected_geojson_is_recorded_with_the_crs_it_stated(client, tokens, import_park, unique):
    import pyproj
    to_gk = pyproj.Transformer.from_crs(4326, 4547, always_xy=True)  # CGCS2000 3-degree Gauss-Kruger CM 114E
    ring = [list(to_gk.transform(x, y)) for x, y in _AREA_OK["coordinates"][0]]
    data = _pool_file(unique, {"type": "Polygon", "coordinates": [ring]},
                      crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}})
    r = client.post(f"/parks/{import_park}/import", files={"file": ("park.geojson", data)}, headers=tokens.admin)
    assert r.status_code == 200, r.text
    pool = client.get(f"/facilities/pool-{unique}", headers=tokens.admin).json()
    assert pool["properties"]["declared_crs"] == "EPSG:4547"
    assert pool["geometry"]["coordinates"][0][0] == pytest.approx([LON, LAT], abs=1e-6)


def test_a_height_is_dropped_alike_on_every_path(client, tokens, import_park, unique):
    ring = [[x, y, 800.0] for x, y in _AREA_OK["coordinates"][0]]
    with_z = {"type": "Polygon", "coordinates": [ring]}
    # The park stands apart from the import's park, whose file is checked against the parks its features lie in.
    park_ring = [[x + 1.0, y, 800.0] for x, y, _ in ring]
    pool = {"type": "Feature", "id": f"pool-{unique}", "geometry": with_z,
            "properties": {"kind": "emergency_pool", "name": "池", "capacity_m3": 100, "jurisdiction_code": "140525"}}
    park = {"type": "Feature", "id": f"park-{unique}", "geometry": {"type": "Polygon", "coordinates": [park_ring]},
            "properties": {"name": "园区", "jurisdiction_code": "140525"}}
    assert client.post("/facilities", json=pool, headers=tokens.admin).status_code == 201
    assert client.post("/parks", json=park, headers=tokens.admin).status_code == 201
    r = client.post(f"/parks/{import_park}/import", files={"file": ("p.geojson", _pool_file(f"i-{unique}", with_z))},
                    headers=tokens.admin)
    assert r.status_code == 200, r.text
    stored = [client.get(path, headers=tokens.admin).json()["geometry"]
              for path in (f"/facilities/pool-{unique}", f"/facilities/pool-i-{unique}", f"/parks/park-{unique}")]
    # Parks are stored as MultiPolygon.
    stored = [g["coordinates"][0][0] if g["type"] == "MultiPolygon" else g["coordinates"][0] for g in stored]
    assert all(all(len(position) == 2 for position in ring) for ring in stored), stored
    assert stored[0] == stored[1]
    assert sum(stored[0], []) == pytest.approx(sum(([x, y] for x, y, _ in ring), []), abs=1e-9)
    assert sum(stored[2], []) == pytest.approx(sum(([x, y] for x, y, _ in park_ring), []), abs=1e-9)


@pytest.mark.parametrize("crs", ["EPSG:3857", {"type": "name", "properties": {"name": "EPSG:32650"}}], ids=str)
def test_a_crs_inside_the_geometry_is_not_ignored(client, tokens, engine, import_park, unique, crs):
    geometry = {**_AREA_OK, "crs": crs}
    pool = {"type": "Feature", "id": f"pool-{unique}", "geometry": geometry,
            "properties": {"kind": "emergency_pool", "name": "池", "capacity_m3": 100, "jurisdiction_code": "140525"}}
    park = {"type": "Feature", "id": f"park-{unique}", "geometry": geometry,
            "properties": {"name": "园区", "jurisdiction_code": "140525"}}
    _problem(client.post("/facilities", json=pool, headers=tokens.admin), "geometry.crs", "坐标系")
    _problem(client.post("/parks", json=park, headers=tokens.admin), "geometry.crs", "坐标系")
    r = client.post(f"/parks/{import_park}/import", files={"file": ("p.geojson", _pool_file(unique, geometry))},
                    headers=tokens.admin)
    _problem(r, "features[0].geometry.crs", "坐标系")
    assert _written(engine, "rm_facilities", "facility_id", f"pool-{unique}") == 0


def test_a_features_own_crs_in_a_file_must_agree_with_the_files(client, tokens, engine, import_park, unique):
    pool = {"type": "Feature", "id": f"pool-{unique}", "crs": "EPSG:3857", "geometry": _AREA_OK,
            "properties": {"kind": "emergency_pool", "name": "池", "capacity_m3": 100}}
    data = json.dumps({"type": "FeatureCollection", "features": [pool]}).encode()
    r = client.post(f"/parks/{import_park}/import", files={"file": ("p.geojson", data)}, headers=tokens.admin)
    _problem(r, "features[0].crs", "坐标系")
    agreeing = {**pool, "crs": "EPSG:4326"}
    data = json.dumps({"type": "FeatureCollection", "features": [agreeing]}).encode()
    assert client.post(f"/parks/{import_park}/import", files={"file": ("p.geojson", data)},
                       headers=tokens.admin).status_code == 200
