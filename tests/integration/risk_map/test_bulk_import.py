"""Bulk import of a park's facilities from GeoJSON, zipped Shapefile and GeoPackage: all or nothing, with a report."""

from __future__ import annotations

import io
import json
import zipfile

import geopandas as gpd
import pytest
from shapely.geometry import Point, Polygon
from sqlalchemy import text

from rm_helpers import new_park


@pytest.fixture
def park(client, tokens, unique):
    return new_park(client, tokens.admin, f"park-{unique}", "导入测试园区", 0.02)


def _count(engine, park_id: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM rm_facilities WHERE park_id = :p"), {"p": park_id}).scalar()


def _collection(lon, lat, unique, bad: bool) -> dict:
    features = [
        {"type": "Feature", "id": f"pool-{unique}", "geometry": {"type": "Point", "coordinates": [lon, lat]},
         "properties": {"kind": "emergency_pool", "name": "园区公共事故应急池", "capacity_m3": 8000}},
        {"type": "Feature", "id": f"gate-{unique}", "geometry": {"type": "Point", "coordinates": [lon + 0.01, lat]},
         "properties": {"kind": "river_gate", "name": "园区出口闸", "gate_state": "open", "remote_controllable": True}},
        {"type": "Feature", "id": f"space-{unique}", "geometry": {"type": "Polygon", "coordinates": [[
            [lon, lat], [lon + 0.002, lat + 0.002], [lon + 0.002, lat], [lon, lat + 0.002], [lon, lat]] if bad else [
            [lon, lat], [lon + 0.002, lat], [lon + 0.002, lat + 0.002], [lon, lat + 0.002], [lon, lat]]]},
         "properties": {"kind": "emergency_space", "name": "园区坑塘", "space_type": "pond", "storage_volume_m3": 20000}},
    ]
    if bad:
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lat, lon]},
                         "properties": {"kind": "material_depot", "name": "物资库"}})
    return {"type": "FeatureCollection", "features": features}


def test_a_geojson_with_bad_features_is_refused_whole_with_a_report(client, tokens, engine, park, unique):
    park_id, lon, lat = park
    data = json.dumps(_collection(lon, lat, unique, bad=True)).encode()
    r = client.post(f"/parks/{park_id}/import", files={"file": ("park.geojson", data, "application/geo+json")},
                    headers=tokens.headers("park_operator", park_id=park_id))
    assert r.status_code == 422, r.text
    report = r.json()
    assert report["feature_count"] == 4 and len(report["rejected"]) == 2
    reasons = {row["index"]: row["problems"][0]["message"] for row in report["rejected"]}
    assert "自相交" in reasons[2] and "坐标顺序错误" in reasons[3]
    assert _count(engine, park_id) == 0  # nothing imported


def test_a_good_geojson_is_imported_whole_and_a_reimport_changes_nothing(client, tokens, engine, park, unique):
    park_id, lon, lat = park
    data = json.dumps(_collection(lon, lat, unique, bad=False)).encode()
    operator = tokens.headers("park_operator", park_id=park_id)
    r = client.post(f"/parks/{park_id}/import", files={"file": ("park.geojson", data)}, headers=operator)
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 3 and _count(engine, park_id) == 3
    again = client.post(f"/parks/{park_id}/import", files={"file": ("park.geojson", data)}, headers=operator).json()
    assert again["created"] == 0 and again["updated"] == 0 and again["unchanged"] == 3
    other = tokens.headers("park_operator", park_id="park-other")  # out of reach: as for an unknown park
    r = client.post(f"/parks/{park_id}/import", files={"file": ("park.geojson", data)}, headers=other)
    assert r.status_code == 404 and r.json()["detail"] == f"园区不存在或已撤销: {park_id}"


