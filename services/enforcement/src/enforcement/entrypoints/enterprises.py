"""The enterprise register over HTTP: register, list, read, change, deregister, history (企业名录)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from ecosafe_kit.web.etag import IfMatch, set_etag
from enforcement.entrypoints import schemas as s
from enforcement.entrypoints.dependencies import Register
from enforcement.service_layer import views
from enforcement.service_layer.register import Result

router = APIRouter(prefix="/enterprises", tags=["企业名录"])


def _out(result: Result, response: Response) -> s.CommandOut:
    set_etag(response, result.version)
    return s.CommandOut(enterprise_id=result.enterprise_id, version=result.version,
                        changed_fields=list(result.changed_fields))


@router.get("/sectors", response_model=list[s.SectorOut], summary="行业类别代码表",
            description="企业名录的行业类别 (专项行动按类别划定范围) 及归入各类别的国民经济行业分类 (GB/T 4754-2017) 代码前缀; "
                        "登记时未填行业类别则按行业代码的最长前缀推出, 无匹配为 other (其他)。")
async def sectors(principal: CurrentPrincipal) -> list[dict]:
    return views.sector_list()


@router.post("", status_code=status.HTTP_201_CREATED, response_model=s.CommandOut, summary="企业登记",
             description="市局、县局在本辖区内, 园区管理在本园区内, 管理员在任何辖区登记企业; 记录为签名事件 "
                         "EnterpriseRegistered 并发布到 ecosafe.enforcement.enterprise。统一社会信用代码按 GB 32100-2015 "
                         "校验, 已有在册企业使用同一代码时返回 409; 上级企业须已在册。管理员迁移既有名录时可指定 enterprise_id "
                         "(已被使用时 409)。")
async def register(body: s.EnterpriseCreateIn, principal: CurrentPrincipal, service: Register,
                   response: Response) -> s.CommandOut:
    result = await run_in_threadpool(service.register, principal, body.to_input(), body.enterprise_id)
    response.headers["Location"] = f"/enterprises/{result.enterprise_id}"
    return _out(result, response)


@router.get("", response_model=s.EnterprisePage, summary="查询企业名录",
            description="本人可见的企业 (政府部门用户为本辖区, 企业用户为本企业, 园区管理用户为本园区), 按名称排序; "
                        "q 的多个词以空格分隔, 须全部出现在名称或统一社会信用代码中, 名称以第一个词开头的排在前面。")
def list_enterprises(
    principal: CurrentPrincipal, service: Register,
    q: Annotated[Line | None, Query(max_length=100, description="名称或统一社会信用代码的一部分")] = None,
    jurisdiction: Annotated[Line | None, Query(max_length=12, description="辖区代码 (市级含其下各县)")] = None,
    park_id: Annotated[Line | None, Query(max_length=100, description="园区标识")] = None,
    sector: Annotated[Line | None, Query(max_length=40, description="行业类别代码")] = None,
    risk_level: Annotated[Literal["general", "elevated", "major"] | None, Query(description="环境风险等级")] = None,
    status_: Annotated[Literal["registered", "deregistered", "all"],
                       Query(alias="status", description="registered 在册 (缺省), deregistered 已注销, all 全部")] = "registered",
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict:
    narrowing = views.list_filter(q, jurisdiction, park_id, sector, risk_level, status_)
    rows, total = service.page(principal, narrowing, offset, limit)
    return {"items": [views.present(r) for r in rows], "total": total}


@router.get("/{enterprise_id}", response_model=s.EnterpriseOut, summary="查看企业",
            description="名录中的一家企业; ETag 为当前版本。本人不可见的企业与不存在的一样返回 404。")
def get_enterprise(enterprise_id: Line, principal: CurrentPrincipal, service: Register, response: Response) -> dict:
    row = service.get(principal, enterprise_id)
    set_etag(response, row["version"])
    return views.present(row)


@router.put("/{enterprise_id}", response_model=s.CommandOut, summary="企业信息变更",
            description="提交完整的新记录 (带 If-Match: 上次的 ETag, 版本已变化时 412); 记录为 EnterpriseUpdated, "
                        "changed_fields 列出变化的字段; 没有变化时不记录事件, 版本不变。变更前后的辖区和园区都须在本人范围内。")
async def update(enterprise_id: Line, body: s.EnterpriseIn, principal: CurrentPrincipal, service: Register,
                 if_match: IfMatch, response: Response) -> s.CommandOut:
    return _out(await run_in_threadpool(service.update, principal, enterprise_id, body.to_input(), if_match), response)


@router.post("/{enterprise_id}/deregistration", response_model=s.CommandOut, summary="企业注销",
             description="企业退出名录 (关闭、合并、迁出), 须写明原因; 记录为 EnterpriseDeregistered, 之后不能再变更, "
                         "统一社会信用代码可重新登记。")
async def deregister(enterprise_id: Line, body: s.DeregistrationIn, principal: CurrentPrincipal, service: Register,
                     if_match: IfMatch, response: Response) -> s.CommandOut:
    return _out(await run_in_threadpool(service.deregister, principal, enterprise_id, body.reason, if_match), response)


@router.get("/{enterprise_id}/history", response_model=s.HistoryOut, summary="企业记录的变更历史",
            description="登记、每次变更和注销, 各带签署人 (谁签名、谁负责)、时间、变化字段与哈希; chain_intact 为哈希链校验结果。")
def history(enterprise_id: Line, principal: CurrentPrincipal, service: Register) -> dict:
    return service.history(principal, enterprise_id)
