"""专项行动 over HTTP: launch, list, read, start a phase, the enterprises in scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from ecosafe_kit.web.etag import IfMatch, set_etag
from enforcement.domain.campaign import PhaseCode
from enforcement.entrypoints import campaign_schemas as s
from enforcement.entrypoints.dependencies import CampaignService

router = APIRouter(prefix="/campaigns", tags=["专项行动"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=s.CampaignCreated, summary="启动专项行动",
             description="市局、县局在本辖区启动专项行动: 起止日期、范围 (行业类别和/或环境风险等级: 满足其一即在范围内)、"
                         "按 动员部署→自查自改→精准执法→巩固提高→回头看 排列且不重叠的阶段、检查目标 (如县级 100% 全覆盖、"
                         "市级 ≥20% 抽查)。记录为 CampaignLaunched, 发布到 ecosafe.enforcement.campaign。")
async def launch(body: s.CampaignIn, principal: CurrentPrincipal, service: CampaignService,
                 response: Response) -> s.CampaignCreated:
    campaign_id, version = await run_in_threadpool(service.launch, principal, body.to_plan())
    response.headers["Location"] = f"/campaigns/{campaign_id}"
    set_etag(response, version)
    return s.CampaignCreated(campaign_id=campaign_id, version=version)


@router.get("", response_model=s.CampaignPage, summary="专项行动列表",
            description="本人辖区及其上下级辖区的专项行动, 按开始日期倒序。")
def list_campaigns(principal: CurrentPrincipal, service: CampaignService,
                   offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
                   limit: Annotated[int, Query(ge=1, le=200)] = 50) -> dict:
    items, total = service.page(principal, offset, limit)
    return {"items": items, "total": total}


@router.get("/{campaign_id}", response_model=s.CampaignOut, summary="查看专项行动", description="ETag 为当前版本。")
def get_campaign(campaign_id: Line, principal: CurrentPrincipal, service: CampaignService, response: Response) -> dict:
    row = service.get(principal, campaign_id)
    set_etag(response, row["version"])
    return row


@router.post("/{campaign_id}/phases/{phase}/start", response_model=s.CampaignCreated, summary="开始阶段",
             description="阶段须按计划顺序依次开始 (否则 409); 记录为 CampaignPhaseStarted。If-Match 可带 ETag。")
async def start_phase(campaign_id: Line, phase: PhaseCode, principal: CurrentPrincipal, service: CampaignService,
                      if_match: IfMatch, response: Response) -> s.CampaignCreated:
    version = await run_in_threadpool(service.start_phase, principal, campaign_id, phase, if_match)
    set_etag(response, version)
    return s.CampaignCreated(campaign_id=campaign_id, version=version)


@router.get("/{campaign_id}/enterprises", response_model=list[s.ScopeEnterprise], summary="范围内企业",
            description="企业名录中在专项行动辖区内、行业类别或环境风险等级在范围内的在册企业 (本人可见的部分)。")
def scope(campaign_id: Line, principal: CurrentPrincipal, service: CampaignService) -> list[dict]:
    return service.scope(principal, campaign_id)
