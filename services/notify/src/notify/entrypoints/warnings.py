"""Warnings over HTTP (预警信息): issue to an area, list, and see which enterprises and parks acknowledged."""

from __future__ import annotations

from fastapi import APIRouter, Response, status
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from notify.entrypoints import warning_schemas as w
from notify.entrypoints.dependencies import WarningService
from notify.entrypoints.schemas import CommandOut

router = APIRouter(prefix="/warnings", tags=["预警信息"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=CommandOut, summary="发布预警",
             description="市局、县局、应急指挥中心向区域内 (本人辖区的) 全部在册企业及其所在园区发布气象、汛情等预警: 区域为辖区, "
                         "或多边形 (按企业名录登记的位置判断, 边界上的算在内)。记录为本人签名的 WarningIssued 和送达各企业、"
                         "园区的通知 (站内、实时推送; 橙色、红色须确认, 超时升级)。区域内没有企业时 422。")
async def issue(body: w.WarningIn, principal: CurrentPrincipal, service: WarningService,
                response: Response) -> CommandOut:
    result = await run_in_threadpool(service.issue, principal, body.to_spec())
    response.headers["Location"] = f"/warnings/{result.id}"
    return CommandOut(id=result.id, version=result.version)


@router.get("", response_model=w.WarningPage, summary="预警列表", description="本人辖区内发布的预警, 最新的在前。")
def list_warnings(principal: CurrentPrincipal, service: WarningService) -> dict:
    return {"items": service.list(principal)}


@router.get("/{warning_id}", response_model=w.WarningOut, summary="预警及各单位的确认情况",
            description="送达的每家企业、每个园区及其确认 (企业用户、园区用户在通知上的确认计入其单位)。"
                        "本人不可见的与不存在的一样返回 404。")
def get_warning(warning_id: Line, principal: CurrentPrincipal, service: WarningService) -> dict:
    return service.get(principal, warning_id)
