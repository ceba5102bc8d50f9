"""deploy/local/services.py: the environment each service of `make run` / `make test` starts with."""

from __future__ import annotations

import base64
import importlib.util
import stat
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
def test_the_local_demo_runs_the_risk_map_with_the_device_simulator_and_nothing_else_with_it(services, state, stack):
    for name, _, database, _ in services.SERVICES:
        env = services._env(stack, name, database)
        assert env.get("ECOSAFE_DEVICE_SIMULATOR_ENABLED") == ("true" if name == "risk-map" else None), name


@pytest.fixture()
def state(services, tmp_path, monkeypatch):
    """The script's repository root pointed at an empty folder, so the tests never touch the real .local/."""
    monkeypatch.setattr(services, "REPO", tmp_path)
    monkeypatch.delenv("ECOSAFE_REPORTER_CONTACT_KEY", raising=False)
    return tmp_path


@pytest.mark.parametrize("stack", ["run", "test"])
def test_the_hazard_service_gets_a_reporter_contact_key_of_32_bytes_and_no_other_service_does(services, state, stack):
    for name, _, database, _ in services.SERVICES:
        env = services._env(stack, name, database)
        if name == "hazard":
            assert len(base64.urlsafe_b64decode(env["ECOSAFE_REPORTER_CONTACT_KEY"])) == 32
        else:
            assert "ECOSAFE_REPORTER_CONTACT_KEY" not in env, name


def test_the_key_is_generated_once_per_state_folder_kept_private_and_reused_on_every_start(services, state):
    first = services._env("run", "hazard", "hazard")["ECOSAFE_REPORTER_CONTACT_KEY"]
    again = services._env("run", "hazard", "hazard")["ECOSAFE_REPORTER_CONTACT_KEY"]
    other_stack = services._env("test", "hazard", "hazard")["ECOSAFE_REPORTER_CONTACT_KEY"]
    assert first == again, "contacts sealed before a restart stay readable"
    assert other_stack != first, "each state folder has its own key"
    path = state / ".local" / "run" / "reporter-contact.key"
    assert path.read_text().strip() == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["reporter-contact.key"], "no spare file left behind"


def test_a_key_set_in_the_environment_is_used_and_nothing_is_written(services, state, monkeypatch):
    given = base64.urlsafe_b64encode(bytes(range(32))).decode()
    monkeypatch.setenv("ECOSAFE_REPORTER_CONTACT_KEY", given)
    assert services._env("run", "hazard", "hazard")["ECOSAFE_REPORTER_CONTACT_KEY"] == given
    assert not (state / ".local").exists()


def test_only_the_demo_stack_runs_the_demo_sign_in_app_and_only_it_is_enabled(services, state, monkeypatch):
    monkeypatch.delenv("ECOSAFE_DEMO_SIGNIN_ENABLED", raising=False)
    run = {name: (package, database, port) for name, package, database, port in services._apps("run")}
    assert run["demo-signin"] == ("ecosafe_demo.signin", None, 8005)
    assert "demo-signin" not in {name for name, *_ in services._apps("test")}
    assert "ecosafe_demo.signin:create_app" in services._command("ecosafe_demo.signin", 8005)
    for name, (_, database, _) in run.items():
        env = services._env("run", name, database)
        assert env.get("ECOSAFE_DEMO_SIGNIN_ENABLED") == ("true" if name == "demo-signin" else None), name
