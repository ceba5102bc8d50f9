"""The credit blacklist (失信名单) over HTTP: every government user sees every entry."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from ecosafe_kit.web.etag import IfMatch, set_etag
from enforcement.domain.blacklist import MINIMUM_LISTING
from enforcement.entrypoints.case_schemas import BlacklistRemovalIn
from enforcement.entrypoints.dependencies import CaseService, DisclosureService

router = APIRouter(prefix="/blacklist", tags=["失信名单"])


@router.get("", summary="失信名单",
            description="联合惩戒列入失信名单的企业; \"一处失信、处处受限\": 各地各级政府部门用户均可查询全部记录。status: listed "
                        "仍在名单中 (缺省), removed 已信用修复移出 (removed_at、removed_by、removal_reason、rectification), all 全部。")
def listing(principal: CurrentPrincipal, service: DisclosureService,
            enterprise_id: Annotated[Line | None, Query(max_length=100)] = None,
            status: Annotated[Literal["listed", "removed", "all"], Query(description="listed 在列, removed 已移出, all")]
            = "listed",
            offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
            limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict:
    items, total = service.blacklist(principal, enterprise_id, status, offset, limit)
    return {"items": items, "total": total}


@router.post("/{entry_id}/removal", summary="信用修复, 移出失信名单",
             description=f"企业所在辖区的县局、市局 (管理员): 列入满 {MINIMUM_LISTING.days} 天且该案已结案后, 写明理由和信用修复情况, "
                         "将企业移出失信名单; 未满期限或未结案为 409, 已移出为 409; If-Match 为该记录的版本; "
                         "EnterpriseRemovedFromBlacklist。记录和移出情况仍可查询 (status=removed)。")
async def remove(entry_id: Line, body: BlacklistRemovalIn, principal: CurrentPrincipal, service: CaseService,
                 if_match: IfMatch, response: Response) -> dict:
    result = await run_in_threadpool(service.remove_from_blacklist, principal, entry_id, body.reason,
                                     body.rectification, if_match)
    set_etag(response, result["version"])
    return result
