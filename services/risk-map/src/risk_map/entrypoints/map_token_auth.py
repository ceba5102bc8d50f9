"""Who is calling, map tokens included: the kit's bearer check, and for `emt_…` tokens a read-only reader of /ogc and
/tiles.

Installed as a dependency override of the kit's `current_principal` (entrypoints/app.py), so every route keeps
declaring CurrentPrincipal (the kit's route audit still holds) and a JWT is checked exactly as before; a map token is
accepted only for GET (or HEAD) under /ogc and /tiles, and only while it is neither expired nor revoked.
"""

from __future__ import annotations

from typing import Annotated

import structlog
from fastapi import Depends, FastAPI, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import current_principal
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.errors import Forbidden, Unauthorized
from risk_map.service_layer.map_tokens import PREFIX, reader_of

_bearer = HTTPBearer(auto_error=False)
_READABLE = ("/ogc", "/tiles")


def _readable(method: str, path: str) -> bool:
    return method in ("GET", "HEAD") and any(path == p or path.startswith(p + "/") for p in _READABLE)


async def principal_or_map_reader(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or not credentials.credentials.startswith(PREFIX):
        return await current_principal(request, credentials)
    if not _readable(request.method, request.url.path):
        raise Forbidden("地图令牌只能读取 /ogc 与 /tiles (GET); 其他操作请使用个人访问令牌",
                        extra={"reason": "map_token_scope"})
    reader = await run_in_threadpool(reader_of, request.app.state.engine, credentials.credentials)
    if reader is None:
        raise Unauthorized("地图令牌无效、已过期或已撤销", extra={"reason": "invalid_map_token"})
    structlog.contextvars.bind_contextvars(subject=reader.subject)
    return reader


def accept_map_tokens(app: FastAPI) -> None:
    app.dependency_overrides[current_principal] = principal_or_map_reader
