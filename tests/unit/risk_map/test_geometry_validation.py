"""Geometry at the door: a corpus of bad geometries, each refused with a message naming its problem."""

import pytest

from ecosafe_kit.errors import InvalidInput
from risk_map.domain.geometry import canonical_crs, clean_geometry
from risk_map.domain.kinds import AREA, POINT

BOWTIE = {"type": "Polygon", "coordinates": [[[112.90, 35.40], [112.92, 35.42], [112.92, 35.40], [112.90, 35.42], [112.90, 35.40]]]}
SQUARE = {"type": "Polygon", "coordinates": [[[112.90, 35.40], [112.92, 35.40], [112.92, 35.42], [112.90, 35.42], [112.90, 35.40]]]}


@pytest.mark.parametrize(("geometry", "field", "words"), [
    (BOWTIE, "geometry", "自相交"),
    ({"type": "Point", "coordinates": [35.40, 112.90]}, "geometry.coordinates", "坐标顺序错误"),
    ({"type": "Point", "coordinates": [2.35, 48.85]}, "geometry.coordinates", "不在中国范围内"),
    ({"type": "Point", "coordinates": [12560000.0, 4220000.0]}, "geometry.coordinates", "投影坐标"),
    ({"type": "Polygon", "coordinates": [[[112.9, 35.4], [112.91, 35.4], [112.9, 35.4]]]}, "geometry.coordinates[0]", "点数不足"),
    ({"type": "LineString", "coordinates": [[112.9, 35.4], [112.91, 35.41]]}, "geometry.type", "几何类型"),
    ({"type": "Point", "coordinates": []}, "geometry.coordinates", ""),
    ("POINT(112.9 35.4)", "geometry", "GeoJSON"),
    ({"type": "Point", "coordinates": [float("nan"), 35.4]}, "geometry.coordinates", "非数值"),
])
def test_bad_geometry_is_refused_naming_the_problem_and_the_field(geometry, field, words):
    with pytest.raises(InvalidInput) as caught:
        clean_geometry(geometry, allowed_types=POINT | AREA)
    assert caught.value.errors[0].field == field
    assert words in caught.value.detail


def test_self_intersection_names_where():
    with pytest.raises(InvalidInput) as caught:
        clean_geometry(BOWTIE)
    assert "位置 112.910000, 35.410000" in caught.value.detail


@pytest.mark.parametrize("crs", ["EPSG:3857", "EPSG:4214", "BD-09", {"type": "name", "properties": {"name": "EPSG:2383"}},
                                 {"type": "name", "properties": "EPSG:4326"}, ["EPSG:4326"], "x" * 10_000])
def test_an_undeclarable_crs_is_refused(crs):
    with pytest.raises(InvalidInput) as caught:
        canonical_crs(crs)
    assert caught.value.errors[0].field == "crs" and "EPSG:4490" in caught.value.detail


def test_cgcs2000_is_kept_and_gcj02_is_converted_to_wgs84():
    point = {"type": "Point", "coordinates": [121.531541859215, 31.17530398364597]}
    assert clean_geometry(point, declared_crs="EPSG:4490").geometry.coords[0] == (121.531541859215, 31.17530398364597)
    converted = clean_geometry(point, declared_crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}})
    assert converted.declared_crs == "EPSG:4326"
    wgs = clean_geometry(point, declared_crs="GCJ-02")
    assert wgs.declared_crs == "GCJ-02"
    assert wgs.geometry.x == pytest.approx(121.5272106, abs=1e-7) and wgs.geometry.y == pytest.approx(31.1774276, abs=1e-7)


def test_a_valid_polygon_passes_and_drops_z():
    clean = clean_geometry({"type": "Point", "coordinates": [112.9, 35.4, 800]})
    assert clean.geojson == '{"type":"Point","coordinates":[112.9,35.4]}'
    assert clean_geometry(SQUARE, allowed_types=AREA).geometry.area > 0
