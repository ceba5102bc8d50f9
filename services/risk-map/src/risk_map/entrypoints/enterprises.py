"""Enterprise views of the map: pool adequacy (V1+V2−V3)max+V4+V5 against registered pool capacity."""

from __future__ import annotations

from fastapi import APIRouter

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.errors import NotFound
from risk_map.adapters import read_queries
from risk_map.entrypoints.dependencies import EngineDep
from risk_map.service_layer.pool_reviews import ensure_may_read_enterprise

router = APIRouter(prefix="/enterprises", tags=["企业"])


@router.get("/{enterprise_id}/pool-adequacy", summary="事故应急池容积核算",
            description="按 (V1+V2−V3)max+V4+V5 计算所需事故水量, 与已登记事故应急池总容积比较, 逐项说明; "
                        "open_review: 已提出、尚未销号的容积不足转隐患记录 (如有)。")
def pool_adequacy(enterprise_id: str, principal: CurrentPrincipal, engine: EngineDep) -> dict:
    with engine.connect() as conn:
        ensure_may_read_enterprise(conn, principal, enterprise_id)
        result = read_queries.site_adequacy(conn, enterprise_id)
        standing = read_queries.open_review(conn, enterprise_id)
    if result is None:
        raise NotFound(f"企业 {enterprise_id} 尚未登记厂区", extra={"enterprise_id": enterprise_id})
    return {**result, "open_review": ({"review_id": standing.review_id, "raised_at": standing.raised_at.isoformat(),
                                       "raised_by": standing.raised_by, "ledger_no": standing.ledger_no}
                                      if standing else None)}
