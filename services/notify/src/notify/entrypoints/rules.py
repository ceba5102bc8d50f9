"""Routing rules over HTTP: create, list, read, change (If-Match), retire (分发规则)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from ecosafe_kit.web.etag import IfMatch, set_etag
from notify.entrypoints import schemas as s
from notify.entrypoints.dependencies import RulesService
from notify.service_layer.recording import Result

router = APIRouter(prefix="/routing/rules", tags=["分发规则"])


def _out(result: Result, response: Response) -> s.CommandOut:
    set_etag(response, result.version)
    return s.CommandOut(id=result.id, version=result.version)


def _present(row: dict) -> dict:
    return {k: row[k] for k in ("rule_id", "version", "active", "retired_reason", "updated_at", "spec")}


@router.post("", status_code=status.HTTP_201_CREATED, response_model=s.CommandOut, summary="新建分发规则",
             description="市局、县局、应急指挥中心在本辖区内, 管理员在任何辖区新建规则; 记录为签名事件 RoutingRuleCreated "
                         "(ecosafe.notify.routing-rule)。条件或接收方无效时 422 并指明字段, 辖区超出本人范围时 403。")
async def create(body: s.RuleIn, principal: CurrentPrincipal, service: RulesService, response: Response) -> s.CommandOut:
    result = await run_in_threadpool(service.create, principal, body.to_spec())
    response.headers["Location"] = f"/routing/rules/{result.id}"
    return _out(result, response)


@router.get("", response_model=s.RulePage, summary="查询分发规则",
            description="本人管理的规则 (辖区在本人辖区之内) 及上级辖区覆盖本人辖区的规则, 按辖区和名称排序。")
def list_rules(principal: CurrentPrincipal, service: RulesService,
               include_retired: Annotated[bool, Query(description="是否包括已停用的规则")] = False) -> dict:
    return {"items": [_present(r) for r in service.list(principal, include_retired)]}


@router.get("/{rule_id}", response_model=s.RuleOut, summary="查看分发规则",
            description="ETag 为当前版本。本人不可见的规则与不存在的一样返回 404。")
def get_rule(rule_id: Line, principal: CurrentPrincipal, service: RulesService, response: Response) -> dict:
    row = service.get(principal, rule_id)
    set_etag(response, row["version"])
    return _present(row)


@router.put("/{rule_id}", response_model=s.CommandOut, summary="修改分发规则",
            description="提交完整的新规则 (带 If-Match: 上次的 ETag, 版本已变化时 412); 记录为 RoutingRuleChanged; "
                        "内容不变时不记录事件。修改前后的辖区都须在本人范围内; 已停用的规则不能修改 (409)。")
async def change(rule_id: Line, body: s.RuleIn, principal: CurrentPrincipal, service: RulesService,
                 if_match: IfMatch, response: Response) -> s.CommandOut:
    return _out(await run_in_threadpool(service.change, principal, rule_id, body.to_spec(), if_match), response)


@router.post("/{rule_id}/retirement", response_model=s.CommandOut, summary="停用分发规则",
             description="规则停用后不再匹配, 仍保留以说明它产生过的通知; 记录为 RoutingRuleRetired (带 If-Match)。")
async def retire(rule_id: Line, body: s.RetireIn, principal: CurrentPrincipal, service: RulesService,
                 if_match: IfMatch, response: Response) -> s.CommandOut:
    return _out(await run_in_threadpool(service.retire, principal, rule_id, body.reason, if_match), response)
