"""Shared fixtures: the real PostgreSQL and Kafka of the test stack (started once by `make test`)."""

from __future__ import annotations

import os
import socket
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from ecosafe_kit.eventstore.schema import create_schema

# Every service's app once per session, for the authorization table and the property-based API tests.
pytest_plugins = ["live_apps"]

# The same port overrides deploy/local/stack.sh honours, so `ECOSAFE_PG_PORT=... make test` just works.
_PG_PORT = os.environ.get("ECOSAFE_PG_PORT", "25432")
_KAFKA_PORT = os.environ.get("ECOSAFE_KAFKA_PORT", "29092")
TEST_DATABASE_URL = os.environ.get(
    "ECOSAFE_TEST_DATABASE_URL", f"postgresql+psycopg://ecosafe:ecosafe@127.0.0.1:{_PG_PORT}/hazard")
TEST_KAFKA = os.environ.get("ECOSAFE_TEST_KAFKA_BOOTSTRAP_SERVERS", f"127.0.0.1:{_KAFKA_PORT}")
KIT_DATABASE = "ecosafe_kit_test"

_NOT_RUNNING = ("the test stack is not answering at {what}; run `make test`, or start it with "
                "`ECOSAFE_STACK=test deploy/local/stack.sh start`")


def _reachable(host_port: str) -> bool:
    host, _, port = host_port.rpartition(":")
    try:
        with socket.create_connection((host, int(port)), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def database_url() -> str:
    url = make_url(TEST_DATABASE_URL)
    if not _reachable(f"{url.host}:{url.port}"):
        pytest.fail(_NOT_RUNNING.format(what=f"{url.host}:{url.port}"), pytrace=False)
    return TEST_DATABASE_URL


@pytest.fixture(scope="session")
def kafka_bootstrap() -> str:
    if not _reachable(TEST_KAFKA):
        pytest.fail(_NOT_RUNNING.format(what=TEST_KAFKA), pytrace=False)
    return TEST_KAFKA


@pytest.fixture(scope="session")
def kit_database_url(database_url: str) -> str:
    """A database of its own for the kit's tests, with the kit schema; created once, never wiped."""
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": KIT_DATABASE}).first()
        if not exists:
            conn.execute(text("CREATE DATABASE " + KIT_DATABASE))
    admin.dispose()
    url = make_url(database_url).set(database=KIT_DATABASE).render_as_string(hide_password=False)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(42)"))  # parallel sessions create the schema once
        create_schema(conn)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def kit_engine(kit_database_url: str) -> Engine:
    engine = create_engine(kit_database_url, pool_size=20, max_overflow=20)
    yield engine
    engine.dispose()


@pytest.fixture
def unique() -> str:
    """A fresh suffix for stream ids, stream types, topics and consumer groups, so tests never share state."""
    return uuid.uuid4().hex[:12]
