"""Map tokens API (地图令牌): a read-only, long-lived, revocable token for QGIS/GDAL on /ogc and /tiles."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line, Text
from risk_map.domain.map_token import DEFAULT_DAYS, MAX_DAYS, MAX_LABEL
from risk_map.entrypoints.dependencies import EngineDep, StoreDep
from risk_map.service_layer import map_tokens as uc

router = APIRouter(prefix="/map-tokens", tags=["地图令牌 (桌面 GIS)"])


class MapTokenIn(BaseModel):
    label: Line = Field(default="", max_length=MAX_LABEL, description="用途说明, 如 值班室 QGIS")
    days: int = Field(default=DEFAULT_DAYS, ge=1, le=MAX_DAYS, description=f"有效期 (天), 默认 {DEFAULT_DAYS}")


class RevokeIn(BaseModel):
    reason: Text = Field(min_length=1, max_length=500, description="撤销原因")


@router.post("", status_code=201, summary="签发地图令牌",
             description="为桌面 GIS (QGIS、GDAL) 签发只读令牌: 只能 GET /ogc 与 /tiles, 读取范围与签发人相同 (签发时的角色、"
                         "辖区、园区、企业), 有效期默认 180 天、最长 366 天, 可随时撤销。令牌只在此次响应中出现一次, "
                         "服务只保存其 SHA-256。签发记为 MapTokenIssued (签名人即持有人)。")
def issue(body: MapTokenIn, principal: CurrentPrincipal, store: StoreDep) -> dict:
    record, token = uc.issue_map_token(store, principal, body.label, body.days)
    return {**record, "token": token,
            "usage": {"header": f"Authorization: Bearer {token}",
                      "explanation": "在 QGIS 的 API Header 认证或 GDAL 的 GDAL_HTTP_HEADER_FILE 中使用; 只能读取 /ogc 与 /tiles"}}


@router.get("", summary="我的地图令牌", description="调用者签发的地图令牌 (不含令牌本身): 状态 active/expired/revoked。")
def mine(principal: CurrentPrincipal, engine: EngineDep) -> list[dict]:
    return uc.my_map_tokens(engine, principal)


@router.post("/{token_id}/revoke", summary="撤销地图令牌",
             description="持有人、管理员或辖区覆盖持有人辖区的政府用户可撤销 (MapTokenRevoked); 撤销后令牌立即失效。"
                         "他人的令牌按不存在处理 (404)。")
def revoke(token_id: str, body: RevokeIn, principal: CurrentPrincipal, store: StoreDep) -> dict:
    return uc.revoke_map_token(store, principal, token_id, body.reason)
