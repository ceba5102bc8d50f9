"""Read a park's uploaded GIS file (GeoJSON, zipped Shapefile, GeoPackage) into GeoJSON Features, geometry unrepaired.

GeoJSON is parsed as JSON, so every geometry reaches the one validation gate (`domain.geometry.clean_geometry`) as
written: GDAL would close an open ring or read a string as a number. Shapefiles and GeoPackages are binary and
read with pyogrio, one feature at a time, so a geometry GEOS cannot build is reported with its feature.
"""

from __future__ import annotations

import json
import math
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyogrio
import pyogrio.raw
import pyproj
import shapely
from shapely.geometry import mapping, shape

from risk_map.domain.errors import FieldProblem, InvalidInput, invalid
from risk_map.domain.geometry import canonical_crs, check_structure
from risk_map.domain.kinds import RULES, FacilityKind

_SUFFIXES = {".geojson": "GeoJSON", ".json": "GeoJSON", ".zip": "Shapefile", ".gpkg": "GeoPackage"}
_KEPT_EPSG = {4326: "EPSG:4326", 4490: "EPSG:4490"}


@dataclass(frozen=True)
class ReadFeature:
    """One feature as read: `check_crs` is what its geometry is validated as, `source_crs` what the file stated."""

    layer: str
    index: int
    feature: object
    check_crs: str
    source_crs: str
    problem: FieldProblem | None = None


@dataclass(frozen=True)
class _Source:
    check_crs: str
    source_crs: str
    transformer: pyproj.Transformer | None = None


