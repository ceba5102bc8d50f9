"""Outbound channels over HTTP (外发通道): register, list, read, retire; and a notification's delivery log."""

from __future__ import annotations

from fastapi import APIRouter, Response, status
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from ecosafe_kit.web.etag import IfMatch, set_etag
from notify.entrypoints import schemas as s
from notify.entrypoints.dependencies import ChannelService

router = APIRouter(tags=["外发通道"])


@router.post("/channels", status_code=status.HTTP_201_CREATED, response_model=s.CommandOut, summary="登记外发通道",
             description="市局、县局、应急指挥中心为本辖区登记 Webhook (HMAC-SHA256 签名)、电子邮件、企业微信群机器人、钉钉群机器人 "
                         "(可加签) 或短信通道; 记录为 ChannelRegistered (不含密钥)。分发规则的 channel_ids 引用它。")
async def register(body: s.ChannelIn, principal: CurrentPrincipal, service: ChannelService,
                   response: Response) -> s.CommandOut:
    result = await run_in_threadpool(service.register, principal, body.name, body.jurisdiction_code, body.kind,
                                     body.target, body.secret)
    response.headers["Location"] = f"/channels/{result.id}"
    set_etag(response, result.version)
    return s.CommandOut(id=result.id, version=result.version)


@router.get("/channels", response_model=s.ChannelPage, summary="外发通道列表",
            description="本人辖区内及上级辖区的通道 (不含密钥)。")
def list_channels(principal: CurrentPrincipal, service: ChannelService) -> dict:
    return {"items": service.list(principal)}


@router.get("/channels/{channel_id}", response_model=s.ChannelOut, summary="查看外发通道",
            description="不含密钥; 本人不可见的与不存在的一样返回 404。")
def get_channel(channel_id: Line, principal: CurrentPrincipal, service: ChannelService, response: Response) -> dict:
    row = service.get(principal, channel_id)
    set_etag(response, row["version"])
    return row


@router.post("/channels/{channel_id}/retirement", response_model=s.CommandOut, summary="停用外发通道",
             description="记录为 ChannelRetired (带 If-Match); 之后不再经它发送, 待发的记为失败。")
async def retire(channel_id: Line, body: s.RetireIn, principal: CurrentPrincipal, service: ChannelService,
                 if_match: IfMatch, response: Response) -> s.CommandOut:
    result = await run_in_threadpool(service.retire, principal, channel_id, body.reason, if_match)
    set_etag(response, result.version)
    return s.CommandOut(id=result.id, version=result.version)


@router.get("/notifications/{notification_id}/deliveries", response_model=s.DeliveryPage, summary="通知的外发记录",
            description="通知经各通道的发送状态和每次尝试 (送达、失败原因、下次重试时间、可能重复); 可见范围同查看通知。")
def deliveries(notification_id: Line, principal: CurrentPrincipal, service: ChannelService) -> dict:
    return {"items": service.deliveries(principal, notification_id)}
