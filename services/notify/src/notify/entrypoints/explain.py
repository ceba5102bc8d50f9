"""Explaining routing over HTTP: which rules an event would match now, why, and whom they address."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from notify.entrypoints import schemas as s
from notify.entrypoints.dependencies import RulesService

router = APIRouter(prefix="/routing", tags=["分发规则"])


@router.post("/explain", response_model=s.ExplainOut, summary="解释分发: 某个事件会通知谁、为什么",
             description="按当前有效规则判断一个事件描述: 列出辖区覆盖该事件的每条规则, 逐项条件说明匹配或不匹配的理由, "
                         "以及匹配规则的接收方 (值班岗位按此刻的值班表)。不记录任何事件。事件辖区须在本人范围内。")
async def explain(body: s.ExplainIn, principal: CurrentPrincipal, service: RulesService) -> dict:
    found = await run_in_threadpool(service.explain, principal, body.to_facts())
    event = {k: v for k, v in asdict(found.facts).items() if k != "party_users"}
    return {"event": event, "rules": [asdict(v) for v in found.verdicts],
            "recipients": [asdict(r) for r in found.recipients]}
