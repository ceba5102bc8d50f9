"""Pool reviews API: raise an enterprise's accident-pool shortfall as a hazard, and see the reviews raised."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.errors import NotFound
from ecosafe_kit.text import Text
from risk_map.adapters import read_queries
from risk_map.domain.pool_review import MAX_NOTE, PENDING_HOURS
from risk_map.entrypoints.dependencies import EngineDep, StoreDep
from risk_map.service_layer import pool_reviews as uc

router = APIRouter(prefix="/enterprises", tags=["事故应急池容积不足转隐患"])


class PoolReviewIn(BaseModel):
    note: Text = Field(default="", max_length=MAX_NOTE, description="说明 (可选), 随事件交给隐患服务, 写入定级依据")


@router.post(
    "/{enterprise_id}/pool-reviews", status_code=201, summary="事故应急池容积不足转隐患",
    description="按当前登记的风险单元与事故应急池核算 (V1+V2−V3)max+V4+V5; 有缺口时记录 PoolShortfallRaised, 由隐患服务建立隐患。"
                f"无缺口 409 (附各项数值); 该企业已有未销号的同类隐患, 或提出后 {PENDING_HOURS} 小时内隐患服务尚未确认时, 409 不重复提出。"
                "请求头 Idempotency-Key: 同一用户以同一键重发, 返回原核算记录 (200), 不会重复提出。",
    responses={200: {"description": "同一 Idempotency-Key 的重发: 原核算记录"}})
def raise_shortfall(enterprise_id: str, principal: CurrentPrincipal, store: StoreDep, engine: EngineDep,
                    body: PoolReviewIn | None = None,
                    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key",
                                                                  description="幂等键 (可选)")] = None) -> JSONResponse:
    review_id, raised = uc.raise_shortfall(store, principal, enterprise_id, body.note if body else "", idempotency_key)
    with engine.connect() as conn:
        review = read_queries.pool_review(conn, review_id)
    return JSONResponse(review, status_code=201 if raised else 200,
                        headers={"Location": f"/enterprises/{enterprise_id}/pool-reviews/{review_id}"})


@router.get("/{enterprise_id}/pool-reviews", summary="事故应急池容积核算转隐患记录",
            description="最新的在前; 每条附对应隐患 (台账编号、是否销号) 及是否仍有效 (stands)。")
def list_reviews(enterprise_id: str, principal: CurrentPrincipal, engine: EngineDep) -> list[dict]:
    with engine.connect() as conn:
        uc.ensure_may_read_enterprise(conn, principal, enterprise_id)
        return read_queries.pool_reviews(conn, enterprise_id)


@router.get("/{enterprise_id}/pool-reviews/{review_id}", summary="查看一条转隐患记录")
def read_review(enterprise_id: str, review_id: str, principal: CurrentPrincipal, engine: EngineDep) -> dict:
    with engine.connect() as conn:
        uc.ensure_may_read_enterprise(conn, principal, enterprise_id)
        review = read_queries.pool_review(conn, review_id)
    if review is None or review["enterprise_id"] != enterprise_id:
        raise NotFound(f"企业 {enterprise_id} 没有核算记录 {review_id}", extra={"review_id": review_id})
    return review
