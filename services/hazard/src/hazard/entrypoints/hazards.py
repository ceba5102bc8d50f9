"""Hazard intake and the closed loop over HTTP: one POST per step, ETag/If-Match on every change.

The command endpoints are `async def` and hand the blocking service call to the threadpool themselves: a
plain `def` endpoint with a response model costs FastAPI two thread hops (the call, then validating the
response), this costs one.
"""

from __future__ import annotations

from fastapi import APIRouter, Response, status
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.web.etag import IfMatch, set_etag
from hazard.domain.values import ConfirmationLevel, Grade, Source
from hazard.entrypoints import schemas as s
from hazard.entrypoints.dependencies import Hazards
from hazard.service_layer import commands as c, views

router = APIRouter(prefix="/hazards", tags=["隐患 (闭环管理)"])


def _out(result: c.Result, response: Response) -> s.CommandOut:
    set_etag(response, result.version)
    return s.CommandOut(**result.__dict__)


async def run_step(response: Response, call, *args) -> s.CommandOut:
    """One step of the loop: the blocking service call in the threadpool, answered with the new ETag."""
    return _out(await run_in_threadpool(call, *args), response)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=s.CommandOut, summary="登记隐患 (发现)",
             description="企业自查、部门执法检查或上级交办的隐患登记入台账, 自动逐项编号。群众举报请用 /public/reports。")
async def report(body: s.ReportIn, principal: CurrentPrincipal, service: Hazards,
                 response: Response) -> s.CommandOut:
    result = await run_in_threadpool(service.report, principal, c.ReportHazard(
        enterprise_id=body.enterprise_id, source=Source(body.source), domain=body.domain.value, grade=Grade(body.grade),
        grade_basis=body.grade_basis, description=body.description, site=body.site, campaign_id=body.campaign_id,
        found_at=body.found_at, attachments=tuple(a.to_domain() for a in body.attachments),
        referred_by=body.referred_by, on_behalf_of=body.on_behalf_of))
    response.headers["Location"] = f"/hazards/{result.hazard_id}"
    return _out(result, response)


@router.get("/{hazard_id}", summary="查看隐患", description="台账中的一条隐患; ETag 为当前版本。")
def get_hazard(hazard_id: str, principal: CurrentPrincipal, service: Hazards, response: Response) -> dict:
    row = views.one(service, principal, hazard_id)
    set_etag(response, row["version"])
    return row


@router.post("/{hazard_id}/assignment", response_model=s.CommandOut, summary="交办",
             description="交办给责任单位和责任人, 明确整改期限 (不得早于今天)。企业自查的重大事故隐患须先完成两级确认 (否则 409, "
                         "missing 列出尚缺的层级)。")
async def assign(hazard_id: str, body: s.AssignIn, principal: CurrentPrincipal, service: Hazards, if_match: IfMatch,
                 response: Response) -> s.CommandOut:
    return await run_step(response, service.assign, principal, hazard_id, c.Assign(
        body.responsible_unit, body.responsible_person, body.deadline, body.instructions), if_match)


@router.post("/{hazard_id}/deadline-extension", response_model=s.CommandOut, summary="整改延期",
             description="交办该隐患的生态环境部门 (其辖区的县局、市局人员或上级) 批准延长整改期限, 须写明理由; "
                         "新期限须晚于现行期限。此后整改方案不得晚于新期限, 逾期按新期限判断。")
async def extend_deadline(hazard_id: str, body: s.DeadlineExtensionIn, principal: CurrentPrincipal, service: Hazards,
                          if_match: IfMatch, response: Response) -> s.CommandOut:
    return await run_step(response, service.extend_deadline, principal, hazard_id,
                      c.ExtendDeadline(body.deadline, body.reason), if_match)


@router.post("/{hazard_id}/plan", response_model=s.CommandOut, summary="提交整改方案 (五到位)",
             description="整改方案须写明责任、措施、资金、时限、预案 \"五到位\", 缺少任何一项都会被拒绝并指出缺少的项; "
                         "整改期限不得晚于交办的整改期限 (延期须由交办部门批准)。")
