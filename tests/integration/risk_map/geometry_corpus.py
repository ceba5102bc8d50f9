"""Bad geometries every entry path must refuse alike: (case, geometry, field under `geometry`, words of the message).

The field is relative to the geometry (`""` is the geometry itself); each path prefixes it with where the geometry sits
(`geometry` for POST /facilities and /parks, `features[i].geometry` in an imported file).
"""

from __future__ import annotations

import random

# A fresh spot each session in western China: the test database is kept between runs, and what a run registers
# here (parks included) must not be found by the next run's geometry, nor near the demo map in 112–113 E.
LON, LAT = round(random.uniform(80.0, 95.0), 3), round(random.uniform(30.0, 45.0), 3)
_RING = [[LON, LAT], [LON + 0.01, LAT], [LON + 0.01, LAT + 0.01], [LON, LAT + 0.01], [LON, LAT]]
_HOLE = [[LON + 0.002, LAT + 0.002], [LON + 0.004, LAT + 0.002], [LON + 0.004, LAT + 0.004], [LON + 0.002, LAT + 0.004]]



def _square(x: float, y: float, d: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]}


BAD_GEOMETRIES = [
    ("null", None, "", "缺少几何"),
    ("not an object", "POINT(112.9 35.4)", "", "GeoJSON 几何对象"),
    ("no type", {"coordinates": [LON, LAT]}, ".type", "几何类型"),
    ("unknown type", {"type": "Circle", "coordinates": [LON, LAT], "radius": 100}, ".type", "不支持的几何类型"),
    ("type not a string", {"type": 7, "coordinates": [LON, LAT]}, ".type", "不支持的几何类型"),
    ("geometry collection", {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [LON, LAT]}]},
     ".type", "不支持的几何类型"),
    ("no coordinates", {"type": "Point"}, ".coordinates", "缺少坐标"),
    ("coordinates not an array", {"type": "Point", "coordinates": "112.9,35.4"}, ".coordinates", "须为数组"),
    ("empty point", {"type": "Point", "coordinates": []}, ".coordinates", "几何为空"),
    ("empty polygon", {"type": "Polygon", "coordinates": []}, ".coordinates", "几何为空"),
    ("one-number position", {"type": "Point", "coordinates": [LON]}, ".coordinates", "[经度, 纬度]"),
    ("four-number position", {"type": "Point", "coordinates": [LON, LAT, 800, 1]}, ".coordinates", "[经度, 纬度]"),
    ("one-number position in a ring", {"type": "Polygon", "coordinates": [[*_RING[:2], [LON], *_RING[3:]]]},
     ".coordinates[0][2]", "[经度, 纬度]"),
    ("string coordinates", {"type": "Point", "coordinates": [str(LON), str(LAT)]}, ".coordinates", "不能是字符串"),
    ("string coordinate in a ring", {"type": "Polygon", "coordinates": [[*_RING[:1], [str(LON + 0.01), LAT], *_RING[2:]]]},
     ".coordinates[0][1]", "不能是字符串"),
    ("boolean coordinate", {"type": "Point", "coordinates": [True, LAT]}, ".coordinates", "须为数字"),
    ("ring one level short", {"type": "Polygon", "coordinates": _RING}, ".coordinates[0][0]", "须为数组"),
    ("unclosed ring", {"type": "Polygon", "coordinates": [_RING[:-1]]}, ".coordinates[0]", "未闭合"),
    ("unclosed hole", {"type": "Polygon", "coordinates": [_RING, _HOLE]}, ".coordinates[1]", "未闭合"),
    ("unclosed ring in a multipolygon", {"type": "MultiPolygon", "coordinates": [[_RING[:-1]]]}, ".coordinates[0][0]",
     "未闭合"),
    ("ring of three positions", {"type": "Polygon", "coordinates": [[_RING[0], _RING[1], _RING[0]]]}, ".coordinates[0]",
     "点数不足"),
    ("self-intersecting ring", {"type": "Polygon", "coordinates": [[[LON, LAT], [LON + 0.02, LAT + 0.02], [LON + 0.02, LAT],
                                                                   [LON, LAT + 0.02], [LON, LAT]]]}, "", "自相交"),
    ("lat/lon swapped", _square(LAT, LON, 0.01), ".coordinates", "坐标顺序错误"),
    ("outside China", _square(13.4, 52.5, 0.01), ".coordinates", "不在中国范围内"),
    ("projected metres", _square(12560000.0, 4220000.0, 500.0), ".coordinates", "投影坐标"),
]

# Words that would mean a library's internals reached the user.
INTERNALS = ("operand", "dimension", "numpy", "GEOS", "Traceback", "object has no attribute", "could not convert")
