"""Read a park's uploaded GIS file (GeoJSON, zipped Shapefile, GeoPackage) into GeoJSON Features with geopandas."""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pyogrio
from shapely.geometry import mapping

from risk_map.domain.errors import invalid
from risk_map.domain.kinds import RULES, FacilityKind

_SUFFIXES = {".geojson": "GeoJSON", ".json": "GeoJSON", ".zip": "Shapefile", ".gpkg": "GeoPackage"}
_ACCEPTED_EPSG = {4326: "EPSG:4326", 4490: "EPSG:4490"}


@dataclass(frozen=True)
class ReadFeature:
    layer: str
    index: int
    feature: dict
    declared_crs: str


def _clean(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()  # numpy scalars → plain Python
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


def read_features(filename: str, content: bytes, declared_crs: str | None) -> tuple[str, list[ReadFeature]]:
    """Every feature of every layer; a file in another CRS with a known definition is reprojected to EPSG:4326."""
    suffix = Path(filename).suffix.lower()
    if suffix not in _SUFFIXES:
        raise invalid("file", "文件类型须为 GeoJSON (.geojson/.json)、Shapefile 压缩包 (.zip) 或 GeoPackage (.gpkg)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(content)
        source = f"/vsizip/{path}" if suffix == ".zip" else str(path)
        try:
            layers = [name for name, _ in pyogrio.list_layers(source)]
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
            raise invalid("file", f"无法读取文件: {exc}") from exc
        out: list[ReadFeature] = []
        for layer in layers:
            try:
                frame = gpd.read_file(source, layer=layer, engine="pyogrio")
            except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as exc:
                raise invalid("file", f"无法读取图层 {layer}: {exc}") from exc
            crs = declared_crs
            if frame.crs is not None:
                epsg = frame.crs.to_epsg()
                if epsg in _ACCEPTED_EPSG:
                    crs = _ACCEPTED_EPSG[epsg]
                else:
                    frame = frame.to_crs(4326)  # a stated projected CRS (e.g. CGCS2000 高斯-克吕格) is converted exactly
                    crs = "EPSG:4326"
            for i, (_, row) in enumerate(frame.iterrows()):
                props = {k: _clean(v) for k, v in row.items() if k != "geometry"}
                props = {k: v for k, v in props.items() if v is not None}
                props.setdefault("kind", layer if suffix == ".gpkg" else None)
                if suffix == ".zip":
                    props = _untruncate(props)
                props = _coerce(props)
                geometry = row.geometry
                feature = {"type": "Feature", "id": props.pop("id", None) or props.pop("facility_id", None),
                           "geometry": mapping(geometry) if geometry is not None else None, "properties": props}
                out.append(ReadFeature(layer, i, feature, crs))
    return _SUFFIXES[suffix], out
