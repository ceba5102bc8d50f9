"""SMS through a generic HTTP gateway: POST {"to", "text"} with a bearer key; short text with the link."""

from __future__ import annotations

import json

from notify.adapters.channels import SendFailed
from notify.adapters.channels.http import post_json
from notify.domain.channels import OutgoingMessage

_MAX = 300  # long messages split into many billed parts; the link carries the rest


def sms_text(message: OutgoingMessage) -> str:
    flag = "【紧急, 请确认】" if message.urgent else ""
    text = f"【生态环境安全】{flag}{message.title}。详情: {message.link}"
    return text if len(text) <= _MAX else text[: _MAX - 1] + "…"


class SmsSender:
    def __init__(self, gateway_url: str | None, api_key: str | None, timeout: float) -> None:
        self.gateway_url = gateway_url
        self.api_key = api_key
        self.timeout = timeout

    def send(self, target: str, secret: str | None, message: OutgoingMessage) -> str:
        if not self.gateway_url:
            raise SendFailed("未配置短信网关 (ECOSAFE_SMS_GATEWAY_URL)")
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        body = json.dumps({"to": target, "text": sms_text(message), "reference": message.delivery_id},
                          ensure_ascii=False).encode()
        status, _ = post_json(self.gateway_url, body, headers, self.timeout)
        return f"HTTP {status}"
