"""OGC API – Features (Part 1: core, GeoJSON, OpenAPI 3.0) for every layer of the risk map, under /ogc.

Each layer is read within the caller's scope (see service_layer.access.ReadScope): the shared river network and
emergency resources whole, everything that belongs to an area, a park or an enterprise only where the caller
reaches. GDAL and OWSLib send the same bearer token on every request, so they see what the caller may see.
"""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.errors import EcoSafeError, NotFound
from risk_map.adapters.features_query import extent, query_items
from risk_map.adapters.layers import FEATURE_LAYERS, Layer
from risk_map.entrypoints.dependencies import EngineDep, GeoJSONResponse
from risk_map.entrypoints.geojson_models import Feature, FeatureCollection
from risk_map.service_layer.access import read_scope

router = APIRouter(prefix="/ogc", tags=["OGC API – Features"])

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
# Not conf/oas30: the API definition served (/openapi.json, FastAPI's) is OpenAPI 3.1, not 3.0.
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
]
MAX_LIMIT = 10_000
MAX_OFFSET = 2_147_483_647  # PostgreSQL's OFFSET takes a bigint; no layer comes near this many features


class BadQuery(EcoSafeError):
    status = 400
    code = "bad-query"
    title = "查询参数无效"


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/") + "/ogc"


def _layer(collection_id: str) -> Layer:
    layer = FEATURE_LAYERS.get(collection_id)
    if layer is None:
        raise NotFound(f"图层不存在: {collection_id}; 可用图层: {'、'.join(FEATURE_LAYERS)}", extra={"id": collection_id})
    return layer


def _bbox(raw: str | None) -> tuple[float, float, float, float] | None:
    if raw is None:
        return None
    try:
        parts = [float(v) for v in raw.split(",")]
    except ValueError:
        raise BadQuery("bbox 须为 4 个数: 最小经度,最小纬度,最大经度,最大纬度", extra={"parameter": "bbox"}) from None
    if len(parts) == 6:  # 3-D bbox: drop the heights
        parts = [parts[0], parts[1], parts[3], parts[4]]
    if len(parts) != 4 or not all(math.isfinite(v) for v in parts) or parts[0] > parts[2] or parts[1] > parts[3]:
        raise BadQuery("bbox 须为 4 个数: 最小经度,最小纬度,最大经度,最大纬度 (最小值不大于最大值)", extra={"parameter": "bbox"})
    return parts[0], parts[1], parts[2], parts[3]


def _collection(request: Request, layer: Layer, bbox: list[float] | None) -> dict:
    base = _base(request)
    return {
        "id": layer.id, "title": layer.title, "description": layer.description, "itemType": "feature",
        "crs": [CRS84], "storageCrs": CRS84,
        "extent": {"spatial": {"bbox": [bbox or [73.4, 3.8, 135.2, 53.6]], "crs": CRS84}},
        "links": [
            {"href": f"{base}/collections/{layer.id}", "rel": "self", "type": "application/json", "title": layer.title},
            {"href": f"{base}/collections/{layer.id}/items", "rel": "items", "type": "application/geo+json",
             "title": f"{layer.title} (GeoJSON)"},
        ],
    }


def _openapi_version(request: Request) -> str:
    """The OpenAPI version /openapi.json is written in, as major.minor (FastAPI writes 3.1)."""
    return ".".join(request.app.openapi_version.split(".")[:2])


@router.get("", summary="OGC API 入口 (landing page)")
def landing(request: Request, principal: CurrentPrincipal) -> JSONResponse:
    base = _base(request)
    root = str(request.base_url).rstrip("/")
    return JSONResponse({
        "title": "风险一张图 OGC API – Features", "description": "园区、企业三道防线、河流与应急资源各图层",
        "links": [
            {"href": base, "rel": "self", "type": "application/json", "title": "本页"},
            {"href": f"{root}/openapi.json", "rel": "service-desc",
             "type": f"application/vnd.oai.openapi+json;version={_openapi_version(request)}",
             "title": f"OpenAPI {_openapi_version(request)} 定义"},
            {"href": f"{root}/docs", "rel": "service-doc", "type": "text/html", "title": "接口文档"},
            {"href": f"{base}/conformance", "rel": "conformance", "type": "application/json", "title": "符合性声明"},
            {"href": f"{base}/collections", "rel": "data", "type": "application/json", "title": "图层列表"},
        ]})


