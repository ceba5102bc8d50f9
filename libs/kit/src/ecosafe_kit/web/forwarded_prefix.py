"""Takes the gateway's X-Forwarded-Prefix (/api/<service>) as the app's root path, so its own links carry it."""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Receive, Scope, Send

# Only a plain path prefix is taken: the value ends up in links the service writes (docs, OpenAPI servers, OGC
# links), so anything that could break out of a URL path is ignored rather than echoed.
_PREFIX = re.compile(r"(/[A-Za-z0-9._-]+)+")


class ForwardedPrefixMiddleware:
    """The gateway strips the prefix before the request reaches the service and names it in this header; with it as
    `root_path`, /docs finds /api/hazard/openapi.json and request.url_for builds links that work from the browser."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            for name, value in scope.get("headers", ()):
                if name == b"x-forwarded-prefix":
                    prefix = value.decode("latin-1").rstrip("/")
                    if _PREFIX.fullmatch(prefix):
                        scope = {**scope, "root_path": scope.get("root_path", "") + prefix}
                    break
        await self.app(scope, receive, send)
