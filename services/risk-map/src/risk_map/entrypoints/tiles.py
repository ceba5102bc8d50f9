"""Vector tiles (Mapbox Vector Tile) per layer and a combined set for the web map: /tiles/{layer}/{z}/{x}/{y}.mvt."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import Response

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.errors import InvalidInput, NotFound
from risk_map.adapters.layers import LAYERS
from risk_map.adapters.tiles_query import tile
from risk_map.entrypoints.dependencies import EngineDep
from risk_map.service_layer.access import read_scope

router = APIRouter(prefix="/tiles", tags=["矢量瓦片"])
MVT = "application/vnd.mapbox-vector-tile"
# The web map's combined set: everything but the dense pipe networks, which have their own layers.
COMBINED = [k for k in LAYERS if k not in ("drain_pipes", "park_rain_pipes")]


@router.get("", summary="可用的瓦片图层")
def layers(principal: CurrentPrincipal) -> dict:
    return {"layers": [{"id": k, "title": v.title, "url": f"/tiles/{k}/{{z}}/{{x}}/{{y}}.mvt"} for k, v in LAYERS.items()],
            "combined": {"id": "all", "layers": COMBINED, "url": "/tiles/all/{z}/{x}/{y}.mvt"}}


@router.get("/{layer}/{z}/{x}/{y}.mvt", summary="矢量瓦片", response_class=Response,
            responses={200: {"content": {MVT: {}}, "description": "Mapbox Vector Tile"}},
            description="layer 为图层标识或 all (组合图层); 按缩放级别简化几何。属于辖区、园区或企业的图层只含调用者权限范围内的要素; "
                        "河流、闸坝、敏感目标、应急资源等共享图层对所有登录用户完整显示。")
def get_tile(layer: str, z: Annotated[int, Path(ge=0, le=22)], x: Annotated[int, Path(ge=0)],
             y: Annotated[int, Path(ge=0)], principal: CurrentPrincipal, engine: EngineDep) -> Response:
    if layer != "all" and layer not in LAYERS:
        raise NotFound(f"图层不存在: {layer}", extra={"layer": layer})
    if x >= 2 ** z or y >= 2 ** z:
        raise InvalidInput(f"瓦片坐标超出缩放级别 {z} 的范围 (0..{2 ** z - 1})")
    with engine.connect() as conn:
        data = tile(conn, COMBINED if layer == "all" else [layer], z, x, y, read_scope(principal))
    return Response(data, media_type=MVT, headers={"Cache-Control": "no-cache"})
