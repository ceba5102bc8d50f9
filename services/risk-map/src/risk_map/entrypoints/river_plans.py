"""River plans API (一河一策一图): publish, publish a new version, read the current or an earlier version."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.errors import NotFound
from ecosafe_kit.web.etag import IfMatch, set_etag
from risk_map.adapters import read_queries
from risk_map.entrypoints.dependencies import EngineDep, StoreDep
from risk_map.entrypoints.schemas import RiverPlanIn
from risk_map.service_layer import river_plans as uc

router = APIRouter(prefix="/river-plans", tags=["一河一策一图"])
# Versions are stored as PostgreSQL integers: a larger number is no version at all, refused before any query.
VersionNo = Annotated[int, Path(ge=1, le=2_147_483_647, description="版本号 (从 1 开始)")]


def _plan(engine, plan_id: str, version_no: int | None = None, status_code: int = 200) -> JSONResponse:
    with engine.connect() as conn:
        plan = read_queries.river_plan(conn, plan_id, version_no)
    if plan is None:
        raise NotFound(f"方案不存在: {plan_id}" + (f" 第 {version_no} 版" if version_no else ""), extra={"id": plan_id})
    out = JSONResponse(plan, status_code=status_code)
    set_etag(out, plan["latest_version_no"])
    return out


_WHO = ("由河流流经的辖区 (已登记河段所在的辖区, 按河流名称或措施所列河段确定) 及其上级的政府部门或管理员发布, 否则 403; "
        "河流尚无已登记的河段时只有管理员可发布。")


@router.post("", status_code=201, summary="发布一河一策一图方案 (第 1 版)", description=_WHO)
def publish(body: RiverPlanIn, principal: CurrentPrincipal, store: StoreDep, engine: EngineDep):
    plan = uc.publish_plan(store, principal, body.model_dump())
    return _plan(engine, plan.id, status_code=201)


@router.put("/{plan_id}", summary="发布方案新版本", description="旧版本保留可查; If-Match 带当前版本号。" + _WHO
            + " 现有方案的河流与新版本的河流都须在调用者的管辖范围内。")
def new_version(plan_id: str, body: RiverPlanIn, principal: CurrentPrincipal, store: StoreDep, engine: EngineDep,
                expected: IfMatch):
    uc.publish_new_version(store, principal, plan_id, body.model_dump(), expected)
    return _plan(engine, plan_id)


@router.get("/{plan_id}", summary="查看方案 (当前版本)")
def read(plan_id: str, principal: CurrentPrincipal, engine: EngineDep):
    return _plan(engine, plan_id)


@router.get("/{plan_id}/versions/{version_no}", summary="查看方案的某一版本")
def read_version(plan_id: str, version_no: VersionNo, principal: CurrentPrincipal, engine: EngineDep):
    return _plan(engine, plan_id, version_no)
