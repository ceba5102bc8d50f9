"""Fixtures of the enforcement service's integration tests: its own migrated database, the app, tokens."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from enforcement_register import (  # noqa: F401  (fixtures)
    enforcement_client, enforcement_database_url, enforcement_enterprise, enforcement_settings, officer_headers,
)
from service_databases import migrated_database

ENTERPRISE_TOPIC = "ecosafe.enforcement.enterprise"
INSPECTION_TOPIC = "ecosafe.enforcement.inspection"


@pytest.fixture
def hazard_client(database_url, kafka_bootstrap, unique):
    """The hazard service consuming the real register and inspection topics in consumer groups of its own."""
    from hazard.entrypoints.app import create_app
    from hazard.settings import Settings

    url = migrated_database(database_url, "hazard_test", "hazard")
    settings = Settings(database_url=url, kafka_bootstrap_servers=kafka_bootstrap, relay_enabled=False,
                        enterprise_topic=ENTERPRISE_TOPIC, finding_topic=INSPECTION_TOPIC,
                        pool_review_topic=f"test.risk-map.pool-review.{unique}",
                        consumer_group_suffix=f".enforcement-test-{unique}")
    with TestClient(create_app(settings)) as client:
        client.secret = settings.jwt_secret.get_secret_value()
        yield client


@pytest.fixture(scope="session")
def client(enforcement_client):
    return enforcement_client


@pytest.fixture(scope="session")
def enforcement_engine(enforcement_database_url):
    engine = create_engine(enforcement_database_url)
    yield engine
    engine.dispose()


class Users:
    """Tokens for the roles the tests act as."""

    def __init__(self, secret: str) -> None:
        self.secret = secret

    def token(self, *roles, **kw) -> dict:
        return officer_headers(self.secret, *roles, **kw)

    def county(self, code="140525", **kw):
        return self.token("county_officer", jurisdiction=code, **kw)

    def city(self, **kw):
        return self.token("city_officer", jurisdiction="140500", name="市局李处长", **kw)

    def inspector(self, code="140525"):
        return self.token("inspector", jurisdiction=code, name="执法员赵")

    def enterprise(self, enterprise_id, code="140525"):
        return self.token("enterprise_user", jurisdiction=code, enterprise_id=enterprise_id, name="企业安全员")

    def park(self, park_id, code="140525"):
        return self.token("park_operator", jurisdiction=code, park_id=park_id, name="园区管委会安环科")

    def admin(self):
        return self.token("admin", jurisdiction=None, name="管理员")


@pytest.fixture(scope="session")
def users(enforcement_settings) -> Users:
    return Users(enforcement_settings.jwt_secret.get_secret_value())
