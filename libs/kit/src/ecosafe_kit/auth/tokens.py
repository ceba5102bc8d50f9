"""Bearer tokens: HS256 JWTs carrying a Principal, signed and checked with the platform's shared secret."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

import jwt

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.errors import Unauthorized
from ecosafe_kit.settings import LOCAL_ISSUER

ISSUER = LOCAL_ISSUER
ALGORITHM = "HS256"
DEFAULT_TTL = timedelta(hours=8)
# Tolerated clock difference between the machine that minted a token and the one checking it.
CLOCK_SKEW = timedelta(seconds=30)

_REQUIRED_CLAIMS = ["sub", "iat", "exp", "iss"]


def encode_token(
    principal: Principal, *, secret: str, ttl: timedelta = DEFAULT_TTL, now: datetime | None = None
) -> str:
    """A signed token for `principal`, valid for `ttl` from `now` (default: the current time)."""
    if ttl <= timedelta(0):
        raise ValueError(f"ttl must be positive, got {ttl}")
    if now is not None and now.tzinfo is None:
        raise ValueError("now must be timezone-aware")  # a naive time would be read as local time
    issued = now or datetime.now(timezone.utc)
    claims = {
        "sub": principal.subject,
        "name": principal.name,
        "roles": sorted(role.value for role in principal.roles),
        "jurisdiction": principal.jurisdiction,
        "enterprise_id": principal.enterprise_id,
        "park_id": principal.park_id,
        "iat": int(issued.timestamp()),
        "exp": int((issued + ttl).timestamp()),
        "iss": ISSUER,
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def decode_token(token: str, *, secret: str) -> Principal:
    """The principal a token names; raises Unauthorized (with the reason, in Chinese) if it is not valid.

    A client sends the same token with every request: a token checked once is remembered (with its expiry,
    checked again on every use), so its signature and claims are not verified again each time.
    """
    principal, expires = _decode_remembered(token, secret)
    if expires > time.time() - _LEEWAY_SECONDS:  # PyJWT's own test: expired once exp <= now - leeway
        return principal
    return _decode_with_expiry(token, secret)[0]  # expired since it was remembered: raises the usual 401


# Tokens are per user and session; a few thousand cover every active user of a service instance.
_REMEMBERED_TOKENS = 4096
_LEEWAY_SECONDS = CLOCK_SKEW.total_seconds()


@lru_cache(maxsize=_REMEMBERED_TOKENS)
def _decode_remembered(token: str, secret: str) -> tuple[Principal, float]:
    # lru_cache keeps only what returned: a refused token is checked in full every time.
    return _decode_with_expiry(token, secret)


def _decode_with_expiry(token: str, secret: str) -> tuple[Principal, float]:
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],  # never let the token choose its own algorithm
            issuer=ISSUER,
            leeway=CLOCK_SKEW,
            options={"require": _REQUIRED_CLAIMS},
        )
    except jwt.InvalidTokenError as exc:
        raise refusal(exc) from exc
    return principal_from(claims), float(claims["exp"])


def unverified_issuer(token: str) -> str | None:
    """The iss a token claims, unchecked (None if it has none or is not a JWT): it only picks the check to run."""
    try:
        issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
    except jwt.InvalidTokenError:
        return None
    return issuer if isinstance(issuer, str) else None


def refusal(exc: jwt.InvalidTokenError) -> Unauthorized:
    """The 401 for a token PyJWT refused, saying why in Chinese (also used for an identity provider's tokens)."""
    match exc:
        case jwt.ExpiredSignatureError():
            return Unauthorized("令牌已过期, 请重新登录", extra={"reason": "token_expired"})
        case jwt.InvalidIssuerError():
            return Unauthorized("令牌签发方无效", extra={"reason": "invalid_issuer"})
        case jwt.InvalidAudienceError():
            return Unauthorized("令牌的受众 (aud) 不是本平台", extra={"reason": "invalid_audience"})
        case jwt.MissingRequiredClaimError():
            return Unauthorized(f"令牌缺少必需的声明 {exc.claim}", extra={"reason": "missing_claim"})
        case jwt.InvalidSignatureError():
            return Unauthorized("令牌签名无效", extra={"reason": "invalid_signature"})
        case jwt.InvalidAlgorithmError():
            return Unauthorized("令牌的签名算法不被接受", extra={"reason": "algorithm_not_allowed"})
        case jwt.ImmatureSignatureError():
            return Unauthorized("令牌尚未生效", extra={"reason": "token_not_yet_valid"})
        case jwt.exceptions.InvalidSubjectError():
            return bad_claim("sub")
        case jwt.exceptions.InvalidIssuedAtError():
            return bad_claim("iat")
        case jwt.DecodeError():
            return Unauthorized("令牌格式无效", extra={"reason": "malformed_token"})
    return Unauthorized("令牌无效", extra={"reason": "invalid_token"})


def principal_from(claims: dict[str, Any]) -> Principal:
    """The principal named by (checked) claims in the local layout: sub, name, roles, jurisdiction, enterprise_id, park_id."""
    subject, name, roles = claims["sub"], claims.get("name", ""), claims.get("roles", [])
    if not isinstance(subject, str) or not subject:
        raise bad_claim("sub")
    if not isinstance(name, str):
        raise bad_claim("name")
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise bad_claim("roles")
    unknown = sorted(set(roles) - {role.value for role in Role})
    if unknown:
        raise Unauthorized(f"令牌中的角色无效: {', '.join(unknown)}", extra={"reason": "invalid_claim"})
    code = claims.get("jurisdiction")
    if code is not None and not jurisdiction.is_valid_code(code):
        raise bad_claim("jurisdiction")
    for optional in ("enterprise_id", "park_id"):
        if claims.get(optional) is not None and not isinstance(claims[optional], str):
            raise bad_claim(optional)
    return Principal(
        subject=subject,
        name=name,
        roles=frozenset(Role(r) for r in roles),
        jurisdiction=code,
        enterprise_id=claims.get("enterprise_id"),
        park_id=claims.get("park_id"),
    )


def bad_claim(claim: str) -> Unauthorized:
    return Unauthorized(f"令牌中的声明 {claim} 格式无效", extra={"reason": "invalid_claim"})
