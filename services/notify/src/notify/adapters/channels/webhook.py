"""Signed webhooks: the notification as JSON, HMAC-SHA256 over "<timestamp>.<body>" in the headers."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import asdict

from notify.adapters.channels import SendFailed
from notify.adapters.channels.http import post_json
from notify.domain.channels import OutgoingMessage

TIMESTAMP_HEADER = "X-EcoSafe-Timestamp"
SIGNATURE_HEADER = "X-EcoSafe-Signature"


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=<hex>` of HMAC-SHA256(secret, timestamp + "." + body); receivers recompute and compare it."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


class WebhookSender:
    def __init__(self, timeout: float, now: Callable[[], float] = time.time) -> None:
        self.timeout = timeout
        self.now = now

    def send(self, target: str, secret: str | None, message: OutgoingMessage) -> str:
        if not secret:
            raise SendFailed("签名 Webhook 没有签名密钥")
        body = json.dumps(asdict(message), ensure_ascii=False).encode()
        timestamp = str(int(self.now()))
        status, _ = post_json(target, body, {
            TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: signature(secret, timestamp, body),
            "X-EcoSafe-Delivery": message.delivery_id,
            "X-EcoSafe-Possible-Duplicate": "true" if message.possible_duplicate else "false",
        }, self.timeout)
        return f"HTTP {status}"
