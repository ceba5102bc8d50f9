"""The public record of penalties and typical cases (双随机、一公开): no token, no personal phone numbers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ecosafe_kit.auth.dependencies import Public
from enforcement.entrypoints.dependencies import DisclosureService

router = APIRouter(prefix="/public", tags=["一公开"])
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Limit = Annotated[int, Query(ge=1, le=500)]


@router.get("/penalties", dependencies=[Public], summary="行政处罚结果公开",
            description="每条处罚: 企业名称、统一社会信用代码、处罚对象、决定书文号、依据、金额 (元与万元)。")
def penalties(service: DisclosureService, offset: Offset = 0, limit: Limit = 50) -> dict:
    items, total = service.penalties(offset, limit)
    return {"items": items, "total": total}


@router.get("/typical-cases", dependencies=[Public], summary="典型案例", description="已发布的典型案例 (含危险作业罪案例)。")
def typical_cases(service: DisclosureService, offset: Offset = 0, limit: Limit = 50) -> dict:
    items, total = service.typical_cases(offset, limit)
    return {"items": items, "total": total}
