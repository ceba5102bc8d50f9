"""Settings every service shares, read from ECOSAFE_* environment variables when a service starts."""

from typing import Self

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """What every service needs; a service subclasses it to add its own settings."""

    model_config = SettingsConfigDict(env_prefix="ECOSAFE_", extra="ignore")

    service_name: str = Field(default="ecosafe", description="service name used in logs, topics and ce_source")
    database_url: str = "postgresql+psycopg://ecosafe:ecosafe@127.0.0.1:15432/ecosafe"
    kafka_bootstrap_servers: str = "127.0.0.1:19092"
    jwt_secret: SecretStr = SecretStr("dev-only-secret-change-me-in-production-0000")
    log_level: str = "INFO"
    relay_enabled: bool = True
    consumers_enabled: bool = True
    # Few connections and no overflow: on two cores, a burst that grew each worker's pool to 20 connections (opened
    # and closed again as the burst came and went) made PostgreSQL's work per command more than double, and the hazard
    # API at 200 commands/s never recovered (p50 0.4–1.5 s); capped at 8 and 6 it stayed sustained. Requests beyond the
    # pool wait in the pool's queue, which costs nothing while they wait.
    database_pool_size: int = Field(default=8, ge=1, description="connections each worker process keeps open")
    database_max_overflow: int = Field(
        default=0, ge=0, description="connections a worker may open beyond the pool under load, closed again after use")

    # An OpenID Connect provider whose tokens the services accept beside the local HS256 ones (ecosafe_kit.auth.oidc).
    # All empty by default: then only local tokens are accepted.
    oidc_issuer: str = Field(default="", description="the provider's issuer URL, exactly as its tokens' iss says")
    oidc_audience: str = Field(default="", description="the aud the provider's tokens must carry (needed with an issuer)")
    oidc_jwks_url: str = Field(
        default="", description="the provider's JWKS URL; empty: read from <issuer>/.well-known/openid-configuration")
    oidc_algorithms: str = Field(
        default="RS256,ES256", description="comma-separated asymmetric algorithms accepted from the provider")
    oidc_leeway_seconds: int = Field(default=30, ge=0, le=300, description="tolerated clock difference with the provider")
    oidc_roles_claim: str = Field(
        default="roles", description="claim holding the EcoSafe role(s), a list or a string; dots reach into objects")
    oidc_name_claim: str = Field(default="name", description="claim holding the user's display name")
    oidc_jurisdiction_claim: str = Field(default="jurisdiction", description="claim holding the division code")
    oidc_enterprise_id_claim: str = Field(default="enterprise_id", description="claim holding an enterprise user's id")
    oidc_park_id_claim: str = Field(default="park_id", description="claim holding a park operator's park id")

    @field_validator("oidc_algorithms")
    @classmethod
    def _asymmetric_algorithms_only(cls, value: str) -> str:
        # A provider publishes public keys: accepting HS* would let anyone holding the public key sign (alg confusion).
        names = [name.strip() for name in value.split(",") if name.strip()]
        refused = [name for name in names if name not in OIDC_ALGORITHMS]
        if not names or refused:
            raise ValueError(f"ECOSAFE_OIDC_ALGORITHMS accepts only {', '.join(OIDC_ALGORITHMS)}; refused: {refused}")
        return ",".join(names)

    @model_validator(mode="after")
    def _issuer_needs_audience(self) -> Self:
        if self.oidc_issuer and not self.oidc_audience:
            raise ValueError("ECOSAFE_OIDC_AUDIENCE must be set with ECOSAFE_OIDC_ISSUER")
        if self.oidc_issuer == LOCAL_ISSUER:
            raise ValueError(f"ECOSAFE_OIDC_ISSUER must not be {LOCAL_ISSUER!r}, the local tokens' issuer")
        return self


# The local tokens' issuer (ecosafe_kit.auth.tokens.ISSUER).
LOCAL_ISSUER = "ecosafe"
# Asymmetric signatures only: a provider's tokens are checked with its public keys.
OIDC_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")
