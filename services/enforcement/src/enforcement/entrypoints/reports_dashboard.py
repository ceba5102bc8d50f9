"""The campaign dashboard (专项行动看板) over HTTP: JSON and a Chinese page with charts."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from enforcement.entrypoints.reports_dependencies import DashboardService
from enforcement.reports import dashboard_html

router = APIRouter(prefix="/reports/campaigns/{campaign_id}", tags=["调度表与报表"])

AsOf = Annotated[date | None, Query(description="截至日期 (含当日, 上海时间), 缺省为今天; 按事实发生的时间计")]


@router.get("/dashboard", summary="专项行动看板",
            description="检查目标完成情况 (县级 100% 全覆盖、市级 ≥20% 抽查, 按单位), 重大事故隐患动态清零 (行动开始时存量、"
                        "新发现、已销号、未整改、逾期), 行政处罚 (次、万元), 按单位及合计; series 为自行动开始各月末的同样数字。")
async def dashboard(campaign_id: Line, principal: CurrentPrincipal, service: DashboardService,
                    as_of: AsOf = None) -> dict:
    return await run_in_threadpool(service.campaign, principal, campaign_id, as_of)


@router.get("/dashboard.html", summary="专项行动看板 (页面)", response_class=HTMLResponse,
            description="同一看板的中文页面, 图表由服务端以 SVG 绘制。")
async def dashboard_page(campaign_id: Line, principal: CurrentPrincipal, service: DashboardService,
                         as_of: AsOf = None) -> HTMLResponse:
    data = await run_in_threadpool(service.campaign, principal, campaign_id, as_of)
    return HTMLResponse(dashboard_html.page(data))
