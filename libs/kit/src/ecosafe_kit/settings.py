"""Settings every service shares, read from ECOSAFE_* environment variables when a service starts."""

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """What every service needs; a service subclasses it to add its own settings."""

    model_config = SettingsConfigDict(env_prefix="ECOSAFE_", extra="ignore")

    service_name: str = Field(default="ecosafe", description="service name used in logs, topics and ce_source")
    database_url: str = "postgresql+psycopg2://ecosafe:ecosafe@127.0.0.1:15432/ecosafe"
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
