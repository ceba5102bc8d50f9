"""Helpers of the risk-map tests: GeoJSON builders."""

from __future__ import annotations

from datetime import datetime, timezone


def feature(kind: str, name: str, geometry: dict, fid: str | None = None, **props) -> dict:
    body = {"type": "Feature", "geometry": geometry, "properties": {"kind": kind, "name": name, **props}}
    if fid:
        body["id"] = fid
    return body


def point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def square(lon: float, lat: float, d: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d],
                                                [lon - d, lat + d], [lon - d, lat - d]]]}


def now() -> str:
    return datetime.now(timezone.utc).isoformat()
