"""The ledger (台账) over HTTP: filtered pages, the .xlsx export and the zeroing view (动态清零)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from hazard.adapters import queries, xlsx
from hazard.domain.values import Domain
from hazard.entrypoints.dependencies import Hazards
from hazard.entrypoints.schemas import DOMAIN_DESCRIPTION
from hazard.service_layer import views

router = APIRouter(tags=["隐患台账"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def ledger_filter(  # async: no thread hop for building a dict
    jurisdiction: Annotated[str | None, Query(description="辖区代码 (须在本人辖区内), 如 140525")] = None,
    grade: Annotated[Literal["major", "general"] | None, Query(description="隐患等级")] = None,
    domain: Annotated[Domain | None, Query(description=DOMAIN_DESCRIPTION)] = None,
    source: Annotated[Literal["self_inspection", "inspection", "public_report", "superior_referral"] | None,
                      Query(description="隐患来源")] = None,
    state: Annotated[Literal["reported", "assigned", "rectifying", "verifying", "closed"] | None,
                     Query(description="状态")] = None,
    campaign_id: Annotated[str | None, Query(max_length=100, description="专项行动")] = None,
    overdue: Annotated[bool | None, Query(description="是否逾期")] = None,
    listed: Annotated[bool | None, Query(description="是否挂牌督办")] = None,
    enterprise_id: Annotated[str | None, Query(max_length=100, description="企业")] = None,
    verification_passed: Annotated[bool | None, Query(description="督查验收是否已通过; 与 state=verifying 合用: true 为验收通过"
                                                                  "待销号, false 为待督查验收")] = None,
) -> dict:
    return dict(jurisdiction=jurisdiction, grade=grade, domain=domain.value if domain else None, source=source,
                state=state, campaign_id=campaign_id, overdue=overdue, listed=listed, enterprise_id=enterprise_id,
                verification_passed=verification_passed)


Filters = Annotated[dict, Depends(ledger_filter)]
Sort = Annotated[str, Query(max_length=40, description="排序字段, 前加 - 为降序: ledger_no, reported_at, deadline, "
                                                      "grade, state, updated_at, enterprise_name")]


def _filter(principal, values: dict) -> queries.LedgerFilter:
    values = dict(values)
    prefix = views.narrowed(principal, values.pop("jurisdiction"))
    return queries.LedgerFilter(jurisdiction_prefix=prefix, **values)


@router.get("/ledger", summary="隐患台账", description="本人辖区 (或本企业) 的隐患台账, 可筛选、分页、排序。")
def ledger_page(principal: CurrentPrincipal, service: Hazards, filters: Filters, sort: Sort = "-reported_at",
                page: Annotated[int, Query(ge=1, le=100000, description="页码")] = 1,
                size: Annotated[int, Query(ge=1, le=500, description="每页条数")] = 50) -> dict:
    items, total = views.ledger(service, principal, _filter(principal, filters), sort=sort,
                                offset=(page - 1) * size, limit=size)
    return {"items": items, "total": total, "page": page, "size": size}


@router.get("/ledger.xlsx", summary="导出隐患台账 (.xlsx)", response_class=Response,
            responses={200: {"content": {XLSX: {}}, "description": "中文表头的 Excel 台账"}})
def ledger_export(principal: CurrentPrincipal, service: Hazards, filters: Filters,
                  sort: Sort = "ledger_no") -> Response:
    items, _ = views.ledger(service, principal, _filter(principal, filters), sort=sort, offset=0, limit=100_000)
    return Response(xlsx.ledger_workbook(items), media_type=XLSX,
                    headers={"Content-Disposition": "attachment; filename*=UTF-8''%E9%9A%90%E6%82%A3%E5%8F%B0%E8%B4%A6.xlsx"})


@router.get("/zeroing", summary="动态清零", description="重大事故隐患: 期初未销号、期间新增、期间销号、期末未销号, "
                                                       "按县(市、区)和领域统计 (日期按北京时间)。")
def zeroing(principal: CurrentPrincipal, service: Hazards,
            start: Annotated[date, Query(alias="from", description="开始日期 (不早于 2000-01-01)")],
            end: Annotated[date, Query(alias="to", description="结束日期 (含; 不早于开始日期, 不晚于今天)")],
            jurisdiction: Annotated[str | None, Query(description="辖区代码")] = None) -> dict:
    rows = views.zeroing(service, principal, start, end, jurisdiction)
    return {"from": start, "to": end, "rows": rows}
