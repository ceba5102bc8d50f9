"""Session-wide apps of every service on the test stack and tokens for each kind of caller, shared by the
authorization table (tests/integration/authz) and the property-based API tests (tests/integration/fuzz).

Each app runs once per session in this process (FastAPI's TestClient, lifespan included) against its own migrated
database on the real PostgreSQL (`<service>_live`, apart from the services' own tests, whose counts these
records must not change), with its relay and consumers off: these tests drive the HTTP API only, and the
enterprise register is written through the consumers' own handlers, as Kafka would deliver it.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.tokens import encode_token

REPO = Path(__file__).resolve().parents[2]
OWN_COUNTY, OTHER_COUNTY, OWN_CITY, OTHER_CITY = "140525", "140581", "140500", "140100"


def migrated_database(database_url: str, name: str, service_dir: str, *, lock: int,
                      extensions: tuple[str, ...] = ()) -> str:
    """`name` on the test cluster, created once (parallel sessions wait on advisory lock `lock`) and migrated."""
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:lock)"), {"lock": lock})
        try:
            if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first():
                conn.execute(text("CREATE DATABASE " + name))
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:lock)"), {"lock": lock})
    admin.dispose()
    url = make_url(database_url).set(database=name).render_as_string(hide_password=False)
    if extensions:
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            for extension in extensions:
                conn.execute(text("CREATE EXTENSION IF NOT EXISTS " + extension))
        engine.dispose()
    subprocess.run([sys.executable, "-m", "alembic", "-c", str(REPO / "services" / service_dir / "alembic.ini"),
                    "-x", f"database_url={url}", "upgrade", "head"], check=True, cwd=REPO)
    return url


@pytest.fixture(scope="session")
def live_run() -> str:
    """This session's suffix for ids, topics and consumer groups."""
    return uuid.uuid4().hex[:10]


@pytest.fixture(scope="session")
def live_hazard(database_url, kafka_bootstrap, live_run):
    from hazard.entrypoints.app import create_app
    from hazard.settings import Settings
    url = migrated_database(database_url, "hazard_live", "hazard", lock=7000104)
    settings = Settings(database_url=url, kafka_bootstrap_servers=kafka_bootstrap, relay_enabled=False,
                        consumers_enabled=False, consumer_group_suffix=f".live-{live_run}",
                        public_report_limit=1_000_000)  # the fuzzer reports anonymously, many times
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture(scope="session")
def live_risk_map(database_url, kafka_bootstrap):
    from risk_map.entrypoints.app import create_app
    from risk_map.settings import Settings
    url = migrated_database(database_url, "risk_map_live", "risk-map", lock=7000105,
                            extensions=("postgis", "pgrouting"))
    settings = Settings(database_url=url, kafka_bootstrap_servers=kafka_bootstrap, relay_enabled=False,
                        consumers_enabled=False, device_simulator_enabled=False)
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture(scope="session")
def live_enforcement(database_url, kafka_bootstrap):
    from enforcement.entrypoints.app import create_app
    from enforcement.settings import Settings
    url = migrated_database(database_url, "enforcement_live", "enforcement", lock=7000106)
    settings = Settings(database_url=url, kafka_bootstrap_servers=kafka_bootstrap, relay_enabled=False,
                        consumers_enabled=False)
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture(scope="session")
def live_notify(database_url, kafka_bootstrap):
    from notify.entrypoints.app import create_app
    from notify.settings import Settings
    url = migrated_database(database_url, "notify_live", "notify", lock=7000107)
    settings = Settings(database_url=url, kafka_bootstrap_servers=kafka_bootstrap, relay_enabled=False,
                        consumers_enabled=False)
    with TestClient(create_app(settings)) as client:
        yield client


class Scope:
    """The records the authorization tests act on: an enterprise and a park that are "own" to the callers of
    OWN_COUNTY, and another enterprise and park in the same county that are not theirs."""

    def __init__(self, run: str) -> None:
        self.enterprise, self.other_enterprise = f"ent-own-{run}", f"ent-other-{run}"
        self.park, self.other_park = f"park-own-{run}", f"park-other-{run}"


@pytest.fixture(scope="session")
def live_scope(live_run) -> Scope:
    return Scope(live_run)


def bearer(secret: str, *roles: str, jurisdiction: str | None = None, enterprise_id: str | None = None,
           park_id: str | None = None, name: str = "测试用户") -> dict:
    principal = Principal(subject=f"u-{uuid.uuid4().hex[:8]}", name=name, roles=frozenset(roles),
                          jurisdiction=jurisdiction, enterprise_id=enterprise_id, park_id=park_id)
    return {"Authorization": "Bearer " + encode_token(principal, secret=secret)}


@pytest.fixture(scope="session")
def live_callers(live_scope) -> dict[str, dict]:
    """Headers per caller: each government role in the record's own area and in another one, the enterprise and
    park users of the record and of another enterprise/park, admin, and no token at all."""
    from ecosafe_kit.settings import ServiceSettings
    secret = ServiceSettings().jwt_secret.get_secret_value()  # every service's default development secret
    s = live_scope

    def token(*roles, **claims):
        return bearer(secret, *roles, **claims)

    return {
        "anon": {},
        "admin": token("admin", name="管理员"),
        "city": token("city_officer", jurisdiction=OWN_CITY),
        "city_other": token("city_officer", jurisdiction=OTHER_CITY),
        "county": token("county_officer", jurisdiction=OWN_COUNTY),
        "county_other": token("county_officer", jurisdiction=OTHER_COUNTY),
        "inspector": token("inspector", jurisdiction=OWN_COUNTY),
        "inspector_other": token("inspector", jurisdiction=OTHER_COUNTY),
        "leader": token("group_leader", jurisdiction=OWN_CITY),
        "leader_other": token("group_leader", jurisdiction=OTHER_CITY),
        "command": token("command_center", jurisdiction=OWN_COUNTY),
        "command_other": token("command_center", jurisdiction=OTHER_COUNTY),
        "enterprise": token("enterprise_user", jurisdiction=OWN_COUNTY, enterprise_id=s.enterprise),
        "enterprise_other": token("enterprise_user", jurisdiction=OWN_COUNTY, enterprise_id=s.other_enterprise),
        "park": token("park_operator", jurisdiction=OWN_COUNTY, park_id=s.park),
        "park_other": token("park_operator", jurisdiction=OWN_COUNTY, park_id=s.other_park),
    }
