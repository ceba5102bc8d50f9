"""The in-app inbox over HTTP: a user's notifications, one with its explanation, marking read, acknowledging."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from ecosafe_kit.web.etag import set_etag
from notify.entrypoints import schemas as s
from notify.entrypoints.dependencies import InboxService

router = APIRouter(prefix="/notifications", tags=["通知"])


@router.get("", response_model=s.NotificationPage, summary="我的通知",
            description="发给本人的通知: 直接发给本人的, 发给本人角色且本人辖区覆盖事件辖区的, 发给本人企业或园区的 (含升级加入的); "
                        "最新的在前。每条带本人的状态 (未读/已读/已确认) 和匹配的规则及理由。")
def my_notifications(
    principal: CurrentPrincipal, service: InboxService,
    event_type: Annotated[Line | None, Query(max_length=40, description="事件类型代码, 如 hazard.overdue")] = None,
    subject_id: Annotated[Line | None, Query(max_length=100, description="隐患、检查或事件的标识")] = None,
    status: Annotated[Literal["unread", "read", "acknowledged"] | None, Query(description="本人的状态")] = None,
    urgent: Annotated[bool | None, Query(description="只看紧急 (true) 或非紧急 (false) 的")] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict:
    items, total = service.page(principal, event_type, subject_id, status, urgent, offset, limit)
    return {"items": items, "total": total}


@router.get("/{notification_id}", response_model=s.NotificationOut, summary="查看通知及其分发说明",
            description="发给本人的通知, 或本人管理分发规则的辖区内的通知; 带全部接收方、匹配理由和各人的确认。其他与不存在的一样返回 404。")
def get_notification(notification_id: Line, principal: CurrentPrincipal, service: InboxService) -> dict:
    return service.get(principal, notification_id)


@router.post("/{notification_id}/read", response_model=s.StatusOut, summary="标记已读",
             description="本人是接收人时标记为已读 (已确认的仍为已确认); 不记录事件。")
async def mark_read(notification_id: Line, principal: CurrentPrincipal, service: InboxService) -> dict:
    status = await run_in_threadpool(service.mark_read, principal, notification_id)
    return {"notification_id": notification_id, "status": status}


@router.post("/{notification_id}/acknowledgement", response_model=s.CommandOut, summary="确认通知",
             description="接收人确认收到并处置, 记录为本人签名的 NotificationAcknowledged; 同一人再次确认不再记录。"
                         "紧急通知任一接收人确认后即不再升级。与升级同时发生时 409, 重试即可。")
async def acknowledge(notification_id: Line, body: s.AcknowledgeIn, principal: CurrentPrincipal,
                      service: InboxService, response: Response) -> s.CommandOut:
    result = await run_in_threadpool(service.acknowledge, principal, notification_id, body.note)
    set_etag(response, result.version)
    return s.CommandOut(id=result.id, version=result.version)
