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
