"""The inspector roster over HTTP: enrol, declare a conflict of interest, list a bureau's inspectors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from enforcement.entrypoints import campaign_schemas as s
from enforcement.entrypoints.dependencies import RosterService

router = APIRouter(prefix="/inspectors", tags=["执法检查人员名录库"])


@router.post("", status_code=status.HTTP_201_CREATED, summary="检查人员入库",
             description="市局、县局把本辖区的执法检查人员 (以其用户标识) 录入名录库; 已在库时 409。记录为 InspectorEnrolled。")
async def enroll(body: s.InspectorIn, principal: CurrentPrincipal, service: RosterService) -> dict:
    await run_in_threadpool(service.enroll, principal, body.inspector_id, body.name, body.jurisdiction_code)
    return {"inspector_id": body.inspector_id}


@router.post("/{inspector_id}/conflicts", status_code=status.HTTP_201_CREATED, summary="申报利害关系",
             description="检查人员本人或其所属辖区的市局、县局申报与某企业的利害关系; 此后随机抽取不会派其检查该企业。"
                         "同一企业重复申报 409。记录为 ConflictDeclared。")
async def declare_conflict(inspector_id: Line, body: s.ConflictIn, principal: CurrentPrincipal,
                           service: RosterService) -> dict:
    await run_in_threadpool(service.declare_conflict, principal, inspector_id, body.enterprise_id, body.reason)
    return {"inspector_id": inspector_id, "enterprise_id": body.enterprise_id}


@router.get("", response_model=list[s.InspectorOut], summary="名录库中的检查人员",
            description="某辖区 (含下级) 的检查人员及其申报的利害关系; 须在本人辖区内。")
def listing(principal: CurrentPrincipal, service: RosterService,
            jurisdiction: Annotated[Line, Query(max_length=12, description="辖区代码")]) -> list[dict]:
    return service.listing(principal, jurisdiction)
