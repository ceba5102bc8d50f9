"""Warnings (预警信息): what a bureau issues, its checks, the area as a shape, and who in it is reached."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.errors import FieldProblem

KINDS = {"weather": "气象", "flood": "汛情", "other": "其他"}
LEVELS = {"blue": "蓝色", "yellow": "黄色", "orange": "橙色", "red": "红色"}


@dataclass(frozen=True)
class WarningSpec:
    kind: str
    level: str
    title: str
    content: str
    valid_until: datetime
    jurisdiction_code: str | None = None
    area_geojson: str | None = None


@dataclass(frozen=True)
class WarningIssued:
    warning_id: str
    spec: WarningSpec
    enterprise_ids: tuple[str, ...]
    park_ids: tuple[str, ...]
    notification_id: str


def area_of(geojson: str) -> tuple[BaseGeometry | None, str | None]:
    """The polygon of a GeoJSON Polygon / MultiPolygon in lon/lat, or None and what is wrong with it."""
    try:
        data = json.loads(geojson)
        if not isinstance(data, dict) or data.get("type") not in ("Polygon", "MultiPolygon"):
            return None, "应为 GeoJSON Polygon 或 MultiPolygon"
        geometry = shape(data)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        return None, f"不是有效的 GeoJSON 多边形: {exc}"
    if geometry.is_empty:
        return None, "多边形为空"
    minx, miny, maxx, maxy = geometry.bounds
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        return None, "坐标应为经纬度 (EPSG:4326): 经度 -180~180, 纬度 -90~90"
    if not geometry.is_valid:
        return None, f"多边形无效: {explain_validity(geometry)}"
    return geometry, None


def problems_of(spec: WarningSpec, now: datetime) -> list[FieldProblem]:
    problems = []
    if spec.kind not in KINDS:
        problems.append(FieldProblem("kind", f"未知的预警类型: {spec.kind}; 可选: {', '.join(KINDS)}"))
    if spec.level not in LEVELS:
        problems.append(FieldProblem("level", f"未知的预警级别: {spec.level}; 可选: {', '.join(LEVELS)}"))
    if not spec.title.strip():
        problems.append(FieldProblem("title", "标题不能为空"))
    if not spec.content.strip():
        problems.append(FieldProblem("content", "内容不能为空"))
    if spec.valid_until <= now:
        problems.append(FieldProblem("valid_until", "有效期须在现在之后"))
    if (spec.jurisdiction_code is None) == (spec.area_geojson is None):
        problems.append(FieldProblem("area", "须给出区域: 辖区代码 jurisdiction_code 或多边形 area 二者之一"))
    elif spec.jurisdiction_code is not None and not jurisdiction.is_valid_code(spec.jurisdiction_code):
        problems.append(FieldProblem("jurisdiction_code", f"不是有效的行政区划代码: {spec.jurisdiction_code}"))
    elif spec.area_geojson is not None:
        _, wrong = area_of(spec.area_geojson)
        if wrong:
            problems.append(FieldProblem("area", wrong))
    return problems


def inside(area: BaseGeometry, lon: float | None, lat: float | None) -> bool:
    """Whether a registered location lies in the area (its boundary counts as inside)."""
    return lon is not None and lat is not None and area.covers(Point(lon, lat))
