"""双随机、一公开 over HTTP: draw for a campaign, its draws; the public result and its verification (no token)."""

from __future__ import annotations

from fastapi import APIRouter, status
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal, Public
from ecosafe_kit.text import Line
from enforcement.domain import draw as d
from enforcement.entrypoints import campaign_schemas as s
from enforcement.entrypoints.dependencies import DrawService
from enforcement.service_layer.draws import DrawRequest

router = APIRouter(tags=["双随机、一公开"])

_ALGORITHM = ("算法 sha256-rank-v1: 每家候选企业的键为 SHA-256(种子 \":\" 企业标识) 的十六进制, 按键排序取前 count 家 "
              "(比例时 count = ⌈比例 × 候选数 / 100⌉); 对每家抽中的企业, 每名无利害关系的候选人员的键为 "
              "SHA-256(种子 \":\" 企业标识 \":\" 人员标识), 按键排序取前 inspectors_per_enterprise 名。")


@router.post("/campaigns/{campaign_id}/draws", status_code=status.HTTP_201_CREATED, summary="随机抽取",
             description="从专项行动范围内的在册企业中按比例或数量抽取企业, 从名录库中抽取检查人员 (排除申报了利害关系的), "
                         "结果连同种子和全部输入公开 (RandomDrawPublished)。" + _ALGORITHM)
async def make_draw(campaign_id: Line, body: s.DrawIn, principal: CurrentPrincipal, service: DrawService) -> dict:
    return await run_in_threadpool(service.make, principal, campaign_id, DrawRequest(
        jurisdiction_code=body.jurisdiction_code, inspector_jurisdiction_code=body.inspector_jurisdiction_code,
        percent=body.percent, count=body.count, inspectors_per_enterprise=body.inspectors_per_enterprise,
        seed=body.seed))


@router.get("/campaigns/{campaign_id}/draws", summary="专项行动的抽取记录")
def campaign_draws(campaign_id: Line, principal: CurrentPrincipal, service: DrawService) -> list[dict]:
    return service.of_campaign(principal, campaign_id)


@router.get("/public/draws/{draw_id}", dependencies=[Public], summary="抽取结果公开",
            description="任何人可查看: 种子、候选企业与人员、排除组合、抽取结果 (企业名称、检查人员姓名)。")
def public_draw(draw_id: Line, service: DrawService) -> dict:
    return service.public(draw_id)


@router.get("/public/draws/{draw_id}/verification", dependencies=[Public], summary="复核抽取结果",
            description="按公开的种子和输入重新计算, matches 表示与公开结果一致; chain_intact 为该记录哈希链的校验结果。")
def verify_draw(draw_id: Line, service: DrawService) -> dict:
    return service.verification(draw_id)


@router.post("/public/draws/verification", dependencies=[Public], summary="按给定输入计算抽取结果",
             description="任何人可提交种子与输入, 得到按同一算法计算的结果, 与公开结果对照。" + _ALGORITHM)
async def compute_draw(body: s.VerifyIn) -> dict:
    selections = d.draw_checked(body.seed, body.candidate_enterprise_ids, body.candidate_inspector_ids,
                                [(x.inspector_id, x.enterprise_id) for x in body.exclusions], body.count,
                                body.inspectors_per_enterprise)
    return {"algorithm": d.ALGORITHM,
            "selections": [{"enterprise_id": x.enterprise_id, "inspector_ids": list(x.inspector_ids)}
                           for x in selections]}
