"""Geometry at the door: declared CRS, lon/lat order, China's extent and validity, with errors naming the problem."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from risk_map.domain.errors import FieldProblem, InvalidInput
from risk_map.domain.gcj02 import gcj02_to_wgs84

# China's extent (mainland, Hainan and the South China Sea islands' northern part; Heilongjiang to Zengmu).
CHINA_LON = (73.4, 135.2)
CHINA_LAT = (3.8, 53.6)

# Accepted declarations → canonical name. CGCS2000 (EPSG:4490) differs from WGS 84 by centimetres: stored as given.
_CRS_ALIASES = {
    "EPSG:4326": "EPSG:4326", "WGS84": "EPSG:4326", "CRS84": "EPSG:4326",
    "URN:OGC:DEF:CRS:EPSG::4326": "EPSG:4326", "URN:OGC:DEF:CRS:OGC:1.3:CRS84": "EPSG:4326",
    "HTTP://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84": "EPSG:4326", "HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/4326": "EPSG:4326",
    "EPSG:4490": "EPSG:4490", "CGCS2000": "EPSG:4490", "URN:OGC:DEF:CRS:EPSG::4490": "EPSG:4490",
    "HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/4490": "EPSG:4490",
    "GCJ-02": "GCJ-02", "GCJ02": "GCJ-02",
}
STORED_SRID = 4326
_REASON = re.compile(r"^(?P<what>[^\[]+)\[(?P<x>[-0-9.eE]+) (?P<y>[-0-9.eE]+)\]")
_REASON_LABELS = {
    "Self-intersection": "几何自相交",
    "Ring Self-intersection": "环自相交",
    "Too few points in geometry component": "几何组成部分点数不足",
    "Invalid Coordinate": "坐标无效",
    "Nested shells": "多边形外环嵌套",
    "Hole lies outside shell": "内环位于外环之外",
    "Interior is disconnected": "多边形内部不连通",
    "Ring not closed": "环未闭合",
    "Duplicate Rings": "重复的环",
    "Nested holes": "内环嵌套",
    "Self-intersection ": "几何自相交",
}


@dataclass(frozen=True)
class CleanGeometry:
    """A validated geometry in EPSG:4326 lon/lat and what the submitter declared."""

    geometry: BaseGeometry
    declared_crs: str

    @property
    def geojson(self) -> str:
        return json.dumps(mapping(self.geometry), separators=(",", ":"))


def canonical_crs(declared: object, field: str = "crs") -> str:
    """The canonical name of a declared CRS (string or legacy GeoJSON `crs` object); 422 for anything else."""
    if declared is None or declared == "":
        return "EPSG:4326"
    name = declared
    if isinstance(declared, dict):
        properties = declared.get("properties")
        name = properties.get("name") if isinstance(properties, dict) else None
    if not isinstance(name, str) or name.strip().upper() not in _CRS_ALIASES:
        shown = name[:80] if isinstance(name, str) else name if isinstance(name, (int, float)) else None
        raise InvalidInput(
            f"不支持的坐标系 {shown!r}: 只接受 EPSG:4326 (WGS 84)、EPSG:4490 (CGCS2000) 或明确声明的 GCJ-02",
            [FieldProblem(field, "坐标系须为 EPSG:4326、EPSG:4490 或 GCJ-02")])
    return _CRS_ALIASES[name.strip().upper()]


def feature_crs(feature: dict, declared: object, where: str = "") -> object:
    """The CRS a Feature declares: the request's own `crs` first, else the Feature's; never one among its properties."""
    props = feature.get("properties")
    if isinstance(props, dict) and "crs" in props:
        raise _problem(f"{where}properties.crs",
                       "坐标系须在 Feature 的 crs 成员 (或导入表单的 crs 字段) 声明, 不能写在 properties 中 (否则会被忽略)")
    own = feature.get("crs")
    if declared is None or own is None:
        return declared if declared is not None else own
    # Both stated (a feature's own crs inside an imported file): they must agree, never one silently ignored.
    if canonical_crs(own, f"{where}crs") != canonical_crs(declared):
        raise _problem(f"{where}crs", f"要素声明的坐标系 {own!r} 与文件的坐标系不一致")
    return declared


def _problem(field: str, message: str) -> InvalidInput:
    return InvalidInput(message, [FieldProblem(field, message)])


def _coords(geom: BaseGeometry):
    return shapely.get_coordinates(geom)


def clean_geometry(raw: object, *, declared_crs: object = None, allowed_types: frozenset[str] | None = None,
                   field: str = "geometry") -> CleanGeometry:
    """Validate a GeoJSON geometry object and return it in EPSG:4326; every failure names its problem.

    The one gate every path goes through (POST /facilities, /parks, /incidents and the bulk import): the structure
    is checked position by position before shapely sees it, so nothing is repaired (a ring left open is refused,
    not closed) and no library's message reaches the user. A third number (height) is dropped everywhere.
    """
    crs = canonical_crs(declared_crs)
    if isinstance(raw, dict) and raw.get("crs") is not None:
        # GeoJSON (2008) let a geometry carry its own crs: honoured when it agrees, never ignored.
        own = canonical_crs(raw["crs"], f"{field}.crs")
        if declared_crs is not None and own != crs:
            raise _problem(f"{field}.crs", f"几何声明的坐标系 {own} 与 Feature 声明的 {crs} 不一致")
        crs = own
    geometry_type = check_structure(raw, field)
    if allowed_types is not None and geometry_type not in allowed_types:
        raise _problem(f"{field}.type", f"几何类型 {geometry_type} 不适用, 应为 {'、'.join(sorted(allowed_types))} 之一")
    try:
        geom = shape(raw)
    except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.GEOSException) as exc:
        # check_structure lets through only what shapely can build; this is a last line, not a message source.
        raise _problem(f"{field}.coordinates", "坐标结构无效") from exc
    coords = _coords(geom)
    if not all(math.isfinite(v) for v in coords.ravel()):
        raise _problem(f"{field}.coordinates", "坐标含非数值 (NaN 或无穷大)")
    if shapely.has_z(geom):
        geom = shapely.force_2d(geom)
        coords = _coords(geom)
    lons, lats = coords[:, 0], coords[:, 1]
    if ((lons < -180) | (lons > 180) | (lats < -90) | (lats > 90)).any():
        if ((lats >= CHINA_LON[0]) & (lats <= CHINA_LON[1]) & (lons >= CHINA_LAT[0]) & (lons <= CHINA_LAT[1])).all():
            raise _problem(f"{field}.coordinates", "坐标顺序错误: 应为 [经度, 纬度], 收到的似为 [纬度, 经度]")
        raise _problem(f"{field}.coordinates", "坐标超出经纬度范围 (经度 -180~180, 纬度 -90~90); 是否误用了投影坐标?")
    inside = (lons >= CHINA_LON[0]) & (lons <= CHINA_LON[1]) & (lats >= CHINA_LAT[0]) & (lats <= CHINA_LAT[1])
    if not inside.all():
        swapped = ((lats >= CHINA_LON[0]) & (lats <= CHINA_LON[1]) & (lons >= CHINA_LAT[0]) & (lons <= CHINA_LAT[1]))
        if swapped.all():
            raise _problem(f"{field}.coordinates", "坐标顺序错误: 应为 [经度, 纬度], 收到的似为 [纬度, 经度]")
        i = int((~inside).argmax())
        raise _problem(f"{field}.coordinates",
                       f"坐标 ({lons[i]:.6f}, {lats[i]:.6f}) 不在中国范围内 (经度 73.4~135.2, 纬度 3.8~53.6)")
    if not geom.is_valid:
        raise _problem(field, _validity_message(geom))
    if crs == "GCJ-02":
        geom = shapely.transform(geom, _gcj_to_wgs, interleaved=False)
    return CleanGeometry(geom, crs)


def _gcj_to_wgs(xs, ys):
    out = [gcj02_to_wgs84(float(x), float(y)) for x, y in zip(xs, ys)]
    return [p[0] for p in out], [p[1] for p in out]


def _validity_message(geom: BaseGeometry) -> str:
    reason = explain_validity(geom)
    match = _REASON.match(reason)
    if match:
        what = match.group("what").strip()
        label = _REASON_LABELS.get(what, what)
        return f"几何无效: {label} (位置 {float(match.group('x')):.6f}, {float(match.group('y')):.6f})"
    return f"几何无效: {_REASON_LABELS.get(reason, reason)}"


# GeoJSON geometry types the map stores, and how deep their coordinate arrays nest (0: one position).
_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}


def check_structure(raw: object, field: str = "geometry") -> str:
    """The geometry's type once its GeoJSON structure holds; else a 422 naming the exact array at fault."""
    if raw is None:
        raise _problem(field, "缺少几何 (geometry 为 null)")
    if not isinstance(raw, dict):
        raise _problem(field, "几何须为 GeoJSON 几何对象 (含 type 与 coordinates)")
    geometry_type = raw.get("type")
    if geometry_type is None:
        raise _problem(f"{field}.type", f"缺少几何类型 (type): 须为 {'、'.join(_DEPTH)} 之一")
    if not isinstance(geometry_type, str) or geometry_type not in _DEPTH:
        shown = geometry_type if isinstance(geometry_type, (str, int, float)) else type(geometry_type).__name__
        raise _problem(f"{field}.type", f"不支持的几何类型 {str(shown)[:40]!r}: 须为 {'、'.join(_DEPTH)} 之一")
    coordinates = raw.get("coordinates")
    where = f"{field}.coordinates"
    if coordinates is None:
        raise _problem(where, "缺少坐标 (coordinates)")
    if not isinstance(coordinates, (list, tuple)):
        raise _problem(where, "坐标 (coordinates) 须为数组")
    if not coordinates:
        raise _problem(where, "几何为空 (coordinates 为空数组)")
    _PARTS[geometry_type](coordinates, where)
    return geometry_type


