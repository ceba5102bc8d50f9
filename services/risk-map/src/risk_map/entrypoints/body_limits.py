"""Request body limits per route: the park import takes a GIS file up to 64 MiB, every other route the kit's 1 MiB.

The kit's app factory installs one BodySizeLimitMiddleware for the whole app; `allow_large_imports` swaps it for
this one, which keeps the kit's behaviour (413 problem+json, by Content-Length up front or by counting the bytes)
and picks the limit by route.
"""

from __future__ import annotations

import re

from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Receive, Scope, Send

from ecosafe_kit.web.body_limit import DEFAULT_MAX_BODY_BYTES, BodySizeLimitMiddleware

IMPORT_MAX_BYTES = 64 * 1024 * 1024  # a park's Shapefile or GeoPackage; the upload is spooled to disk
_IMPORT_PATH = re.compile(r"^/parks/[^/]+/import$")


class RouteBodyLimitMiddleware:
    """The kit's limit everywhere, IMPORT_MAX_BYTES for POST /parks/{id}/import."""

    def __init__(self, app: ASGIApp, *, max_bytes: int = DEFAULT_MAX_BODY_BYTES,
                 import_max_bytes: int = IMPORT_MAX_BYTES) -> None:
        self.default = BodySizeLimitMiddleware(app, max_bytes=max_bytes)
        self.imports = BodySizeLimitMiddleware(app, max_bytes=import_max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        large = scope["type"] == "http" and scope["method"] == "POST" and _IMPORT_PATH.match(scope["path"])
        await (self.imports if large else self.default)(scope, receive, send)


def allow_large_imports(app: FastAPI, import_max_bytes: int = IMPORT_MAX_BYTES) -> None:
    """Replace the app's body limit by the per-route one (before the app serves: the stack is built then)."""
    replaced = []
    for middleware in app.user_middleware:
        if middleware.cls is BodySizeLimitMiddleware:
            middleware = Middleware(RouteBodyLimitMiddleware, *middleware.args, **middleware.kwargs,
                                    import_max_bytes=import_max_bytes)
        replaced.append(middleware)
    if replaced == app.user_middleware:
        raise RuntimeError("the kit's BodySizeLimitMiddleware was not found: the import limit cannot be raised")
    app.user_middleware = replaced
