"""Settings of the notify service (ECOSAFE_* environment variables, read when the service starts)."""

from pydantic import Field, SecretStr

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
    warning_record_url: str = Field(default="http://127.0.0.1:8004/warnings/{id}",
                                    description="link to a warning in its notification; {id} is the warning id")
    report_record_url: str = Field(default="http://127.0.0.1:8004/reports/obligations/{id}",
                                   description="link to a reporting obligation in its reminders; {id} is its id")
    incident_record_url: str = Field(default="http://127.0.0.1:8003/incidents/{id}",
                                     description="link to an incident in notifications; {id} is the incident id")
    delivery_enabled: bool = Field(default=True, description="run the delivery worker (webhook, e-mail, robots, SMS)")
    delivery_poll_seconds: float = Field(default=2.0, gt=0, description="seconds between looks for due deliveries")
    delivery_max_attempts: int = Field(default=6, ge=1, description="attempts per delivery before giving up")
    delivery_first_backoff_seconds: float = Field(default=30.0, gt=0, description="wait after the first failure; doubles")
    delivery_max_backoff_seconds: float = Field(default=3600.0, gt=0, description="longest wait between attempts")
    channel_timeout_seconds: float = Field(default=10.0, gt=0, description="time a channel has to answer one send")
    smtp_host: str | None = Field(default=None, description="SMTP server; unset, e-mail deliveries fail with that reason")
    smtp_port: int = 25
    smtp_sender: str = Field(default="ecosafe-notify@localhost", description="From address of notification e-mails")
    smtp_starttls: bool = False
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    sms_gateway_url: str | None = Field(default=None, description="HTTP SMS gateway taking {to, text, reference}")
    sms_api_key: SecretStr | None = Field(default=None, description="bearer key of the SMS gateway")
    escalation_enabled: bool = Field(default=True, description="run the escalation of unacknowledged urgent notifications")
    escalation_after_minutes: float = Field(default=15.0, gt=0,
                                            description="minutes an urgent notification waits for an acknowledgement "
                                                        "before each escalation (副班, then 带班领导)")
    escalation_poll_seconds: float = Field(default=30.0, gt=0, description="seconds between looks for due escalations")
    reports_enabled: bool = Field(default=True, description="run the reminders and missed-report checks of obligations")
    reports_poll_seconds: float = Field(default=60.0, gt=0, description="seconds between looks at report deadlines")
