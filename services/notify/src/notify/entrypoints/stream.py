"""Live push over HTTP: a server-sent-events stream of the caller's notification events, resumable."""

from __future__ import annotations

import asyncio
import json
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from notify.entrypoints.dependencies import LiveService
from notify.service_layer.live import parse_position

router = APIRouter(tags=["实时推送"])

POLL_SECONDS = 1.0
HEARTBEAT_POLLS = 15  # a comment line every ~15 s keeps proxies from closing an idle stream


@router.get("/stream", summary="实时推送 (SSE)", response_class=StreamingResponse,
            responses={200: {"content": {"text/event-stream": {}}, "description": "server-sent events"}},
            description="text/event-stream: 本人可见的通知事件 (event: notification 新通知, acknowledged 被确认, escalated 升级), "
                        "data 为 JSON (通知标识、标题、链接、紧急、升级级数等), id 为事件在全局日志中的位置。断线后带请求头 "
                        "Last-Event-ID (浏览器 EventSource 自动带上) 重连, 从其后继续, 不丢不重; 不带时从现在开始。"
                        "Last-Event-ID 格式无效时 422。")
async def stream(request: Request, principal: CurrentPrincipal, feed: LiveService,
                 last_event_id: Annotated[str | None, Header(alias="Last-Event-ID", max_length=60,
                                                             description="上次收到的事件 id")] = None):
    position = parse_position(last_event_id) if last_event_id else await run_in_threadpool(feed.start)

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