def _array(value: object, where: str, what: str) -> list:
    if not isinstance(value, (list, tuple)):
        raise _problem(where, f"{what}须为数组")
    if not value:
        raise _problem(where, f"{what}为空")
    return value


def _position(value: object, where: str) -> None:
    if not isinstance(value, (list, tuple)):
        raise _problem(where, "位置须为数组 [经度, 纬度]")
    if len(value) not in (2, 3):
        raise _problem(where, f"位置须为 [经度, 纬度] 两个数 (可另带高程, 共三个), 收到 {len(value)} 个")
    for v in value:
        if isinstance(v, str):
            raise _problem(where, f"坐标须为数字, 不能是字符串 (收到 {v[:20]!r})")
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise _problem(where, f"坐标须为数字 (收到 {type(v).__name__})")
        if not math.isfinite(v):
            raise _problem(where, "坐标含非数值 (NaN 或无穷大)")


def _positions(value: object, where: str, what: str, minimum: int) -> list:
    positions = _array(value, where, what)
    for i, position in enumerate(positions):
        _position(position, f"{where}[{i}]")
    if len(positions) < minimum:
        raise _problem(where, f"{what}点数不足: 至少需要 {minimum} 个位置, 收到 {len(positions)} 个")
    return positions


def _line(value: object, where: str) -> None:
    _positions(value, where, "线", 2)


def _ring(value: object, where: str) -> None:
    ring = _positions(value, where, "环", 4)
    if list(ring[0][:2]) != list(ring[-1][:2]):
        raise _problem(where, f"环未闭合: 首尾位置须相同 (首 {list(ring[0][:2])}, 尾 {list(ring[-1][:2])}); 不会自动闭合")


def _polygon(value: object, where: str) -> None:
    for i, ring in enumerate(_array(value, where, "多边形")):
        _ring(ring, f"{where}[{i}]")


def _each(part):
    def check(value: object, where: str) -> None:
        for i, item in enumerate(value):
            part(item, f"{where}[{i}]")
    return check


_PARTS = {"Point": _position, "MultiPoint": _each(_position), "LineString": _line, "MultiLineString": _each(_line),
          "Polygon": _polygon, "MultiPolygon": _each(_polygon)}
