"""Settings of the risk-map service (ECOSAFE_* environment variables, read when the service starts)."""

from ecosafe_kit.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "risk-map"
    database_url: str = "postgresql+psycopg2://ecosafe:ecosafe@127.0.0.1:15432/risk_map"
    # Simulated device adapter confirming one-key open/close commands (until a real protocol adapter exists). Off
    # unless asked for (make run's demo, tests): in production it would confirm commands no device executed.
    device_simulator_enabled: bool = False
    device_simulator_interval_s: float = 2.0
