"""Risk-map settings: the device simulator is off unless a deployment asks for it."""

from risk_map.settings import Settings


def test_the_device_simulator_is_off_by_default(monkeypatch):
    monkeypatch.delenv("ECOSAFE_DEVICE_SIMULATOR_ENABLED", raising=False)
    assert Settings().device_simulator_enabled is False


def test_a_deployment_turns_it_on_by_name(monkeypatch):
    monkeypatch.setenv("ECOSAFE_DEVICE_SIMULATOR_ENABLED", "true")
    assert Settings().device_simulator_enabled is True