async def submit_plan(hazard_id: str, body: s.PlanIn, principal: CurrentPrincipal, service: Hazards,
                      if_match: IfMatch, response: Response) -> s.CommandOut:
    return await run_step(response, service.submit_plan, principal, hazard_id,
                      c.SubmitPlan(body.to_domain()), if_match)


@router.post("/{hazard_id}/progress", response_model=s.CommandOut, summary="报告整改进展")
async def record_progress(hazard_id: str, body: s.ProgressIn, principal: CurrentPrincipal, service: Hazards,
                          if_match: IfMatch, response: Response) -> s.CommandOut:
    return await run_step(response, service.record_progress, principal, hazard_id, c.RecordProgress(
        body.note, body.percent, tuple(a.to_domain() for a in body.attachments)), if_match)


@router.post("/{hazard_id}/completion", response_model=s.CommandOut, summary="报告整改完成",
             description="附整改证明材料, 进入督查验收。")
async def complete(hazard_id: str, body: s.CompletionIn, principal: CurrentPrincipal, service: Hazards,
                   if_match: IfMatch, response: Response) -> s.CommandOut:
    return await run_step(response, service.complete, principal, hazard_id, c.Complete(
        body.summary, tuple(a.to_domain() for a in body.attachments)), if_match)


@router.post("/{hazard_id}/verification", response_model=s.CommandOut, summary="督查验收",
             description="通过后可销号; 不通过则退回整改, 须写明原因。")
async def verify(hazard_id: str, body: s.VerificationIn, principal: CurrentPrincipal, service: Hazards,
                 if_match: IfMatch, response: Response) -> s.CommandOut:
    return await run_step(response, service.verify, principal, hazard_id,
                      c.Verify(body.passed, body.opinion, tuple(body.reasons)), if_match)


@router.post("/{hazard_id}/closure", response_model=s.CommandOut, summary="销号",
             description="督查验收通过后销号; 重大事故隐患须由辖区领导小组组长签字销号, 企业自查的重大事故隐患还须已完成两级确认。")
async def close(hazard_id: str, body: s.ClosureIn, principal: CurrentPrincipal, service: Hazards, if_match: IfMatch,
                response: Response) -> s.CommandOut:
    return await run_step(response, service.close, principal, hazard_id, c.Close(body.note), if_match)


@router.post("/{hazard_id}/listing", response_model=s.CommandOut, summary="挂牌督办")
async def list_for_supervision(hazard_id: str, body: s.ListingIn, principal: CurrentPrincipal, service: Hazards,
                               if_match: IfMatch, response: Response) -> s.CommandOut:
    return await run_step(response, service.list_for_supervision, principal, hazard_id, c.ListForSupervision(
        body.supervising_unit, body.reason, body.supervisor), if_match)


@router.post("/{hazard_id}/regrading", response_model=s.CommandOut, summary="重新定级",
             description="辖区县局、市局或领导小组组长核查后变更隐患等级 (如群众举报核实为重大事故隐患), 须写明定级依据; "
                         "已销号的隐患不能重新定级。重大事故隐患须由领导小组组长销号。")
async def regrade(hazard_id: str, body: s.RegradeIn, principal: CurrentPrincipal, service: Hazards, if_match: IfMatch,
                  response: Response) -> s.CommandOut:
    return await run_step(response, service.regrade, principal, hazard_id,
                      c.Regrade(Grade(body.grade), body.grade_basis), if_match)


@router.post("/{hazard_id}/confirmations", response_model=s.CommandOut, summary="两级确认",
             description="企业自查的隐患依次确认: 企业主要负责人签字 (principal) → 上级主体企业确认 (parent, 企业名录中有上级主体企业时) "
                         "→ 属地生态环境部门确认 (bureau); 顺序不对时 409, missing 列出尚缺的层级。企业自查的重大事故隐患须全部确认后"
                         "才能交办和销号。")
async def confirm(hazard_id: str, body: s.ConfirmationIn, principal: CurrentPrincipal, service: Hazards,
                  if_match: IfMatch, response: Response) -> s.CommandOut:
    return await run_step(response, service.confirm, principal, hazard_id,
                      c.Confirm(ConfirmationLevel(body.level), body.note), if_match)
