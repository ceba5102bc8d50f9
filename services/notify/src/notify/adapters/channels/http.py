"""One JSON POST with a timeout (stdlib urllib): the transport of webhooks, group robots and the SMS gateway."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request

from notify.adapters.channels import SendFailed


def post_json(url: str, body: bytes, headers: dict[str, str], timeout: float) -> tuple[int, bytes]:
    """POST `body`; returns (status, response body) for a 2xx answer, else raises SendFailed naming why."""
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8", **headers})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (URLs are checked http(s))
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        raise SendFailed(f"对方答复 HTTP {exc.code}") from exc
    except (TimeoutError, socket.timeout) as exc:
        raise SendFailed(f"{timeout:g} 秒内无答复") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise SendFailed(f"无法连接: {getattr(exc, 'reason', exc)}") from exc


def robot_answer(raw: bytes) -> str:
    """企业微信 and 钉钉 robots answer 200 with {"errcode": 0, "errmsg": "ok"}; any other errcode is a refusal."""
    try:
        answer = json.loads(raw or b"{}")
    except ValueError as exc:
        raise SendFailed("群机器人的答复不是 JSON") from exc
    if answer.get("errcode", 0) != 0:
        raise SendFailed(f"群机器人拒绝: errcode {answer.get('errcode')} {answer.get('errmsg', '')}".strip())
    return "errcode 0"