def _clean(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        value = value.item()  # numpy scalars → plain Python
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _untruncate(props: dict) -> dict:
    """Shapefile field names stop at 10 characters (capacity_m3 → capacity_m): restore the kind's own names."""
    try:
        known = list(RULES[FacilityKind(props.get("kind"))].attributes) + ["enterprise_id", "jurisdiction_code"]
    except ValueError:
        return props
    out = {}
    for key, value in props.items():
        matches = [k for k in known if len(key) == 10 and k.startswith(key)] if key not in known else []
        out[matches[0] if len(matches) == 1 else key] = value
    return out


def _coerce(props: dict) -> dict:
    """Columns mix kinds, so GDAL gives a boolean column with gaps as numbers: turn them back for boolean attributes."""
    try:
        rule = RULES[FacilityKind(props.get("kind"))]
    except ValueError:
        return props
    for key, value in props.items():
        typ = rule.attributes.get(key, (None,))[0]
        if typ == "boolean" and value in (0, 1) and not isinstance(value, bool):
            props[key] = bool(value)
        elif typ == "boolean" and isinstance(value, str) and value.lower() in ("true", "false"):
            props[key] = value.lower() == "true"
    return props


def _source(stated: object, declared: str, field: str) -> _Source:
    """How a file's stated CRS is handled: 4326/4490/GCJ-02 kept, another EPSG CRS reprojected, anything else 422."""
    if stated is None:
        return _Source(declared, declared)
    name = stated
    if isinstance(stated, dict):
        name = (stated.get("properties") or {}).get("name")
    try:
        kept = canonical_crs(name, field)
        return _Source(kept, kept)
    except InvalidInput:
        pass
    epsg = None
    if isinstance(name, str) and name.strip():
        try:
            epsg = pyproj.CRS.from_user_input(name).to_epsg()
        except pyproj.exceptions.CRSError:
            epsg = None
    if epsg is None:
        shown = name[:80] if isinstance(name, str) else name
        raise invalid(field, f"文件声明的坐标系 {shown!r} 无法识别 (没有对应的 EPSG 代码); 请以 EPSG:4326、EPSG:4490 "
                             f"或有 EPSG 代码的投影坐标系 (如 CGCS2000 高斯-克吕格 EPSG:4547) 导出")
    if epsg in _KEPT_EPSG:
        return _Source(_KEPT_EPSG[epsg], _KEPT_EPSG[epsg])
    return _Source("EPSG:4326", f"EPSG:{epsg}", pyproj.Transformer.from_crs(epsg, 4326, always_xy=True))


def _reprojected(geometry: object, source: _Source) -> object:
    """The geometry in lon/lat when the file's CRS is reprojected; a malformed one untouched, for the gate to refuse."""
    if source.transformer is None:
        return geometry
    try:
        check_structure(geometry)
    except InvalidInput:
        return geometry
    moved = shapely.transform(shapely.force_2d(shape(geometry)), source.transformer.transform, interleaved=False)
    return mapping(moved)


def _geojson(content: BinaryIO, declared: str) -> list[ReadFeature]:
    try:
        doc = json.load(content)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError
        raise invalid("file", "GeoJSON 文件无法解析: 须为 UTF-8 编码的有效 JSON") from None
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        features = [doc]
    elif isinstance(doc, dict) and doc.get("type") == "FeatureCollection" and isinstance(doc.get("features"), list):
        features = doc["features"]
    else:
        raise invalid("file", "GeoJSON 文件须为 FeatureCollection (含 features 数组) 或单个 Feature")
    source = _source(doc.get("crs"), declared, "file.crs")
    out = []
    for i, raw in enumerate(features):
        feature = raw
        if isinstance(raw, dict) and isinstance(raw.get("properties") or {}, dict):
            props = {k: v for k, v in (raw.get("properties") or {}).items() if v is not None}
            feature = {**raw, "id": raw.get("id") or props.pop("id", None) or props.pop("facility_id", None),
                       "geometry": _reprojected(raw.get("geometry"), source), "properties": _coerce(props)}
        out.append(ReadFeature("features", i, feature, source.check_crs, source.source_crs))
    return out


# GDAL's own messages are English and name the server's temporary file, so the user is told what the file must be.
_UNREADABLE = {
    ".zip": "无法读取 Shapefile 压缩包: 须为 zip 文件, 内含同名的 .shp、.shx、.dbf (及 .prj) 文件",
    ".gpkg": "无法读取 GeoPackage 文件: 文件已损坏或不是 GeoPackage (.gpkg)",
}


def _binary(source_path: str, suffix: str, declared: str) -> list[ReadFeature]:
    try:
        layers = [name for name, _ in pyogrio.list_layers(source_path)]
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise invalid("file", _UNREADABLE[suffix]) from exc
    out: list[ReadFeature] = []
    for layer in layers:
        try:
            meta, _, wkbs, columns = pyogrio.raw.read(source_path, layer=layer)
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as exc:
            raise invalid("file", f"无法读取图层 {layer}: 图层已损坏或其几何、字段类型无法识别") from exc
        source = _source(meta.get("crs"), declared, f"file.{layer}.crs")
        names = list(meta["fields"])
        for i, wkb in enumerate(wkbs):
            props = {name: _clean(column[i]) for name, column in zip(names, columns)}
            props = {k: v for k, v in props.items() if v is not None}
            props.setdefault("kind", layer if suffix == ".gpkg" else None)
            if suffix == ".zip":
                props = _untruncate(props)
            props = _coerce(props)
            geometry, problem = None, None
            if wkb is not None:
                try:
                    geometry = _reprojected(mapping(shapely.from_wkb(wkb)), source)
                except shapely.errors.GEOSException:
                    problem = FieldProblem(f"{layer}[{i}].geometry",
                                           "几何无法解析: 环未闭合或点数不足等结构错误 (文件中的几何须为有效的 WKB/Shapefile 几何)")
            feature = {"type": "Feature", "id": props.pop("id", None) or props.pop("facility_id", None),
                       "geometry": geometry, "properties": props}
            out.append(ReadFeature(layer, i, feature, source.check_crs, source.source_crs, problem))
    return out


def read_features(filename: str, content: BinaryIO, declared_crs: str | None) -> tuple[str, list[ReadFeature]]:
    """Every feature of every layer, geometry in lon/lat (a file stating another EPSG CRS is reprojected)."""
    suffix = Path(filename).suffix.lower()
    if suffix not in _SUFFIXES:
        raise invalid("file", "文件类型须为 GeoJSON (.geojson/.json)、Shapefile 压缩包 (.zip) 或 GeoPackage (.gpkg)")
    declared = canonical_crs(declared_crs, "crs")
    if _SUFFIXES[suffix] == "GeoJSON":
        return "GeoJSON", _geojson(content, declared)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        with path.open("wb") as out:
            shutil.copyfileobj(content, out)  # in chunks: a 64 MiB upload is never held whole
        return _SUFFIXES[suffix], _binary(f"/vsizip/{path}" if suffix == ".zip" else str(path), suffix, declared)
