"""Live push over HTTP: server-sent-event streams of the caller's notifications and of the map, resumable."""

from __future__ import annotations

import asyncio
import json
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.eventstore.records import Position
from notify.entrypoints.dependencies import LiveMapService, LiveService
from notify.service_layer.live import LiveFeed, parse_position
from notify.service_layer.live_map import LiveMap

router = APIRouter(tags=["实时推送"])

POLL_SECONDS = 1.0
HEARTBEAT_POLLS = 15  # a comment line every ~15 s keeps proxies from closing an idle stream
_SSE = {200: {"content": {"text/event-stream": {}}, "description": "server-sent events"}}
LastEventId = Annotated[str | None, Header(alias="Last-Event-ID", max_length=60, description="上次收到的事件 id")]


async def _stream(request: Request, principal: Principal, feed: LiveFeed | LiveMap,
                  last_event_id: str | None) -> StreamingResponse:
    position: Position = parse_position(last_event_id) if last_event_id else await run_in_threadpool(feed.start)

    async def events():
        nonlocal position
        idle = 0
        yield "retry: 3000\n\n"
        while not await request.is_disconnected():
            found, position = await run_in_threadpool(feed.after, principal, position)
            for event in found:
                yield f"id: {event.id}\nevent: {event.name}\ndata: {json.dumps(event.data, ensure_ascii=False)}\n\n"
            if found:
                idle = 0
                continue
            idle += 1
            if idle % HEARTBEAT_POLLS == 0:
                yield ": keep-alive\n\n"
            await asyncio.sleep(POLL_SECONDS)

    return StreamingResponse(events(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.get("/stream", summary="实时推送 (SSE)", response_class=StreamingResponse, responses=_SSE,
            description="text/event-stream: 本人可见的通知事件 (event: notification 新通知, acknowledged 被确认, escalated 升级), "
                        "data 为 JSON (通知标识、标题、链接、紧急、升级级数等), id 为事件在全局日志中的位置。断线后带请求头 "
                        "Last-Event-ID (浏览器 EventSource 自动带上) 重连, 从其后继续, 不丢不重; 不带时从现在开始。"
                        "Last-Event-ID 格式无效时 422。")
async def stream(request: Request, principal: CurrentPrincipal, feed: LiveService, last_event_id: LastEventId = None):
    return await _stream(request, principal, feed, last_event_id)


@router.get("/live/map", summary="一张图实时动态 (SSE)", response_class=StreamingResponse, responses=_SSE,
            description="text/event-stream, 供指挥中心一张图: 隐患 (event: hazard)、突发环境事件 (incident)、闸门排口与应急池"
                        "状态 (device)、执法案件 (case)、通知 (notification)。data 为 JSON: kind, id (对象标识), event (事件名, "
                        "如 HazardReported、IncidentReported、DeviceStateChanged), title (中文提示), urgent (重大隐患、事件、"
                        "关闭指令后闸门排口未关闭、通知升级), jurisdiction_code, enterprise_id, park_id, lon/lat (WGS84, 未知时为 "
                        "null; 隐患与案件取企业登记位置), state, occurred_at。只推送调用者可见的: 本辖区及下级 (事件下游辖区亦可见), "
                        "园区管理用户本园区, 企业用户本企业, 通知按收件人。令牌放在 Authorization 请求头。断线后带 Last-Event-ID "
                        "重连, 从其后继续; 不带时从现在开始; 约每 15 秒一行注释保持连接; Last-Event-ID 格式无效时 422。")
async def live_map(request: Request, principal: CurrentPrincipal, feed: LiveMapService,
                   last_event_id: LastEventId = None):
    return await _stream(request, principal, feed, last_event_id)
