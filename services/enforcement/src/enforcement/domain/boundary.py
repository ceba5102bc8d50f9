"""厂区边界 (plant boundary): a GeoJSON Polygon in longitude/latitude, checked before it enters the register."""

from __future__ import annotations

import json
import math

import shapely
from shapely.geometry import shape

# A plant larger than this is a typo (degrees instead of a local outline), not a plant: ~ 30 km × 30 km.
MAX_EXTENT_DEGREES = 0.3


def normalise(geojson: dict) -> tuple[str | None, str | None]:
    """(canonical GeoJSON text, None) for a valid Polygon, else (None, the Chinese reason)."""
    if not isinstance(geojson, dict) or geojson.get("type") != "Polygon":
        return None, "厂区边界必须是 GeoJSON Polygon (type 为 \"Polygon\")"
    rings = geojson.get("coordinates")
    if not isinstance(rings, list) or not rings:
        return None, "厂区边界缺少 coordinates (线性环的数组)"
    for ring in rings:
        if not isinstance(ring, list) or len(ring) < 4:
            return None, "厂区边界的每个环至少需要 4 个坐标点 (首尾相同)"
        for position in ring:
            reason = _position_problem(position)
            if reason:
                return None, reason
        if ring[0] != ring[-1]:
            return None, "厂区边界的环必须闭合 (首尾坐标相同)"
    try:
        polygon = shape(geojson)
    except (ValueError, TypeError, shapely.errors.ShapelyError) as exc:
        return None, f"厂区边界无法解析: {exc}"
    if not polygon.is_valid:
        return None, f"厂区边界不是有效的多边形 ({shapely.is_valid_reason(polygon)})"
    if polygon.area == 0:
        return None, "厂区边界面积为零"
    min_x, min_y, max_x, max_y = polygon.bounds
    if max_x - min_x > MAX_EXTENT_DEGREES or max_y - min_y > MAX_EXTENT_DEGREES:
        return None, f"厂区边界范围超过 {MAX_EXTENT_DEGREES} 度, 请检查坐标 (应为 WGS 84 经纬度)"
    canonical = {"type": "Polygon", "coordinates": [[[float(x), float(y)] for x, y in ring] for ring in rings]}
    return json.dumps(canonical, separators=(",", ":")), None


def contains_near(boundary_geojson: str, lon: float, lat: float, tolerance_degrees: float = 0.01) -> bool:
    """True if the point lies in the boundary or within ~1 km of it (a register point is often the gate)."""
    polygon = shape(json.loads(boundary_geojson))
    return polygon.distance(shapely.Point(lon, lat)) <= tolerance_degrees


def _position_problem(position) -> str | None:
    if (not isinstance(position, list) or len(position) not in (2, 3)
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in position)):
        return "厂区边界的坐标应为 [经度, 纬度]"
    lon, lat = position[0], position[1]
    if not (math.isfinite(lon) and math.isfinite(lat)) or not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return f"厂区边界坐标超出范围: [{lon}, {lat}] (经度 -180~180, 纬度 -90~90, WGS 84)"
    return None
