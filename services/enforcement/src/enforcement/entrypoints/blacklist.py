"""The credit blacklist (失信名单) over HTTP: every government user sees every entry."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from enforcement.entrypoints.dependencies import DisclosureService

router = APIRouter(prefix="/blacklist", tags=["失信名单"])


@router.get("", summary="失信名单",
            description="联合惩戒列入失信名单的企业; \"一处失信、处处受限\": 各地各级政府部门用户均可查询全部记录。")
def listing(principal: CurrentPrincipal, service: DisclosureService,
            enterprise_id: Annotated[Line | None, Query(max_length=100)] = None,
            offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
            limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict:
    items, total = service.blacklist(principal, enterprise_id, offset, limit)
    return {"items": items, "total": total}
