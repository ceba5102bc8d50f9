"""The in-app inbox over HTTP: a user's notifications and one notification with its explanation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from notify.entrypoints import schemas as s
from notify.entrypoints.dependencies import InboxService

router = APIRouter(prefix="/notifications", tags=["通知"])


@router.get("", response_model=s.NotificationPage, summary="我的通知",
            description="发给本人的通知: 直接发给本人的, 发给本人角色且本人辖区覆盖事件辖区的, 发给本人企业或园区的; "
                        "最新的在前。每条带匹配的规则及理由。")
def my_notifications(
    principal: CurrentPrincipal, service: InboxService,
    event_type: Annotated[Line | None, Query(max_length=40, description="事件类型代码, 如 hazard.overdue")] = None,
    subject_id: Annotated[Line | None, Query(max_length=100, description="隐患或事件的标识")] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict:
    items, total = service.page(principal, event_type, subject_id, offset, limit)
    return {"items": items, "total": total}


@router.get("/{notification_id}", response_model=s.NotificationOut, summary="查看通知及其分发说明",
            description="发给本人的通知, 或本人管理分发规则的辖区内的通知; 带全部接收方和匹配理由。其他与不存在的一样返回 404。")
def get_notification(notification_id: Line, principal: CurrentPrincipal, service: InboxService) -> dict:
    return service.get(principal, notification_id)
