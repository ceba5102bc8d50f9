"""Request id: taken from X-Request-ID when sane, else a new uuid4; echoed back and bound into log context."""

from __future__ import annotations

import re
import uuid

import structlog
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "X-Request-ID"
# Short and free of spaces, quotes and control characters, so a client cannot forge log lines with it.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


def is_sane_request_id(value: str) -> bool:
    return _SANE_REQUEST_ID.fullmatch(value) is not None


def request_id_of(request: Request) -> str | None:
    """The id RequestContextMiddleware gave this request (None outside that middleware)."""
    return request.scope.get("state", {}).get("request_id")


class RequestContextMiddleware:
    """Gives each HTTP request an id, binds it (and nothing older) into structlog's context, and echoes it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = Headers(scope=scope).get(REQUEST_ID_HEADER)
        request_id = incoming if incoming and is_sane_request_id(incoming) else str(uuid.uuid4())
        scope.setdefault("state", {})["request_id"] = request_id
        # Each request runs in its own task; clearing drops anything inherited from the server's context.
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        await self.app(scope, receive, send_with_id)
