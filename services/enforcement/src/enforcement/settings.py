"""Settings of the enforcement service (ECOSAFE_* environment variables, read when the service starts)."""

from pydantic import Field

from ecosafe_kit.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "enforcement"
    database_url: str = "postgresql+psycopg://ecosafe:ecosafe@127.0.0.1:15432/enforcement"
    hazard_topic: str = Field(default="ecosafe.hazard.hazard",
                              description="topic of the hazard events (hazard service) the seeds' rules read")
    # Suffix of the consumer group; tests may give a run its own group on a shared broker.
    consumer_group_suffix: str = ""
    closure_check_enabled: bool = Field(default=True, description="run the periodic check of seed 003's closure rule")
    closure_check_seconds: float = Field(default=3600.0, gt=0, description="seconds between closure-rule checks")
