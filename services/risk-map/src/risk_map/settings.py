"""Settings of the risk-map service (ECOSAFE_* environment variables, read when the service starts)."""

from pydantic import Field

from ecosafe_kit.messaging.topics import event_topic
from ecosafe_kit.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "risk-map"
    database_url: str = "postgresql+psycopg://ecosafe:ecosafe@127.0.0.1:15432/risk_map"
    # Simulated device adapter confirming one-key open/close commands (until a real protocol adapter exists). Off
    # unless asked for (make run's demo, tests): in production it would confirm commands no device executed.
    device_simulator_enabled: bool = False
    device_simulator_interval_s: float = 2.0
    # Enforcement's topics the cases consumer (group ecosafe.risk-map.cases) reads.
    case_topic: str = Field(default=event_topic("enforcement", "case"), description="enforcement's case events (立案 … 结案)")
    blacklist_topic: str = Field(default=event_topic("enforcement", "blacklist"),
                                 description="enforcement's credit blacklist entries (失信名单)")
