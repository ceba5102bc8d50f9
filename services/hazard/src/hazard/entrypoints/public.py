"""Public endpoints: 群众举报 (anonymous, rate-limited, with a follow-up code) and 三公开 (major hazards)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, status

from ecosafe_kit.auth.dependencies import Public
from hazard.adapters import queries
from hazard.domain.values import Grade, State, domain_label
from hazard.entrypoints import schemas as s
from hazard.entrypoints.dependencies import Hazards, Public_Reports
from hazard.service_layer import views

router = APIRouter(prefix="/public", tags=["公众 (举报与公开)"], dependencies=[Public])


@router.post("/reports", status_code=status.HTTP_201_CREATED, response_model=s.PublicReceiptOut,
             summary="群众举报", description="无需登录, 可匿名; 同一来源每小时限次。返回台账编号和查询码 (仅显示一次)。"
             "可留下联系方式 (contact): 加密密封保存, 两名工作人员分别申请后才启封。")
def public_report(body: s.PublicReportIn, request: Request, reports: Public_Reports) -> s.PublicReceiptOut:
    reports.throttle(request.client.host if request.client else "unknown")
    receipt = reports.submit(enterprise_id=body.enterprise_id, domain=body.domain.value, description=body.description,
                             site=body.site, attachments=tuple(a.to_domain() for a in body.attachments),
                             contact=body.contact)
    return s.PublicReceiptOut(ledger_no=receipt.ledger_no, follow_up_code=receipt.follow_up_code)


@router.get("/reports/{code}", summary="凭查询码查询举报办理进度",
            description="只返回办理状态、监管部门核定的隐患等级和举报奖励 (reward: flagged 已标记 / granted 给予 / "
                        "refused 不予, reward_amount 元), 不含任何个人信息。")
def public_report_progress(code: Annotated[str, Path(min_length=16, max_length=19)], reports: Public_Reports) -> dict:
    row = reports.progress(code)
    return {**row, "state_label": State(row["state"]).label, "grade_label": Grade(row["grade"]).label}


@router.get("/hazards", summary="重大事故隐患公开 (三公开)",
            description="重大事故隐患清单、整改进展和整改结果; 不含个人信息。")
def disclosure(service: Hazards,
               jurisdiction: Annotated[str | None, Query(pattern=r"^[0-9]{6}([0-9]{3})?$",
                                                         description="辖区代码 (行政区划代码, 如 140525)")] = None,
               page: Annotated[int, Query(ge=1, le=100000)] = 1,
               size: Annotated[int, Query(ge=1, le=200)] = 50) -> dict:
    prefix = views.filter_prefix(jurisdiction)
    with service.engine.connect() as conn:
        rows, total = queries.disclosure_page(conn, jurisdiction_prefix=prefix, offset=(page - 1) * size, limit=size)
    items = [{**r, "domain_label": domain_label(r["domain"]), "state_label": State(r["state"]).label} for r in rows]
    return {"items": items, "total": total, "page": page, "size": size}
