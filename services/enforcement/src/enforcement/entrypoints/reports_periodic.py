"""The weekly report, the daily incident report with its zero report, and the submission states, over HTTP."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from enforcement.entrypoints.reports_dependencies import PeriodicService

router = APIRouter(prefix="/reports", tags=["调度表与报表"])

Unit = Annotated[Line | None, Query(max_length=12, description="报送单位 (市局或县局的行政区划代码); 缺省为调用者的辖区")]


@router.get("/weekly", summary="周报",
            description="报送单位一周 (ISO 周, 周一至周日, 北京时间) 的工作情况: 发现 (按来源) 和销号的重大事故隐患、完成检查的"
                        "企业 (家) 与次数、立案、行政处罚 (次、万元)、突发环境事件; 以及通知服务周报报送任务下的报送状态 "
                        "(submitted 已报送、late 逾期补报、missing 逾期未报、pending 待报送; 每周五 17:00 前)。")
async def weekly(principal: CurrentPrincipal, service: PeriodicService,
                 week: Annotated[Line, Query(max_length=8, description="周次 YYYY-Www, 如 2026-W49")],
                 unit: Unit = None) -> dict:
    return await run_in_threadpool(service.weekly, principal, unit, week)


@router.get("/daily", summary="事故信息日报 (零报告)",
            description="报送单位某日的突发环境事件 (演练除外); 没有时为零报告; 以及通知服务日报报送任务下的报送状态。")
async def daily(principal: CurrentPrincipal, service: PeriodicService,
                day: Annotated[Line, Query(max_length=10, description="日期 YYYY-MM-DD")], unit: Unit = None) -> dict:
    return await run_in_threadpool(service.daily, principal, unit, day)


@router.get("/submissions", summary="报送情况",
            description="调用者辖区内各报送单位在某期的报送状态 (已报送、逾期补报、逾期未报、待报送) 与各状态的数量; "
                        "来自通知服务的报送任务、报送与逾期事件 (提醒仍由通知服务发出)。")
async def submissions(principal: CurrentPrincipal, service: PeriodicService,
                      kind: Annotated[Literal["daily", "weekly", "monthly"], Query(description="周期")],
                      period: Annotated[Line, Query(max_length=10, description="期次: 2026-12-06、2026-W49、2026-11")]
                      ) -> dict:
    return await run_in_threadpool(service.overview, principal, kind, period)
