"""deploy/local/services.py: the environment each service of `make run` / `make test` starts with."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "deploy" / "local" / "services.py"


@pytest.fixture(scope="module")
def services():
    spec = importlib.util.spec_from_file_location("local_services", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("stack", ["run", "test"])
def test_the_local_demo_runs_the_risk_map_with_the_device_simulator_and_nothing_else_with_it(services, stack):
    for name, _, database, _ in services.SERVICES:
        env = services._env(stack, name, database)
        assert env.get("ECOSAFE_DEVICE_SIMULATOR_ENABLED") == ("true" if name == "risk-map" else None), name
