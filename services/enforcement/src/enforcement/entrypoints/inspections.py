"""Inspections over HTTP: plan, complete with checklist and findings, read; a campaign's coverage progress."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from ecosafe_kit.web.etag import IfMatch, set_etag
from enforcement.domain.checklist import ITEMS
from enforcement.entrypoints import inspection_schemas as s
from enforcement.entrypoints.dependencies import InspectionService

router = APIRouter(tags=["检查"])


@router.get("/inspections/checklist", summary="抽查检查项",
            description="专项行动检查须逐项填写的抽查检查项 (调度表 \"对企业自查自改进行抽查检查情况\" 第 2-8 项)。")
async def checklist(principal: CurrentPrincipal) -> list[dict]:
    return [{"item": code, "label": label} for code, label in ITEMS.items()]


@router.post("/inspections", status_code=status.HTTP_201_CREATED, summary="安排检查",
             description="执法检查人员、县局、市局对本辖区企业安排检查; 随机抽取的检查 (带 draw_id) 由抽中的检查人员实施, "
                         "可跨辖区 (交叉检查)。检查人员须在名录库中且不少于 2 人。记录为 InspectionPlanned。")
async def plan(body: s.InspectionIn, principal: CurrentPrincipal, service: InspectionService,
               response: Response) -> dict:
    inspection_id, version = await run_in_threadpool(service.plan, principal, body.to_command())
    response.headers["Location"] = f"/inspections/{inspection_id}"
    set_etag(response, version)
    return {"inspection_id": inspection_id, "version": version}


@router.post("/inspections/{inspection_id}/completion", summary="填报检查结果",
             description="本次检查的检查人员或属地县局、市局填报: 抽查检查项、发现的问题、检查意见。每个问题发布为 "
                         "FindingRecorded (隐患服务据以登记隐患, 来源为部门执法检查), 然后记录 InspectionCompleted; "
                         "已完成的检查再填报为 409。If-Match 可带 ETag。")
async def complete(inspection_id: Line, body: s.CompletionIn, principal: CurrentPrincipal,
                   service: InspectionService, if_match: IfMatch, response: Response) -> dict:
    result = await run_in_threadpool(service.complete, principal, inspection_id, body.to_command(), if_match)
    set_etag(response, result["version"])
    return result


@router.get("/inspections/{inspection_id}", summary="查看检查",
            description="检查及其发现的问题; 本次检查的检查人员和可见该企业的用户可查看, 其他人 404。")
def get_inspection(inspection_id: Line, principal: CurrentPrincipal, service: InspectionService,
                   response: Response) -> dict:
    row = service.get(principal, inspection_id)
    set_etag(response, row["version"])
    return row


@router.get("/inspections", summary="检查列表", description="本人可见企业的检查, 可按专项行动和企业筛选。")
def list_inspections(principal: CurrentPrincipal, service: InspectionService,
                     campaign_id: Annotated[Line | None, Query(max_length=100)] = None,
                     enterprise_id: Annotated[Line | None, Query(max_length=100)] = None,
                     offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
                     limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict:
    items, total = service.listing(principal, campaign_id, enterprise_id, offset, limit)
    return {"items": items, "total": total}


@router.get("/campaigns/{campaign_id}/progress", summary="检查目标完成进度",
            description="每个目标按执行层级的辖区: 范围内企业数、目标时间窗内由该层级分局完成检查的企业数、比例、是否达标 "
                        "(如县级 100% 全覆盖, 市级 ≥20% 抽查); as_of 给出日期时, 只计该日结束前完成的检查 (按检查时间)。")
def progress(campaign_id: Line, principal: CurrentPrincipal, service: InspectionService,
             as_of: Annotated[date | None, Query(description="截至日期 (含当日), 缺省为现在")] = None) -> dict:
    return service.progress(principal, campaign_id, as_of)
