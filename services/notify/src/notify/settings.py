"""Settings of the notify service (ECOSAFE_* environment variables, read when the service starts)."""

from pydantic import Field, SecretStr, field_validator

from ecosafe_kit.settings import ServiceSettings
from notify.domain.report_clocks import LEVELS, ClockLimits


class Settings(ServiceSettings):
    service_name: str = "notify"
    database_url: str = "postgresql+psycopg://ecosafe:ecosafe@127.0.0.1:15432/notify"
    enterprise_topic: str = Field(default="ecosafe.enforcement.enterprise",
                                  description="topic of the enterprise register events (enforcement)")
    hazard_topic: str = Field(default="ecosafe.hazard.hazard", description="topic of the hazard events (hazard)")
    inspection_topic: str = Field(default="ecosafe.enforcement.inspection",
                                  description="topic of the inspections and their findings (enforcement)")
    incident_topic: str = Field(default="ecosafe.risk-map.incident", description="topic of the incidents (risk-map)")
    facility_topic: str = Field(default="ecosafe.risk-map.facility",
                                description="topic of the risk map's facilities, gate commands and device states")
    case_topic: str = Field(default="ecosafe.enforcement.case", description="topic of the enforcement cases")
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
    # 突发环境事件信息报告办法 (环境保护部令第17号) 第八条: 一般、较大 within 4 hours, 重大、特别重大 within 2 hours.
    report_clock_initial_hours: dict[str, float] = Field(
        default={"一般": 4.0, "较大": 4.0, "重大": 2.0, "特别重大": 2.0},
        description="初报时限 (hours from the incident's report) by level; JSON object, level → hours")
    # The measures say 续报 "随时" and 处理结果报告 "处理完毕后": no fixed limit; these are the platform's defaults.
    report_clock_follow_up_hours: float = Field(default=24.0, gt=0, description="续报时限 (hours from the report)")
    report_clock_final_hours: float = Field(default=720.0, gt=0, description="处理结果报告时限 (hours from the report)")
    report_clock_remind_minutes: float = Field(default=30.0, gt=0,
                                               description="minutes before a report deadline the duty officer is reminded")
    report_clocks_enabled: bool = Field(default=True, description="run the reminders and missed checks of report clocks")
    report_clocks_poll_seconds: float = Field(default=30.0, gt=0, description="seconds between looks at report clocks")
    report_clock_record_url: str = Field(default="http://127.0.0.1:8004/incidents/{id}/report-clocks",
                                         description="link to an incident's report clocks; {id} is the incident id")

    task_immediate_minutes: float = Field(default=30.0, gt=0,
                                          description="minutes a task without an ETA (a plant's outlet, a warned area "
                                                      "the trace gives no arrival time for) has before it is late")
    tasks_enabled: bool = Field(default=True, description="run the escalation of response tasks past their deadline")
    tasks_poll_seconds: float = Field(default=30.0, gt=0, description="seconds between looks for late response tasks")
    task_record_url: str = Field(default="http://127.0.0.1:8004/incidents/{id}/tasks",
                                 description="link to an incident's response tasks; {id} is the incident id")

    @field_validator("smtp_host", "smtp_username", "smtp_password", "sms_gateway_url", "sms_api_key", mode="before")
    @classmethod
    def _empty_is_unset(cls, value):
        # Deployments set every variable; an empty one (no mail server, no SMS gateway) means "not configured".
        return None if value == "" else value

    @field_validator("report_clock_initial_hours")
    @classmethod
    def _every_level_positive(cls, value: dict[str, float]) -> dict[str, float]:
        missing = [level for level in LEVELS if level not in value]
        if missing or any(hours <= 0 for hours in value.values()):
            raise ValueError(f"needs a positive number of hours for each of {', '.join(LEVELS)}")
        return value

    def clock_limits(self) -> ClockLimits:
        return ClockLimits(dict(self.report_clock_initial_hours), self.report_clock_follow_up_hours,
                           self.report_clock_final_hours, self.report_clock_remind_minutes)
