"""Settings of the hazard service (ECOSAFE_* environment variables, read when the service starts)."""

from pydantic import Field, SecretStr

from ecosafe_kit.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "hazard"
    database_url: str = "postgresql+psycopg://ecosafe:ecosafe@127.0.0.1:15432/hazard"
    enterprise_topic: str = Field(default="ecosafe.enforcement.enterprise",
                                  description="topic of the enterprise register events (enforcement)")
    finding_topic: str = Field(default="ecosafe.enforcement.inspection",
                               description="topic of the inspection findings (enforcement)")
    pool_review_topic: str = Field(default="ecosafe.risk-map.pool-review",
                                   description="topic of the accident-pool shortfalls raised on the risk map")
    # Suffix of the consumer groups; tests give each run its own groups on the shared broker.
    consumer_group_suffix: str = ""
    overdue_sweep_seconds: float = Field(default=60.0, gt=0, description="seconds between overdue sweeps")
    public_report_limit: int = Field(default=5, ge=1, description="public reports per client and window")
    public_report_window_seconds: int = Field(default=3600, ge=1, description="rate-limit window of public reports")
    # 举报人联系方式 are sealed with this AES-256 key (base64 of 32 random bytes); unset, a public report may not
    # leave a contact (it stays anonymous). Keep it in a secret store: whoever holds it and the database reads them.
    reporter_contact_key: SecretStr | None = Field(default=None, description="base64 AES-256 key sealing reporters' contacts")
