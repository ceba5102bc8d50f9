"""Settings of the enforcement service (ECOSAFE_* environment variables, read when the service starts)."""

from pydantic import Field

from ecosafe_kit.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "enforcement"
    database_url: str = "postgresql+psycopg2://ecosafe:ecosafe@127.0.0.1:15432/enforcement"
    hazard_topic: str = Field(default="ecosafe.hazard.hazard",
                              description="topic of the hazard events (hazard service) the seeds' rules read")
    # Suffix of the consumer group; tests may give a run its own group on a shared broker.
    consumer_group_suffix: str = ""
