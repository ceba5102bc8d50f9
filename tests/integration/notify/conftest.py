"""Fixtures of the notify service's integration tests: its migrated database, the app on the real stack consuming
topics of its own, and helpers that publish the events of the other services as they publish them."""

from __future__ import annotations

import random
import socket
import sys
import threading
import uuid
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from ecosafe_kit.auth.jurisdiction import PROVINCE_CODES
from enforcement_register import (  # noqa: F401  (fixtures)
    enforcement_client, enforcement_database_url, enforcement_settings, officer_headers,
)
from service_databases import migrated_database
from waiting import wait_for

sys.path.insert(0, str(Path(__file__).resolve().parent))  # notify_helpers


@pytest.fixture(scope="session")
def notify_database_url(database_url: str) -> str:
    return migrated_database(database_url, "notify_test", "notify")


@pytest.fixture(scope="session")
def notify_engine(notify_database_url):
    engine = create_engine(notify_database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def run_id() -> str:
    return uuid.uuid4().hex[:10]


@pytest.fixture(scope="session")
def notify_settings(notify_database_url, kafka_bootstrap, run_id):
    from notify.settings import Settings
    return Settings(database_url=notify_database_url, kafka_bootstrap_servers=kafka_bootstrap, relay_enabled=False,
                    enterprise_topic=f"test.notify.enterprise.{run_id}", hazard_topic=f"test.notify.hazard.{run_id}",
                    inspection_topic=f"test.notify.inspection.{run_id}",
                    incident_topic=f"test.notify.incident.{run_id}", facility_topic=f"test.notify.facility.{run_id}",
                    case_topic=f"test.notify.case.{run_id}", consumer_group_suffix=f".test-{run_id}", delivery_enabled=False, escalation_enabled=False, reports_enabled=False, report_clocks_enabled=False,
                    hazard_record_url="https://ecosafe.example/hazards/{id}",
                    inspection_record_url="https://ecosafe.example/inspections/{id}",
                    warning_record_url="https://ecosafe.example/warnings/{id}",
                    incident_record_url="https://ecosafe.example/incidents/{id}")


@pytest.fixture(scope="session")
def client(notify_settings):
    from notify.entrypoints.app import create_app
    with TestClient(create_app(notify_settings)) as test_client:
        yield test_client


class Users:
    """Tokens for the roles the tests act as."""

    def __init__(self, secret: str) -> None:
        self.secret = secret

    def token(self, *roles, **kw) -> dict:
        return officer_headers(self.secret, *roles, **kw)

    def county(self, code, **kw):
        return self.token("county_officer", jurisdiction=code, **kw)

    def city(self, code, **kw):
        return self.token("city_officer", jurisdiction=code, **kw)


@pytest.fixture(scope="session")
def users(notify_settings) -> Users:
    return Users(notify_settings.jwt_secret.get_secret_value())


@pytest.fixture
def area() -> dict:
    """A city of its own (a random, valid code) and two of its counties, so the rules one test
    writes match no other test's events; rules stay in the shared database (never wiped)."""
    city = f"{random.choice(sorted(PROVINCE_CODES))}{random.randint(10, 99)}00"
    county, other = random.sample(range(1, 100), 2)
    return {"city": city, "county": f"{city[:4]}{county:02d}", "other_county": f"{city[:4]}{other:02d}"}


@pytest.fixture(scope="session")
def live_url(notify_settings):
    """The notify app served by uvicorn on a free loopback port (a stream needs a real connection to close)."""
    from notify.entrypoints.app import create_app

    settings = notify_settings.model_copy(update={"consumers_enabled": False})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning",
                                         timeout_graceful_shutdown=1))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_for(lambda: server.started)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(30)


@pytest.fixture(scope="session")
def publisher(kafka_bootstrap, notify_settings, client, enforcement_client):
    """Publishes the other services' events to notify's test topics; enterprises go through the enforcement app."""
    from notify_helpers import Publisher
    return Publisher(kafka_bootstrap, notify_settings, enforcement_client)
