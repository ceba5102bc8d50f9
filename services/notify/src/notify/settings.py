"""Settings of the notify service (ECOSAFE_* environment variables, read when the service starts)."""

from pydantic import Field

from ecosafe_kit.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "notify"
    database_url: str = "postgresql+psycopg2://ecosafe:ecosafe@127.0.0.1:15432/notify"
    enterprise_topic: str = Field(default="ecosafe.enforcement.enterprise",
                                  description="topic of the enterprise register events (enforcement)")
    hazard_topic: str = Field(default="ecosafe.hazard.hazard", description="topic of the hazard events (hazard)")
    inspection_topic: str = Field(default="ecosafe.enforcement.inspection",
                                  description="topic of the inspections and their findings (enforcement)")
    incident_topic: str = Field(default="ecosafe.risk-map.incident", description="topic of the incidents (risk-map)")
    # Suffix of the consumer groups; tests give each run its own groups on the shared broker.
    consumer_group_suffix: str = ""
    hazard_record_url: str = Field(default="http://127.0.0.1:8001/hazards/{id}",
                                   description="link to a hazard in notifications; {id} is the hazard id")
    inspection_record_url: str = Field(default="http://127.0.0.1:8002/inspections/{id}",
                                       description="link to an inspection in notifications; {id} is the inspection id")
    incident_record_url: str = Field(default="http://127.0.0.1:8003/incidents/{id}",
                                     description="link to an incident in notifications; {id} is the incident id")
