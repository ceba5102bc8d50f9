"""An OpenID Connect provider's tokens: checked against its published keys (JWKS) and mapped to a Principal."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.error import URLError

import jwt

from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.auth.tokens import bad_claim, principal_from, refusal
from ecosafe_kit.errors import ServiceUnavailable, Unauthorized
from ecosafe_kit.settings import ServiceSettings

_REQUIRED_CLAIMS = ["sub", "iat", "exp", "iss", "aud"]
_FETCH_TIMEOUT_SECONDS = 5
# A rotated key is fetched at once, but an unknown kid refetches the JWKS at most this often: random kids must not
# turn every request into a call to the provider.
_REFRESH_COOLDOWN_SECONDS = 30
_KEY_SET_LIFESPAN_SECONDS = 300
_REMEMBERED_TOKENS = 4096
_KNOWN_ROLES = frozenset(role.value for role in Role)


@dataclass(frozen=True)
class ClaimNames:
    """Which of the provider's claims carry what EcoSafe needs; a dotted name reaches into objects."""

    roles: str = "roles"
    name: str = "name"
    jurisdiction: str = "jurisdiction"
    enterprise_id: str = "enterprise_id"
    park_id: str = "park_id"


class OidcVerifier:
    """Checks tokens of one provider (issuer, audience, asymmetric algorithms, keys from its JWKS)."""

    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        algorithms: Sequence[str],
        jwks_url: str = "",
        leeway_seconds: int = 30,
        claims: ClaimNames = ClaimNames(),
        refresh_cooldown_seconds: float = _REFRESH_COOLDOWN_SECONDS,
    ) -> None:
        if any(alg.upper().startswith("HS") or alg.lower() == "none" for alg in algorithms):
            raise ValueError("a provider's tokens are checked with public keys: HS* and none are never accepted")
        self.issuer = issuer
        self.audience = audience
        self.algorithms = tuple(algorithms)
        self.leeway_seconds = leeway_seconds
        self.claims = claims
        self._jwks_url = jwks_url
        self._refresh_cooldown_seconds = refresh_cooldown_seconds
        self._keys: jwt.PyJWKClient | None = None
        self._lock = threading.Lock()
        self._remembered = lru_cache(maxsize=_REMEMBERED_TOKENS)(self._verify_with_expiry)

    @classmethod
    def from_settings(cls, settings: ServiceSettings) -> OidcVerifier | None:
        """The verifier the settings describe, or None when no provider is configured."""
        if not settings.oidc_issuer:
            return None
        return cls(
            issuer=settings.oidc_issuer,
            audience=settings.oidc_audience,
            algorithms=settings.oidc_algorithms.split(","),
            jwks_url=settings.oidc_jwks_url,
            leeway_seconds=settings.oidc_leeway_seconds,
            claims=ClaimNames(
                roles=settings.oidc_roles_claim,
                name=settings.oidc_name_claim,
                jurisdiction=settings.oidc_jurisdiction_claim,
                enterprise_id=settings.oidc_enterprise_id_claim,
                park_id=settings.oidc_park_id_claim,
            ),
        )

    def verify(self, token: str) -> Principal:
        """The principal a provider's token names; Unauthorized (401) if it is not valid.

        May fetch the provider's keys (blocking): call it from a worker thread. A token checked once is remembered
        with its expiry, checked again on every use.
        """
        principal, expires = self._remembered(token)
        if expires > time.time() - self.leeway_seconds:
            return principal
        return self._verify_with_expiry(token)[0]  # expired since it was remembered: raises the usual 401

    def _verify_with_expiry(self, token: str) -> tuple[Principal, float]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as exc:
            raise refusal(exc) from exc
        if header.get("alg") not in self.algorithms:
            # Checked before any key is looked up: an HS256 token "signed" with the provider's public key stops here.
            raise refusal(jwt.InvalidAlgorithmError("alg"))
        if not isinstance(header.get("kid"), str):
            raise Unauthorized("令牌头部缺少密钥标识 kid", extra={"reason": "missing_kid"})
        key = self._signing_key(header["kid"])
        try:
            claims = jwt.decode(
                token,
                key,  # the JWK itself: its own algorithm must match the token's, whatever the header says
                algorithms=list(self.algorithms),
                audience=self.audience,
                issuer=self.issuer,
                leeway=self.leeway_seconds,
                options={"require": _REQUIRED_CLAIMS},
            )
        except jwt.InvalidTokenError as exc:
            raise refusal(exc) from exc
        return principal_from(self._local_claims(claims)), float(claims["exp"])

    def _signing_key(self, kid: str) -> jwt.PyJWK:
        keys = self._key_client()
        try:
            return keys.get_signing_key(kid)
        except jwt.PyJWKClientConnectionError as exc:
            raise ServiceUnavailable("无法获取身份提供方的公钥 (JWKS), 请稍后重试",
                                     extra={"reason": "provider_unreachable"}) from exc
        except jwt.PyJWKClientError as exc:
            raise Unauthorized("令牌的签名密钥 (kid) 不是身份提供方公布的密钥", extra={"reason": "unknown_key"}) from exc
        except jwt.PyJWKSetError as exc:
            raise ServiceUnavailable("身份提供方公布的公钥 (JWKS) 无可用密钥",
                                     extra={"reason": "provider_keys_unusable"}) from exc

    def _key_client(self) -> jwt.PyJWKClient:
        with self._lock:  # one discovery at a time; later callers reuse its answer
            if self._keys is None:
                url = self._jwks_url or self._discover_jwks_url()
                self._keys = jwt.PyJWKClient(
                    url,
                    cache_keys=True,
                    lifespan=_KEY_SET_LIFESPAN_SECONDS,
                    timeout=_FETCH_TIMEOUT_SECONDS,
                    cooldown_duration=self._refresh_cooldown_seconds,
                )
            return self._keys

    def _discover_jwks_url(self) -> str:
        url = self.issuer.rstrip("/") + "/.well-known/openid-configuration"
        try:
            with urllib.request.urlopen(url, timeout=_FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310 (https/http issuer)
                document = json.load(response)
        except (URLError, TimeoutError, ValueError) as exc:
            raise ServiceUnavailable("无法读取身份提供方的配置 (openid-configuration), 请稍后重试",
                                     extra={"reason": "provider_unreachable"}) from exc
        # OpenID Connect Discovery 1.0 §4.3: the document's issuer must be the one it was fetched for.
        if not isinstance(document, dict) or document.get("issuer") != self.issuer:
            raise ServiceUnavailable("身份提供方配置中的 issuer 与设置不一致", extra={"reason": "provider_misconfigured"})
        jwks_uri = document.get("jwks_uri")
        if not isinstance(jwks_uri, str) or not jwks_uri:
            raise ServiceUnavailable("身份提供方配置中没有 jwks_uri", extra={"reason": "provider_misconfigured"})
        return jwks_uri

    def _local_claims(self, claims: dict[str, Any]) -> dict[str, Any]:
        """The provider's claims in the local tokens' layout, keeping only the roles EcoSafe knows."""
        names = self.claims
        roles = _claim(claims, names.roles)
        if isinstance(roles, str):
            roles = roles.split()
        if not isinstance(roles, list) or not all(isinstance(role, str) for role in roles):
            raise bad_claim(names.roles)
        # A provider carries roles of its own (offline_access …); they grant nothing here.
        ours = sorted(set(roles) & _KNOWN_ROLES)
        if not ours:
            raise Unauthorized(f"令牌的声明 {names.roles} 中没有本平台的角色", extra={"reason": "no_role"})
        name = _claim(claims, names.name)
        return {
            "sub": claims["sub"],
            "name": name if name is not None else claims.get("preferred_username", ""),
            "roles": ours,
            "jurisdiction": _claim(claims, names.jurisdiction),
            "enterprise_id": _claim(claims, names.enterprise_id),
            "park_id": _claim(claims, names.park_id),
        }


def _claim(claims: dict[str, Any], dotted: str) -> Any:
    value: Any = claims
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value
