"""An incident's report clocks over HTTP (事件信息报告时限): read them, submit a report to stop one."""

from __future__ import annotations

from fastapi import APIRouter, Response
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from ecosafe_kit.web.etag import set_etag
from notify.entrypoints import report_clock_schemas as s
from notify.entrypoints.dependencies import ClockService
from notify.entrypoints.schemas import CommandOut

router = APIRouter(prefix="/incidents/{incident_id}/report-clocks", tags=["事件信息报告时限"])


@router.get("", response_model=s.ClocksOut, summary="事件的报告时限",
            description="突发环境事件报告后开始计时的初报、续报、处理结果报告时限, 各自的截止时间、提醒、超时和报送记录。"
                        "事发地辖区的管理人员和收到该事件通知的人可见; 其他人、演练和未知事件返回 404。")
def get_clocks(incident_id: Line, principal: CurrentPrincipal, service: ClockService) -> dict:
    return service.get(principal, incident_id)


@router.post("/{stage}/submission", response_model=CommandOut, summary="报送事件信息报告",
             description="事发地辖区 (或其上级) 的官员报送初报、续报或处理结果报告, 该时限停止计时 (超时后补报亦可)。"
                         "续报和处理结果报告须在初报之后 (409); 同一报告只报一次 (409)。记录为本人签名的 ReportClockSubmitted。")
async def submit(incident_id: Line, stage: s.Stage, body: s.SubmissionIn, principal: CurrentPrincipal,
                 service: ClockService, response: Response) -> CommandOut:
    result = await run_in_threadpool(service.submit, principal, incident_id, stage, body.summary)
    set_etag(response, result.version)
    return CommandOut(id=result.id, version=result.version)
