"""企业微信群机器人: {"msgtype": "markdown", "markdown": {"content": …}} to the robot's webhook URL."""

from __future__ import annotations

import json

from notify.adapters.channels import markdown
from notify.adapters.channels.http import post_json, robot_answer
from notify.domain.channels import OutgoingMessage

# The robot refuses markdown content over 4096 bytes.
_LIMIT = 4096


def wecom_body(message: OutgoingMessage) -> bytes:
    content = markdown(message)
    while len(content.encode()) > _LIMIT:
        content = content[: len(content) - 100]
    return json.dumps({"msgtype": "markdown", "markdown": {"content": content}}, ensure_ascii=False).encode()


class WeComSender:
    def __init__(self, timeout: float) -> None:
        self.timeout = timeout

    def send(self, target: str, secret: str | None, message: OutgoingMessage) -> str:
        _, raw = post_json(target, wecom_body(message), {}, self.timeout)
        return robot_answer(raw)
