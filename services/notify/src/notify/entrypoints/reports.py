"""Reporting obligations over HTTP (报送任务): create, list, read with each unit's state, submit (零报告 too)."""

from __future__ import annotations

from fastapi import APIRouter, Response, status
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from ecosafe_kit.web.etag import set_etag
from notify.entrypoints import report_schemas as r
from notify.entrypoints.dependencies import ReportService
from notify.entrypoints.schemas import CommandOut

router = APIRouter(prefix="/reports/obligations", tags=["报送任务"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=CommandOut, summary="设立报送任务",
             description="市局、县局、应急指挥中心为本辖区内的报送单位设立每日 (可零报告)、每周 (如 每周五17:00前) 或每月 "
                         "(如 每月1日前报截至上月末的累计情况) 报送任务; 截止前提醒未报送的单位, 逾期时通知接收单位和报送单位。"
                         "每周、每月的截止日遇周末或法定节假日默认顺延至下一个工作日 (调休上班日算工作日, on_rest_day); "
                         "所需年份不在工作日历内时照常设立, 该截止暂按原定日期 (见 calendar_problem)。记录为 ReportObligationCreated。")
async def create(body: r.ObligationIn, principal: CurrentPrincipal, service: ReportService,
                 response: Response) -> CommandOut:
    result = await run_in_threadpool(service.create, principal, body.to_spec())
    response.headers["Location"] = f"/reports/obligations/{result.id}"
    set_etag(response, result.version)
    return CommandOut(id=result.id, version=result.version)


@router.get("", response_model=r.ObligationPage, summary="报送任务列表",
            description="本人辖区设立的、上级设立而本人辖区需报送的任务。")
def list_obligations(principal: CurrentPrincipal, service: ReportService) -> dict:
    return {"items": service.list(principal)}


@router.get("/{obligation_id}", response_model=r.ObligationOut, summary="报送任务及各单位报送情况",
            description="截止规则、下一个截止 (期次与时间, 顺延时含原定时间; 工作日历未覆盖时为原定时间并给出 calendar_problem), 各单位各期的报送、提醒和逾期记录。不可见的与不存在的一样返回 404。")
def get_obligation(obligation_id: Line, principal: CurrentPrincipal, service: ReportService) -> dict:
    return service.get(principal, obligation_id)


@router.post("/{obligation_id}/submissions", response_model=CommandOut, summary="报送 (含零报告)",
             description="报送单位 (或其上级) 的官员为一期报送: 期次格式随周期; 零报告只用于允许零报告的每日任务; "
                         "非零报告须有内容; 同一单位同一期只报一次 (409)。记录为本人签名的 ReportSubmitted。")
async def submit(obligation_id: Line, body: r.SubmissionIn, principal: CurrentPrincipal, service: ReportService,
                 response: Response) -> CommandOut:
    result = await run_in_threadpool(service.submit, principal, obligation_id, body.unit_code, body.period,
                                     body.zero_report, body.summary)
    set_etag(response, result.version)
    return CommandOut(id=result.id, version=result.version)
