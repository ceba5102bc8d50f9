"""A public report's reporter over HTTP: sealed contact (two officers' requests unseal it) and the report reward."""

from __future__ import annotations

from fastapi import APIRouter, Response

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.web.etag import IfMatch
from hazard.entrypoints import schemas as s
from hazard.entrypoints.dependencies import Contacts, Hazards
from hazard.entrypoints.hazards import run_step
from hazard.service_layer import commands as c

router = APIRouter(prefix="/hazards", tags=["群众举报 (举报人与奖励)"])


@router.post("/{hazard_id}/reporter-contact/unseal-requests", response_model=s.CommandOut,
             summary="申请启封举报人联系方式",
             description="本辖区县局、市局工作人员或领导小组组长写明理由申请; 两名不同的工作人员分别申请后联系方式启封, "
                         "此后只有这两名申请人可以查看。同一人重复申请为 409; 没有联系方式的隐患为 409。")
async def request_unseal(hazard_id: str, body: s.UnsealRequestIn, principal: CurrentPrincipal, service: Hazards,
                         if_match: IfMatch, response: Response) -> s.CommandOut:
    return await run_step(response, service.request_contact_unseal, principal, hazard_id,
                      c.RequestContactUnseal(body.reason), if_match)


@router.get("/{hazard_id}/reporter-contact", response_model=s.ContactOut, summary="查看举报人联系方式",
            description="仅限启封后的两名申请人; 其他人 (包括未申请的工作人员) 为 403。")
def read_contact(hazard_id: str, principal: CurrentPrincipal, contacts: Contacts) -> s.ContactOut:
    return s.ContactOut(**contacts.read(principal, hazard_id))


@router.post("/{hazard_id}/reward-flag", response_model=s.CommandOut, summary="标记举报奖励",
             description="县局、市局工作人员将属实的群众举报标记为可给予举报奖励, 须写明理由; 每条举报一次。")
async def flag_reward(hazard_id: str, body: s.RewardFlagIn, principal: CurrentPrincipal, service: Hazards,
                      if_match: IfMatch, response: Response) -> s.CommandOut:
    return await run_step(response, service.flag_reward, principal, hazard_id, c.FlagReward(body.reason), if_match)


@router.post("/{hazard_id}/reward-decision", response_model=s.CommandOut, summary="举报奖励决定",
             description="县局、市局工作人员或领导小组组长对已标记的举报作出给予 (写明金额) 或不予奖励的决定, 须写明理由; 一次。")
async def decide_reward(hazard_id: str, body: s.RewardDecisionIn, principal: CurrentPrincipal, service: Hazards,
                        if_match: IfMatch, response: Response) -> s.CommandOut:
    return await run_step(response, service.decide_reward, principal, hazard_id,
                      c.DecideReward(body.granted, body.amount, body.reason), if_match)
