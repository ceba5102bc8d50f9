"""Fixtures of the hazard service's integration tests: its own migrated database, the app on the real stack, its
register fed by the enforcement service (registered over its API, published by its relay)."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ecosafe_demo.enterprises import demo_register
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.tokens import encode_token
from enforcement_register import (  # noqa: F401  (fixtures)
    credit_code, enforcement_changes, enforcement_client, enforcement_database_url, enforcement_enterprise,
    enforcement_register_rows, enforcement_settings,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))  # hazard_helpers
REPO = Path(__file__).resolve().parents[3]
DATABASE = "hazard_test"
ENTERPRISE_TOPIC = "ecosafe.enforcement.enterprise"


@pytest.fixture(scope="session")
def hazard_database_url(database_url: str) -> str:
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(4242)"))  # parallel sessions create it once
        try:
            if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": DATABASE}).first():
                conn.execute(text("CREATE DATABASE " + DATABASE))
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(4242)"))
    admin.dispose()
    url = make_url(database_url).set(database=DATABASE).render_as_string(hide_password=False)
    subprocess.run([sys.executable, "-m", "alembic", "-c", str(REPO / "services/hazard/alembic.ini"),
                    "-x", f"database_url={url}", "upgrade", "head"], check=True, cwd=REPO)
    return url


@pytest.fixture(scope="session")
def run_id() -> str:
    return uuid.uuid4().hex[:10]


@pytest.fixture(scope="session")
def hazard_settings(hazard_database_url, kafka_bootstrap, run_id):
    from hazard.settings import Settings
    # The register comes from the real topic the enforcement app's relay feeds. Its consumer group keeps one name
    # from run to run: a new group would read the topic (kept forever, only growing) from its start each run; with
    # one name a run reads what came since the last. The findings and pool reviews stay on topics of this run.
    return Settings(database_url=hazard_database_url, kafka_bootstrap_servers=kafka_bootstrap,
                    enterprise_topic=ENTERPRISE_TOPIC,
                    finding_topic=f"test.enforcement.inspection.{run_id}",
                    pool_review_topic=f"test.risk-map.pool-review.{run_id}",
                    consumer_group_suffix=".hazard-tests", public_report_limit=3,
                    reporter_contact_key=base64.urlsafe_b64encode(os.urandom(32)).decode())


@pytest.fixture(scope="session")
def client(hazard_settings):
    from hazard.entrypoints.app import create_app
    with TestClient(create_app(hazard_settings)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def hazard_engine(hazard_database_url):
    engine = create_engine(hazard_database_url)
    yield engine
    engine.dispose()


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not met within %.0fs" % timeout)


@pytest.fixture
def register(client, hazard_engine, enforcement_register_rows):
    """Register rows over the enforcement API (their ids kept) and wait until the running app's register has them."""

    def register_and_wait(rows: list[dict]) -> dict:
        enforcement_register_rows(rows)
        ids = [r["enterprise_id"] for r in rows]

        def all_known():
            with hazard_engine.connect() as conn:
                return conn.execute(text("SELECT count(*) FROM hazard_enterprises WHERE enterprise_id = ANY(:ids)"),
                                    {"ids": ids}).scalar_one() == len(ids)

        wait_for(all_known)
        return {r["enterprise_id"]: r for r in rows}

    return register_and_wait


@pytest.fixture
def district(register, unique):
    """This test's own copy of the demo district: enterprise and park ids and credit codes made unique, registered
    and consumed."""
    rows = []
    for row in demo_register()["enterprises"]:
        copy = dict(row, credit_code=credit_code())
        copy["enterprise_id"] = f"{row['enterprise_id']}-{unique}"
        if copy.get("parent_enterprise_id"):
            copy["parent_enterprise_id"] = f"{row['parent_enterprise_id']}-{unique}"
        if copy.get("park_id"):
            copy["park_id"] = f"{row['park_id']}-{unique}"
        rows.append(copy)
    return register(rows)


class Users:
    """Tokens for the roles the tests act as."""

    def __init__(self, secret: str) -> None:
        self.secret = secret

    def token(self, *roles, jurisdiction=None, enterprise_id=None, park_id=None, subject=None,
              name="测试用户") -> dict:
        principal = Principal(subject=subject or f"u-{uuid.uuid4().hex[:8]}", name=name, roles=frozenset(roles),
                              jurisdiction=jurisdiction, enterprise_id=enterprise_id, park_id=park_id)
        return {"Authorization": "Bearer " + encode_token(principal, secret=self.secret)}

    def county(self, code="140525", **kw):
        return self.token("county_officer", jurisdiction=code, name="王科长", **kw)

    def city(self, **kw):
        return self.token("city_officer", jurisdiction="140500", name="市局李处长", **kw)

    def leader(self, code="140500", **kw):
        return self.token("group_leader", jurisdiction=code, name="韩组长", **kw)

    def inspector(self, code="140525", **kw):
        return self.token("inspector", jurisdiction=code, name="执法员赵", **kw)

    def enterprise(self, enterprise_id, code="140525", **kw):
        return self.token("enterprise_user", jurisdiction=code, enterprise_id=enterprise_id, name="企业安全员", **kw)

    def park(self, park_id, code="140525", **kw):
        return self.token("park_operator", jurisdiction=code, park_id=park_id, name="园区管委会安环科", **kw)


@pytest.fixture(scope="session")
def users(hazard_settings) -> Users:
    return Users(hazard_settings.jwt_secret.get_secret_value())