@pytest.mark.filterwarnings("ignore:Column names longer than 10 characters", "ignore:Normalized/laundered field name")
def test_a_zipped_shapefile_is_imported(client, tokens, engine, park, unique, tmp_path):
    park_id, lon, lat = park
    frame = gpd.GeoDataFrame({"id": [f"p1-{unique}", f"p2-{unique}"], "kind": ["emergency_pool"] * 2,
                              "name": ["1号公共池", "2号公共池"], "capacity_m3": [3000.0, 2000.0]},
                             geometry=[Point(lon, lat), Point(lon + 0.001, lat)], crs="EPSG:4490")
    frame.to_file(tmp_path / "pools.shp", engine="pyogrio", encoding="UTF-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for path in tmp_path.iterdir():
            z.write(path, path.name)
    r = client.post(f"/parks/{park_id}/import", files={"file": ("pools.zip", buffer.getvalue())}, headers=tokens.admin)
    assert r.status_code == 200, r.text
    assert r.json()["file_type"] == "Shapefile" and r.json()["created"] == 2
    pool = client.get(f"/facilities/p1-{unique}", headers=tokens.admin).json()
    assert pool["properties"]["capacity_m3"] == 3000 and pool["properties"]["declared_crs"] == "EPSG:4490"


def test_a_geopackage_with_one_layer_per_kind_is_imported_and_a_projected_crs_is_converted(client, tokens, park, unique,
                                                                                          tmp_path):
    park_id, lon, lat = park
    path = tmp_path / "park.gpkg"
    gpd.GeoDataFrame({"id": [f"t-{unique}"], "name": ["园区应急队"], "members": [15]},
                     geometry=[Point(lon, lat)], crs="EPSG:4326").to_file(path, layer="response_team", engine="pyogrio")
    projected = gpd.GeoDataFrame({"id": [f"s-{unique}"], "name": ["园区北坑塘"], "space_type": ["pond"],
                                  "storage_volume_m3": [12000.0]},
                                 geometry=[Polygon([(lon, lat), (lon + 0.002, lat), (lon + 0.002, lat + 0.002),
                                                    (lon, lat + 0.002)])], crs="EPSG:4326").to_crs(3857)
    projected.to_file(path, layer="emergency_space", engine="pyogrio")
    r = client.post(f"/parks/{park_id}/import", files={"file": ("park.gpkg", path.read_bytes())}, headers=tokens.admin)
    assert r.status_code == 200, r.text
    assert r.json()["file_type"] == "GeoPackage" and r.json()["created"] == 2
    space = client.get(f"/facilities/s-{unique}", headers=tokens.admin).json()
    assert space["geometry"]["coordinates"][0][0][0] == pytest.approx(lon, abs=1e-6)
    assert space["properties"]["declared_crs"] == "EPSG:3857"  # the CRS the file stated, not the one stored


def test_an_unknown_file_type_is_refused(client, tokens, park):
    r = client.post(f"/parks/{park[0]}/import", files={"file": ("park.kml", b"<kml/>")}, headers=tokens.admin)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "file"


def _zip_without_a_shapefile() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "no shapefile here")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content", "says"), [
    ("park.zip", b"PK\x03\x04 not really a zip", "Shapefile 压缩包"),
    ("park.zip", _zip_without_a_shapefile(), "Shapefile 压缩包"),
    ("park.gpkg", b"SQLite format 3\x00 not really a geopackage", "GeoPackage"),
])
def test_an_unreadable_file_is_refused_in_chinese_without_gdal_s_message(client, tokens, engine, park, name, content,
                                                                         says):
    r = client.post(f"/parks/{park[0]}/import", files={"file": (name, content)}, headers=tokens.admin)
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json"), r.text
    problem = r.json()
    assert problem["errors"][0]["field"] == "file" and says in problem["detail"], problem
    # Neither GDAL's English nor the server's temporary path reaches the user.
    assert "/tmp" not in r.text and "vsizip" not in r.text and "supported" not in r.text, problem
    assert _count(engine, park[0]) == 0
