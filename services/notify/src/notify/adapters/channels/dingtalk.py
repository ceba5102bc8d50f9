"""钉钉群机器人: markdown message; with 加签 the URL carries timestamp (ms) and sign = base64(HMAC-SHA256)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.parse
from collections.abc import Callable

from notify.adapters.channels import markdown
from notify.adapters.channels.http import post_json, robot_answer
from notify.domain.channels import OutgoingMessage


def signed_url(url: str, secret: str, timestamp_ms: int) -> str:
    """The robot URL with `timestamp` and `sign`: base64 of HMAC-SHA256(secret, "<timestamp>\\n<secret>"), URL-encoded."""
    to_sign = f"{timestamp_ms}\n{secret}".encode()
    sign = base64.b64encode(hmac.new(secret.encode(), to_sign, hashlib.sha256).digest()).decode()
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}timestamp={timestamp_ms}&sign={urllib.parse.quote_plus(sign)}"


def dingtalk_body(message: OutgoingMessage) -> bytes:
    return json.dumps({"msgtype": "markdown", "markdown": {"title": message.title, "text": markdown(message)}},
                      ensure_ascii=False).encode()


class DingTalkSender:
    def __init__(self, timeout: float, now: Callable[[], float] = time.time) -> None:
        self.timeout = timeout
        self.now = now

    def send(self, target: str, secret: str | None, message: OutgoingMessage) -> str:
        url = signed_url(target, secret, int(self.now() * 1000)) if secret else target
        _, raw = post_json(url, dingtalk_body(message), {}, self.timeout)
        return robot_answer(raw)
