"""The duty roster over HTTP (值班表): shifts scheduled, changed (If-Match), cancelled, listed; who is on duty."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.errors import FieldProblem, InvalidInput
from ecosafe_kit.text import Line
from ecosafe_kit.web.etag import IfMatch, set_etag
from notify.entrypoints import duty_schemas as d
from notify.entrypoints.dependencies import RosterService
from notify.entrypoints.schemas import CommandOut
from notify.service_layer.recording import Result

router = APIRouter(prefix="/duty", tags=["值班表"])


def _out(result: Result, response: Response) -> CommandOut:
    set_etag(response, result.version)
    return CommandOut(id=result.id, version=result.version)


@router.post("/shifts", status_code=status.HTTP_201_CREATED, response_model=CommandOut, summary="排班",
             description="市局、县局、应急指挥中心为本辖区排班 (值班员、带班领导、可选副班); 记录为签名事件 DutyShiftScheduled "
                         "(ecosafe.notify.duty-shift)。与本辖区已有班次时间重叠时 409; 跨零点的班次照常, 零点交接时"
                         "下一班从 00:00 开始。")
async def schedule(body: d.ShiftIn, principal: CurrentPrincipal, service: RosterService,
                   response: Response) -> CommandOut:
    result = await run_in_threadpool(service.schedule, principal, body.to_spec())
    response.headers["Location"] = f"/duty/shifts/{result.id}"
    return _out(result, response)


@router.get("/shifts", response_model=d.ShiftPage, summary="值班表",
            description="与 [from, to) 时段重叠的班次 (缺省: 今天起 7 天, 北京时间), 本人辖区内的, 或指定辖区 (本人辖区内或其上级) 的; "
                        "按辖区和开始时间排序, 至多 2000 条。")
def list_shifts(
    principal: CurrentPrincipal, service: RosterService,
    jurisdiction_code: Annotated[Line | None, Query(max_length=12, description="只看这个辖区的班次")] = None,
    from_: Annotated[datetime | None, Query(alias="from", description="时段开始 (不带时区按北京时间)")] = None,
    to: Annotated[datetime | None, Query(description="时段结束")] = None,
    include_cancelled: Annotated[bool, Query(description="是否包括已取消的班次")] = False,
) -> dict:
    start = d.as_instant(from_) if from_ else datetime.now(timezone.utc)
    end = d.as_instant(to) if to else start + timedelta(days=7)
    if end <= start:
        raise InvalidInput("时段结束必须晚于开始", [FieldProblem("to", "时段结束必须晚于开始")])
    rows = service.period(principal, jurisdiction_code, start, end, include_cancelled)
    return {"items": [d.present(r) for r in rows]}


@router.get("/on-duty", response_model=d.OnDutyOut, summary="此刻谁在值班",
            description="辖区在某一时刻 (缺省为现在) 的在岗班次: 本辖区的, 没有则为最近的上级辖区的 (县里没有排班时由市局值班)。"
                        "通知发给值班岗位时用同样的判断, 时刻为事件发生的时刻。")
def on_duty(
    principal: CurrentPrincipal, service: RosterService,
    jurisdiction_code: Annotated[Line, Query(max_length=12, description="辖区代码")],
    at: Annotated[datetime | None, Query(description="时刻 (不带时区按北京时间)")] = None,
) -> dict:
    instant = d.as_instant(at) if at else datetime.now(timezone.utc)
    shift = service.on_duty_at(principal, jurisdiction_code, instant)
    return {"jurisdiction_code": jurisdiction_code, "at": d.shown(instant),
            "shift": d.present(shift) if shift else None}


@router.get("/shifts/{shift_id}", response_model=d.ShiftOut, summary="查看班次",
            description="ETag 为当前版本。本人不可见的班次与不存在的一样返回 404。")
def get_shift(shift_id: Line, principal: CurrentPrincipal, service: RosterService, response: Response) -> dict:
    row = service.get(principal, shift_id)
    set_etag(response, row["version"])
    return d.present(row)


@router.put("/shifts/{shift_id}", response_model=CommandOut, summary="调班",
            description="提交完整的新班次 (带 If-Match, 版本已变化时 412); 记录为 DutyShiftChanged; 与其他班次重叠时 409; "
                        "已取消的班次 409。")
async def change(shift_id: Line, body: d.ShiftIn, principal: CurrentPrincipal, service: RosterService,
                 if_match: IfMatch, response: Response) -> CommandOut:
    return _out(await run_in_threadpool(service.change, principal, shift_id, body.to_spec(), if_match), response)


@router.post("/shifts/{shift_id}/cancellation", response_model=CommandOut, summary="取消班次",
             description="记录为 DutyShiftCancelled (带 If-Match); 取消后此班次不再在岗。")
async def cancel(shift_id: Line, body: d.CancelIn, principal: CurrentPrincipal, service: RosterService,
                 if_match: IfMatch, response: Response) -> CommandOut:
    return _out(await run_in_threadpool(service.cancel, principal, shift_id, body.reason, if_match), response)