@router.get("/conformance", summary="符合性声明 (conformance)")
def conformance(principal: CurrentPrincipal) -> JSONResponse:
    return JSONResponse({"conformsTo": CONFORMANCE})


@router.get("/collections", summary="图层列表")
def collections(request: Request, principal: CurrentPrincipal, engine: EngineDep) -> JSONResponse:
    scope = read_scope(principal)
    with engine.connect() as conn:
        items = [_collection(request, layer, extent(conn, layer, scope)) for layer in FEATURE_LAYERS.values()]
    return JSONResponse({"links": [{"href": f"{_base(request)}/collections", "rel": "self", "type": "application/json"}],
                         "collections": items})


@router.get("/collections/{collection_id}", summary="图层说明")
def collection(collection_id: str, request: Request, principal: CurrentPrincipal, engine: EngineDep) -> JSONResponse:
    layer = _layer(collection_id)
    with engine.connect() as conn:
        return JSONResponse(_collection(request, layer, extent(conn, layer, read_scope(principal))))


@router.get("/collections/{collection_id}/queryables", summary="可筛选属性")
def queryables(collection_id: str, request: Request, principal: CurrentPrincipal) -> JSONResponse:
    layer = _layer(collection_id)
    return JSONResponse({"type": "object", "title": layer.title,
                         "$id": f"{_base(request)}/collections/{layer.id}/queryables",
                         "properties": {name: {"type": "string"} for name in layer.queryables}})


@router.get("/collections/{collection_id}/items", response_class=GeoJSONResponse, response_model=FeatureCollection, summary="图层要素 (GeoJSON)",
            description="支持 bbox (经纬度)、分页 (limit, offset) 以及按属性筛选 (见 queryables), 如 ?valve_state=open。"
                        "只返回调用者管辖范围内的要素 (河流、敏感目标、应急资源等公共图层全部返回)。")
def items(collection_id: str, request: Request, principal: CurrentPrincipal, engine: EngineDep,
          limit: Annotated[int, Query(ge=1, description=f"每页要素数; 超过 {MAX_LIMIT} 时按 {MAX_LIMIT} 返回 "
                                                          "(OGC API – Features: 服务端可调小 limit)")] = 100,
          offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="跳过的要素数")] = 0,
          bbox: Annotated[str | None, Query(description="最小经度,最小纬度,最大经度,最大纬度")] = None):
    layer = _layer(collection_id)
    # OGC API – Features /req/core/fc-limit-response-1: a larger limit is served as the maximum, not refused.
    limit = min(limit, MAX_LIMIT)
    filters = {k: v for k, v in request.query_params.items() if k in layer.queryables}
    with engine.connect() as conn:
        page = query_items(conn, layer, bbox=_bbox(bbox), filters=filters, limit=limit, offset=offset,
                           scope=read_scope(principal))
    url = request.url
    links = [{"href": str(url), "rel": "self", "type": "application/geo+json"},
             {"href": f"{_base(request)}/collections/{layer.id}", "rel": "collection", "type": "application/json"}]
    if offset + len(page.features) < page.matched:
        links.append({"href": str(url.include_query_params(offset=offset + limit, limit=limit)), "rel": "next",
                      "type": "application/geo+json"})
    if offset > 0:
        links.append({"href": str(url.include_query_params(offset=max(offset - limit, 0), limit=limit)), "rel": "prev",
                      "type": "application/geo+json"})
    return GeoJSONResponse({"type": "FeatureCollection", "features": page.features, "numberMatched": page.matched,
                            "numberReturned": len(page.features), "links": links})


@router.get("/collections/{collection_id}/items/{feature_id}", response_class=GeoJSONResponse, response_model=Feature, summary="单个要素")
def item(collection_id: str, feature_id: str, request: Request, principal: CurrentPrincipal, engine: EngineDep):
    layer = _layer(collection_id)
    with engine.connect() as conn:
        page = query_items(conn, layer, bbox=None, filters={}, limit=1, offset=0, scope=read_scope(principal),
                           feature_id=feature_id)
    if not page.features:
        raise NotFound(f"图层 {layer.title} 中没有要素 {feature_id}", extra={"id": feature_id})
    feature = page.features[0]
    base = _base(request)
    feature["links"] = [
        {"href": f"{base}/collections/{layer.id}/items/{feature_id}", "rel": "self", "type": "application/geo+json"},
        {"href": f"{base}/collections/{layer.id}", "rel": "collection", "type": "application/json"}]
    return GeoJSONResponse(feature)
