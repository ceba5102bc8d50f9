"""FastAPI dependencies for authentication and authorisation: who is calling, and may they do this here."""

from __future__ import annotations

from typing import Annotated

import jwt
import structlog
from fastapi import Depends, Request
from fastapi.params import Depends as DependsMarker
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.oidc import OidcVerifier
from ecosafe_kit.auth.principal import GOVERNMENT_ROLES, Principal, Role
from ecosafe_kit.auth.tokens import ISSUER, decode_token, refusal, unverified_issuer
from ecosafe_kit.errors import Forbidden, Unauthorized

# Where create_app leaves the token secret; read per request so nothing is read at import time.
JWT_SECRET_STATE_KEY = "ecosafe_jwt_secret"
# Where create_app leaves the OpenID Connect provider's verifier (ecosafe_kit.auth.oidc), None without a provider.
OIDC_VERIFIER_STATE_KEY = "ecosafe_oidc_verifier"

# auto_error=False: a missing token must become our own 401 problem, not FastAPI's bare 403/401.
_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="bearerAuth",
    bearerFormat="JWT",
    description="EcoSafe 访问令牌 (本平台签发的 HS256 JWT, 或已配置的 OpenID Connect 身份提供方签发的令牌), 放在请求头 "
                "`Authorization: Bearer <令牌>` 中; 开发环境可用 `ecosafe-token` 生成",
)


async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The authenticated caller; 401 if the bearer token is missing or invalid."""
    if credentials is None:
        raise Unauthorized("缺少访问令牌, 请在请求头中提供 Authorization: Bearer <令牌>",
                           extra={"reason": "missing_token"})
    secret = getattr(request.app.state, JWT_SECRET_STATE_KEY, None)
    if secret is None:
        raise RuntimeError("no JWT secret on app.state; build the app with ecosafe_kit.web.create_app")
    token = credentials.credentials
    verifier: OidcVerifier | None = getattr(request.app.state, OIDC_VERIFIER_STATE_KEY, None)
    issuer = unverified_issuer(token)
    if verifier is not None and issuer == verifier.issuer:
        # A worker thread: the first token (or a rotated key) fetches the provider's keys over the network.
        principal = await run_in_threadpool(verifier.verify, token)
    elif issuer is not None and issuer != ISSUER:
        raise refusal(jwt.InvalidIssuerError(issuer))
    else:
        principal = decode_token(token, secret=secret)
    # Async dependency: runs in the request's own context, so the access log line carries the subject too.
    structlog.contextvars.bind_contextvars(subject=principal.subject)
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


async def public_access() -> None:
    """Marks a route as deliberately open to anonymous callers (see `Public`).

    Async (it does nothing): FastAPI runs a plain `def` dependency in its threadpool, a thread hop per request."""


# Use as `dependencies=[Public]` on a route or router; create_app refuses routes that are neither
# protected nor marked, so forgetting authentication fails at start-up rather than in production.
Public = Depends(public_access)


def require_roles(*roles: Role) -> DependsMarker:
    """A dependency that yields the principal if it holds at least one of `roles` (403 otherwise).

    Use as `dependencies=[require_roles(Role.city_officer)]` or as a parameter
    `principal: Annotated[Principal, require_roles(Role.city_officer, Role.county_officer)]`.
    """
    if not roles:
        raise ValueError("require_roles needs at least one role")
    needed = tuple(Role(r) for r in roles)

    async def principal_with_role(principal: CurrentPrincipal) -> Principal:
        if not principal.has_role(*needed):
            names = "、".join(f"{r.label}({r.value})" for r in needed)
            raise Forbidden(f"此操作需要以下角色之一: {names}", extra={"required_roles": [r.value for r in needed]})
        return principal

    principal_with_role.__name__ = "require_" + "_or_".join(r.value for r in needed)
    return Depends(principal_with_role)


def ensure_within(
    principal: Principal,
    *,
    jurisdiction_code: str | None = None,
    enterprise_id: str | None = None,
    park_id: str | None = None,
) -> None:
    """Raise Forbidden unless `principal` may act on a record with these attributes.

    Pass what the record belongs to. Allowed: an admin always; a government role (市局, 县局, 执法, 组长,
    指挥中心) whose jurisdiction covers `jurisdiction_code`; an enterprise user of `enterprise_id`; a park
    operator of `park_id`.
    """
    if jurisdiction_code is None and enterprise_id is None and park_id is None:
        raise TypeError("ensure_within needs jurisdiction_code, enterprise_id or park_id")
    if principal.is_admin:
        return
    if (
        jurisdiction_code is not None
        and principal.has_role(*GOVERNMENT_ROLES)
        and principal.covers(jurisdiction_code)
    ):
        return
    if (
        enterprise_id is not None
        and principal.has_role(Role.enterprise_user)
        and principal.enterprise_id == enterprise_id
    ):
        return
    if park_id is not None and principal.has_role(Role.park_operator) and principal.park_id == park_id:
        return
    # The record's county, enterprise and park stay out of the answer: a caller who may not act on a record must not
    # learn where it lives. Only the caller's own reach is named, which it already knows from its token.
    scope = own_scope(principal)
    raise Forbidden(outside_scope_detail(scope), extra={"scope": scope})


def own_scope(principal: Principal) -> dict[str, str]:
    """What the caller's roles reach, as its token says: its area (government roles), enterprise, park."""
    scope = {}
    if principal.jurisdiction is not None and principal.has_role(*GOVERNMENT_ROLES):
        scope["jurisdiction"] = principal.jurisdiction
    if principal.enterprise_id is not None and principal.has_role(Role.enterprise_user):
        scope["enterprise_id"] = principal.enterprise_id
    if principal.park_id is not None and principal.has_role(Role.park_operator):
        scope["park_id"] = principal.park_id
    return scope


_SCOPE_LABELS = {"jurisdiction": "辖区", "enterprise_id": "企业", "park_id": "园区"}


def outside_scope_detail(scope: dict[str, str]) -> str:
    """The 403 text of a record out of reach, naming only the caller's own scope (`own_scope`)."""
    if not scope:
        return "超出您的管辖范围: 您的令牌没有辖区、企业或园区"
    reach = "、".join(f"{_SCOPE_LABELS[key]} {value}" for key, value in scope.items())
    return f"超出您的管辖范围 (您的范围: {reach})"
