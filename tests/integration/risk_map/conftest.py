"""Fixtures of the risk-map tests: an own PostGIS database migrated once, the app, tokens, a small hand-built map."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.tokens import encode_token
from ecosafe_kit.background import start_in_thread
from ecosafe_kit.messaging.consumer import ConsumerRunner
from enforcement_register import (  # noqa: F401  (fixtures)
    enforcement_changes, enforcement_client, enforcement_database_url, enforcement_enterprise,
    enforcement_register_rows, enforcement_settings,
)
from risk_map.adapters.consumers import ENTERPRISE_TOPIC
from risk_map.entrypoints.app import create_app
from risk_map.service_layer.register_sites import handle_enterprise_event
from risk_map.settings import Settings

REPO = Path(__file__).resolve().parents[3]
# Test modules import this folder's helpers (network.py, rm_helpers.py); pytest runs in importlib mode.
sys.path.insert(0, str(Path(__file__).resolve().parent))
DATABASE = "risk_map_test"


@pytest.fixture(scope="session")
def risk_map_url(database_url: str) -> str:
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(7000105)"))  # parallel sessions create the database once
        try:
            if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": DATABASE}).first():
                conn.execute(text("CREATE DATABASE " + DATABASE))
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(7000105)"))
    admin.dispose()
    url = make_url(database_url).set(database=DATABASE).render_as_string(hide_password=False)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS pgrouting"))
    engine.dispose()
    subprocess.run([sys.executable, "-m", "alembic", "-c", str(REPO / "services" / "risk-map" / "alembic.ini"),
                    "-x", f"database_url={url}", "upgrade", "head"], check=True, cwd=REPO)
    return url


@pytest.fixture(scope="session")
def settings(risk_map_url: str, kafka_bootstrap: str) -> Settings:
    return Settings(database_url=risk_map_url, kafka_bootstrap_servers=kafka_bootstrap, relay_enabled=False,
                    consumers_enabled=False, device_simulator_enabled=False)


@pytest.fixture(scope="session")
def app(settings):
    return create_app(settings)


@pytest.fixture(scope="session")
def client(app):
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def engine(app):
    return app.state.engine


class Tokens:
    def __init__(self, secret: str) -> None:
        self.secret = secret

    def headers(self, role: str, *, jurisdiction: str | None = None, enterprise_id: str | None = None,
                park_id: str | None = None, name: str = "测试用户", subject: str | None = None) -> dict:
        principal = Principal(subject=subject or f"u-{role}", name=name, roles=frozenset({role}), jurisdiction=jurisdiction,
                              enterprise_id=enterprise_id, park_id=park_id)
        return {"Authorization": "Bearer " + encode_token(principal, secret=self.secret)}

    @property
    def admin(self) -> dict:
        return self.headers("admin", name="管理员")


@pytest.fixture(scope="session")
def tokens(settings) -> Tokens:
    return Tokens(settings.jwt_secret.get_secret_value())


@pytest.fixture
def register_enterprise(enforcement_register_rows, register_consumer, engine):
    """Register an enterprise with the given id over the enforcement API (as an admin keeping the id, as the demo
    loader does) and wait until the map's consumer has it in its register."""
    from enforcement_register import credit_code
    from rm_helpers import wait_until_on_map

    def register(enterprise_id: str, *, park_id: str | None = None, jurisdiction_code: str = "140525",
                 lon: float = 112.9, lat: float = 35.4, risk_level: str = "major", name: str = "测试化工有限公司"):
        row = {"enterprise_id": enterprise_id, "name": name, "credit_code": credit_code(), "risk_level": risk_level,
               "park_id": park_id, "jurisdiction_code": jurisdiction_code, "location": {"lon": lon, "lat": lat}}
        enforcement_register_rows([row])
        wait_until_on_map(engine, enterprise_id, name)
        return row
    return register

# One group name from run to run: a new group would read the register topic from its start, and it only grows
# (kept forever); with one name a run reads what came since the last. Tracking records make a replay harmless.
REGISTER_GROUP = "test.risk-map.enterprises"


@pytest.fixture(scope="session")
def register_consumer(engine, kafka_bootstrap):
    """The risk map's own enterprise consumer, reading the real `ecosafe.enforcement.enterprise` topic that the
    enforcement app's relay feeds, for the whole session."""
    runner = ConsumerRunner(engine=engine, group=REGISTER_GROUP, topics=[ENTERPRISE_TOPIC],
                            handler=handle_enterprise_event, bootstrap_servers=kafka_bootstrap)
    worker = start_in_thread(runner.group, runner.run)
    yield runner
    worker.stop()


@pytest.fixture
def enterprise_on_map(enforcement_enterprise, register_consumer, engine):
    """Register an enterprise over the enforcement API and wait until the map's register has its latest version."""
    from rm_helpers import wait_until_on_map

    def register(**overrides) -> dict:
        entry = enforcement_enterprise(**overrides)
        wait_until_on_map(engine, entry["enterprise_id"], entry["name"])
        return entry
    return register

