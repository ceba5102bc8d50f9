"""Cases over HTTP: open, sanctions, transfers and their receipt, close; read, list, history."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from ecosafe_kit.web.etag import IfMatch, set_etag
from enforcement.domain import case as c
from enforcement.entrypoints import case_schemas as s
from enforcement.entrypoints.dependencies import CaseService

router = APIRouter(prefix="/cases", tags=["立案与处罚"])
_WHO = "属地县局、市局 (管理员)"


def _done(response: Response, result: dict) -> dict:
    set_etag(response, result["version"])
    return result


@router.post("", status_code=status.HTTP_201_CREATED, summary="立案",
             description=f"{_WHO}对本辖区企业立案; 检查发现的问题也可由该次检查的检查人员 (含交叉检查) 立案。企业自查报告且正在"
                         "按期整改的隐患不予处罚, 对其立案为 409。事故立案拟一案双罚。记录为 CaseOpened。")
async def open_case(body: s.CaseIn, principal: CurrentPrincipal, service: CaseService, response: Response) -> dict:
    case_id, version = await run_in_threadpool(service.open, principal, body.to_command())
    response.headers["Location"] = f"/cases/{case_id}"
    return _done(response, {"case_id": case_id, "version": version})


@router.post("/{case_id}/penalties", summary="行政处罚",
             description=f"{_WHO}: 对企业罚款; 同时给出主要负责人罚款即一案双罚 (两条 PenaltyImposed)。金额以元精确保存, "
                         "以万元 (两位小数) 显示。重大事故隐患长期存在并多次受到处罚的, 随即提请关闭 (ClosureProposed)。")
async def impose_penalty(case_id: Line, body: s.PenaltyIn, principal: CurrentPrincipal, service: CaseService,
                         if_match: IfMatch, response: Response) -> dict:
    return _done(response, await run_in_threadpool(service.impose_penalty, principal, case_id, body.to_command(),
                                                   if_match))


async def _act(service, principal, case_id, if_match, response, what, command, body: s._Decision) -> dict:
    return _done(response, await run_in_threadpool(service.act, principal, case_id, if_match, what, command,
                                                   body.decided_on))


@router.post("/{case_id}/referral", summary="移送司法机关", description=f"{_WHO}; CaseReferred。")
async def refer(case_id: Line, body: s.ReferralIn, principal: CurrentPrincipal, service: CaseService,
                if_match: IfMatch, response: Response) -> dict:
    return await _act(service, principal, case_id, if_match, response, "移送司法机关", lambda case, day: case.refer(
        body.authority, tuple(body.persons), body.dangerous_operation_crime, body.reason, day), body)


@router.post("/{case_id}/suspension", summary="责令停产整治", description=f"{_WHO}; 每案一次; SuspensionOrdered。")
async def suspend(case_id: Line, body: s.ReasonIn, principal: CurrentPrincipal, service: CaseService,
                  if_match: IfMatch, response: Response) -> dict:
    return await _act(service, principal, case_id, if_match, response, "责令停产整治",
                      lambda case, day: case.order_suspension(body.reason, day), body)


@router.post("/{case_id}/suspension-lifting", summary="恢复生产 (解除停产整治)",
             description=f"{_WHO}: 整改经验收合格后解除本案的停产整治决定, 须写明验收意见和理由; 本案没有生效的停产整治决定为 409; "
                         "结案后也可录入; SuspensionLifted。")
async def lift_suspension(case_id: Line, body: s.LiftSuspensionIn, principal: CurrentPrincipal,
                          service: CaseService, if_match: IfMatch, response: Response) -> dict:
    return await _act(service, principal, case_id, if_match, response, "解除停产整治",
                      lambda case, day: case.lift_suspension(body.acceptance, body.reason, day), body)


@router.post("/{case_id}/closure-proposal", summary="提请关闭",
             description=f"{_WHO}: 提请地方人民政府关闭, 可同时提请主要负责人行业禁入; 每案同时只有一项待决定的提请 (被撤回或不予关闭后"
                         "可再次提请, 已责令关闭的 409); ClosureProposed。")
async def propose_closure(case_id: Line, body: s.ClosureIn, principal: CurrentPrincipal, service: CaseService,
                          if_match: IfMatch, response: Response) -> dict:
    return await _act(service, principal, case_id, if_match, response, "提请关闭",
                      lambda case, day: case.propose_closure(body.reason, body.principal_industry_ban,
                                                                  decided_on=day), body)


@router.post("/{case_id}/closure-decision", summary="录入责令关闭决定",
             description=f"{_WHO}录入人民政府对本案提请关闭作出的责令关闭决定 (人民政府、文号、日期、附件); 须有待决定的提请 "
                         "(否则 409); 此后企业在名录中显示为已关闭, 其登记信息变更和新的检查为 409; 结案后也可录入; ClosureDecided。")
async def closure_decision(case_id: Line, body: s.ClosureDecisionIn, principal: CurrentPrincipal,
                           service: CaseService, if_match: IfMatch, response: Response) -> dict:
    return _done(response, await run_in_threadpool(service.record_closure_decision, principal, case_id,
                                                   body.decision(), if_match))


@router.post("/{case_id}/closure-declined", summary="录入不予关闭决定",
             description=f"{_WHO}录入人民政府不予关闭的答复 (人民政府、日期、理由, 复函文号可选); 须有待决定的提请 (否则 409); "
                         "ClosureDeclined。")
async def closure_declined(case_id: Line, body: s.ClosureDeclinedIn, principal: CurrentPrincipal,
                           service: CaseService, if_match: IfMatch, response: Response) -> dict:
    return _done(response, await run_in_threadpool(service.record_closure_declined, principal, case_id,
                                                   body.decision(), body.reason, if_match))


@router.post("/{case_id}/closure-withdrawal", summary="撤回提请关闭",
             description=f"{_WHO}在人民政府作出决定前撤回本局的提请关闭, 须写明理由; 没有待决定的提请为 409; ClosureProposalWithdrawn。")
async def withdraw_closure(case_id: Line, body: s.ReasonIn, principal: CurrentPrincipal, service: CaseService,
                           if_match: IfMatch, response: Response) -> dict:
    return await _act(service, principal, case_id, if_match, response, "撤回提请关闭",
                      lambda case, day: case.withdraw_closure_proposal(body.reason, day), body)


@router.post("/{case_id}/admonitions", summary="约谈", description=f"{_WHO}; AdmonitionHeld。")
async def admonish(case_id: Line, body: s.AdmonitionIn, principal: CurrentPrincipal, service: CaseService,
                   if_match: IfMatch, response: Response) -> dict:
    return await _act(service, principal, case_id, if_match, response, "约谈",
                      lambda case, day: case.admonish(tuple(body.persons), body.note, day), body)


@router.post("/{case_id}/exposures", summary="曝光", description=f"{_WHO}; CaseExposed。")
async def expose(case_id: Line, body: s.ExposureIn, principal: CurrentPrincipal, service: CaseService,
                 if_match: IfMatch, response: Response) -> dict:
    return await _act(service, principal, case_id, if_match, response, "曝光",
                      lambda case, day: case.expose(body.channel, body.note, day), body)


@router.post("/{case_id}/joint-punishment", summary="联合惩戒",
             description=f"{_WHO}: JointPunishmentDecided, 随即列入失信名单 (EnterpriseBlacklisted, 各地各部门可见); 每案一次。")
async def joint_punishment(case_id: Line, body: s.JointPunishmentIn, principal: CurrentPrincipal,
                           service: CaseService, if_match: IfMatch, response: Response) -> dict:
    return _done(response, await run_in_threadpool(service.joint_punishment, principal, case_id,
                                                   tuple(body.departments), body.reason, if_match, body.decided_on))


@router.post("/{case_id}/typical-case", summary="发布典型案例",
             description=f"{_WHO}: 已作出处罚或移送决定的案件可作为典型案例公开 (GET /public/typical-cases); TypicalCasePublished。")
async def publish_typical(case_id: Line, body: s.TypicalCaseIn, principal: CurrentPrincipal, service: CaseService,
                          if_match: IfMatch, response: Response) -> dict:
    return await _act(service, principal, case_id, if_match, response, "发布典型案例", lambda case, day: case.publish_typical(
        body.title, body.summary, body.dangerous_operation_crime, day), body)


@router.post("/{case_id}/transfers", status_code=status.HTTP_201_CREATED, summary="移交",
             description=f"{_WHO}: 移交应急管理、消防、公安等部门; 签收回执前不能结案; TransferSent。")
async def send_transfer(case_id: Line, body: s.TransferIn, principal: CurrentPrincipal, service: CaseService,
                        if_match: IfMatch, response: Response) -> dict:
    transfer_id = str(uuid.uuid4())
    result = await _act(service, principal, case_id, if_match, response, "移交", lambda case, day: case.send_transfer(
        transfer_id, c.Department(body.department), body.department_name, body.note, day), body)
    return {**result, "transfer_id": transfer_id}


@router.post("/{case_id}/transfers/{transfer_id}/receipt", summary="移交回执",
             description=f"{_WHO}录入接收部门的签收回执; 每次移交一次 (再次 409); TransferReceived。")
async def receive_transfer(case_id: Line, transfer_id: Line, body: s.ReceiptIn, principal: CurrentPrincipal,
                           service: CaseService, if_match: IfMatch, response: Response) -> dict:
    return await _act(service, principal, case_id, if_match, response, "录入移交回执",
                      lambda case, day: case.receive_transfer(transfer_id, body.receiver, body.note, day), body)


@router.post("/{case_id}/closing", summary="结案", description=f"{_WHO}; 结案后不再变更 (409); CaseClosed。")
async def close(case_id: Line, body: s.CloseIn, principal: CurrentPrincipal, service: CaseService,
                if_match: IfMatch, response: Response) -> dict:
    return await _act(service, principal, case_id, if_match, response, "结案", lambda case, day: case.close(body.conclusion, day),
                      body)


@router.get("", summary="案件列表", description="本人可见企业的案件, 新的在前; 可按企业和状态筛选。")
def list_cases(principal: CurrentPrincipal, service: CaseService,
               enterprise_id: Annotated[Line | None, Query(max_length=100)] = None,
               status_: Annotated[Literal["open", "closed"] | None, Query(alias="status")] = None,
               offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
               limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict:
    items, total = service.listing(principal, enterprise_id, status_, offset, limit)
    return {"items": items, "total": total}


@router.get("/{case_id}", summary="查看案件",
            description="案件及其处罚 (金额: amount_yuan 元, amount_wan_yuan 万元)、措施、移交; 可见该企业的用户可查看, 其他人 404。")
def get_case(case_id: Line, principal: CurrentPrincipal, service: CaseService, response: Response) -> dict:
    return _done(response, service.get(principal, case_id))


@router.get("/{case_id}/history", summary="案件事件历史", description="每个事件、签名人 (谁签名、谁负责)、哈希链是否完整。")
def history(case_id: Line, principal: CurrentPrincipal, service: CaseService) -> dict:
    return service.history(principal, case_id)
