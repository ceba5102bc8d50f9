"""The monthly dispatch table (调度表) over HTTP: JSON, .xlsx, printable HTML, and the records behind each number."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Response
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from enforcement.entrypoints.reports_dependencies import DispatchService, ReconciliationService
from enforcement.reports import html, xlsx
from enforcement.reports.dispatch import Request

router = APIRouter(prefix="/reports/campaigns/{campaign_id}/dispatch", tags=["调度表与报表"])

Month = Annotated[Line, Query(max_length=7, description="月份 YYYY-MM: 自专项行动开始至该月末累计")]
Unit = Annotated[Line | None, Query(max_length=12, description="填报单位 (市局或县局的行政区划代码); 缺省为调用者的辖区")]
Scope = Annotated[Literal["unit", "area"], Query(
    description="unit 本单位 (市、县两级分开统计, 注3); area 本行业领域汇总 (市局报送的第二张表, 注4)")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _request(campaign_id: str, month: str, unit: str | None, scope: str) -> Request:
    return Request(campaign_id=campaign_id, month=month, unit=unit, scope=scope)


@router.get("", summary="月度调度表",
            description="专项行动进展情况调度表 (种子 003 附件): 总体情况、对企业自查自改进行抽查检查情况、部门精准严格执法情况 "
                        "三部分的每个编号栏目, 自专项行动开始至所选月末累计, 按事实发生的时间计; 每个数字附记录数与补录数。"
                        "已结束月份的首次生成时间被记下, 此后补录的记录在重新生成的表中标出 (late_entries)。")
async def table(campaign_id: Line, month: Month, principal: CurrentPrincipal, service: DispatchService,
                unit: Unit = None, scope: Scope = "unit") -> dict:
    return await run_in_threadpool(service.table, principal, _request(campaign_id, month, unit, scope))


@router.get(".xlsx", summary="月度调度表 (.xlsx)",
            description="同一张调度表, 按表样排版: 标题、单位、时间、三部分表格 (每行两个编号栏目)、注。",
            response_class=Response, responses={200: {"content": {XLSX: {}}}})
async def table_xlsx(campaign_id: Line, month: Month, principal: CurrentPrincipal, service: DispatchService,
                     unit: Unit = None, scope: Scope = "unit") -> Response:
    data = await run_in_threadpool(service.table, principal, _request(campaign_id, month, unit, scope))
    name = quote(f"调度表-{data['unit_code']}-{data['month']}.xlsx")
    return Response(xlsx.workbook(data), media_type=XLSX,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})


@router.get(".html", summary="月度调度表 (可打印页面)", response_class=HTMLResponse,
            description="同一张调度表的中文可打印页面; 每个数字链接到其明细 (构成该数字的记录)。")
async def table_html(campaign_id: Line, month: Month, principal: CurrentPrincipal, service: DispatchService,
                     unit: Unit = None, scope: Scope = "unit") -> HTMLResponse:
    data = await run_in_threadpool(service.table, principal, _request(campaign_id, month, unit, scope))
    return HTMLResponse(html.dispatch_page(data))


# Before /figures/{figure}, whose parameter would take "1-1.html" whole.
@router.get("/figures/{figure}.html", summary="调度表数字明细 (页面)", response_class=HTMLResponse,
            description="同一明细的中文页面。")
async def figure_page(campaign_id: Line, figure: Line, month: Month, principal: CurrentPrincipal,
                      service: DispatchService, unit: Unit = None, scope: Scope = "unit") -> HTMLResponse:
    data = await run_in_threadpool(service.records, principal, _request(campaign_id, month, unit, scope), figure)
    return HTMLResponse(html.records_page(data))


@router.get("/figures/{figure}", summary="调度表数字明细",
            description="构成调度表某个数字的记录 (隐患、检查、案件处罚措施、监管工作记录): figure 为栏目编号, 如 1-1、"
                        "3-3 (处罚次数)、3-3-amount (处罚金额)、3-6-closure (关闭取缔)、3-8-crime (危险作业罪案例)。")
async def figure_records(campaign_id: Line, figure: Line, month: Month, principal: CurrentPrincipal,
                         service: DispatchService, unit: Unit = None, scope: Scope = "unit") -> dict:
    return await run_in_threadpool(service.records, principal, _request(campaign_id, month, unit, scope), figure)


@router.post("/reconciliation", summary="调度表对账",
             description="管理员: 直接从事件 (本服务的事件存储与从头重放的隐患主题) 重新统计这张调度表, 与读模型逐个数字比对; "
                         "equal 为 true 表示一致, 否则 differences 列出每个不一致的数字、两边的值和只在一边计入的记录。")
async def reconciliation(campaign_id: Line, month: Month, principal: CurrentPrincipal,
                         service: ReconciliationService, unit: Unit = None, scope: Scope = "unit") -> dict:
    return await run_in_threadpool(service.dispatch, principal, _request(campaign_id, month, unit, scope))
