"""Settings of the enforcement service (ECOSAFE_* environment variables, read when the service starts)."""

from ecosafe_kit.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "enforcement"
    database_url: str = "postgresql+psycopg2://ecosafe:ecosafe@127.0.0.1:15432/enforcement"
