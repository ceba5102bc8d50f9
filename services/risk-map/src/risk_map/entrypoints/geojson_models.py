"""Response models of the GeoJSON answers, for the OpenAPI document (routes return their GeoJSON as built)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

GEOJSON = "application/geo+json"


class Geometry(BaseModel):
    """A GeoJSON geometry in CRS84 ([longitude, latitude])."""

    model_config = ConfigDict(extra="allow")
    type: Literal["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"]
    coordinates: list[Any] = Field(description="坐标数组, [经度, 纬度]")


class Link(BaseModel):
    href: str
    rel: str
    type: str | None = None
    title: str | None = None


class Feature(BaseModel):
    """One feature of the risk map: a park, a facility or an OGC item; `properties` depend on its kind or layer."""

    model_config = ConfigDict(extra="allow")
    type: Literal["Feature"]
    id: str | int | None = Field(default=None, description="要素标识")
    geometry: Geometry | None
    properties: dict[str, Any] = Field(description="属性 (设施类别、名称、归属、各类属性)")
    links: list[Link] | None = Field(default=None, description="OGC API 链接 (仅 /ogc)")


class FeatureCollection(BaseModel):
    """An OGC API – Features page of items."""

    model_config = ConfigDict(extra="allow")
    type: Literal["FeatureCollection"]
    features: list[Feature]
    numberMatched: int = Field(description="符合条件的要素总数")
    numberReturned: int = Field(description="本页要素数")
    links: list[Link]
