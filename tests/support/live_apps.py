"""Session-wide apps of every service on the test stack and tokens for each kind of caller, shared by the
authorization table (tests/integration/authz) and the property-based API tests (tests/integration/fuzz).

Each app runs once per session in this process (FastAPI's TestClient, lifespan included) against its own migrated
database on the real PostgreSQL (`<service>_live_<session>`, created empty for the session and dropped after it,
apart from the services' own tests, whose counts these records must not change), with its relay and consumers off: these tests drive the HTTP API only, and the
enterprise register is written through the consumers' own handlers, as Kafka would deliver it.
"""

from __future__ import annotations

import functools
import importlib
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.tokens import encode_token

REPO = Path(__file__).resolve().parents[2]
OWN_COUNTY, OTHER_COUNTY, OWN_CITY, OTHER_CITY = "140525", "140581", "140500", "140100"


def migrated_database(database_url: str, name: str, service_dir: str, *, extensions: tuple[str, ...] = ()) -> str:
    """A new database `name` on the test cluster, migrated to head."""
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE " + name))  # a name of this session's own: never a guess
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


# The same settings tests/conftest.py reads; the apps are built from them when first asked for, which may be at
# import (the property-based tests load each app's OpenAPI when pytest collects them).
_PG_PORT = os.environ.get("ECOSAFE_PG_PORT", "25432")
_KAFKA = os.environ.get("ECOSAFE_TEST_KAFKA_BOOTSTRAP_SERVERS",
                        f"127.0.0.1:{os.environ.get('ECOSAFE_KAFKA_PORT', '29092')}")
_DATABASE = os.environ.get("ECOSAFE_TEST_DATABASE_URL", f"postgresql+psycopg://ecosafe:ecosafe@127.0.0.1:{_PG_PORT}/hazard")
RUN = uuid.uuid4().hex[:10]
"""This session's suffix for ids, consumer groups and databases."""
# service -> (services/<dir>, Python package, the database of this session, dropped at its end)
SERVICES = {
    "hazard": ("hazard", "hazard", f"hazard_live_{RUN}"),
    "risk-map": ("risk-map", "risk_map", f"risk_map_live_{RUN}"),
    "enforcement": ("enforcement", "enforcement", f"enforcement_live_{RUN}"),
    "notify": ("notify", "notify", f"notify_live_{RUN}"),
}


def _url(database: str) -> str:
    return make_url(_DATABASE).set(database=database).render_as_string(hide_password=False)


@functools.cache
def app_of(service: str) -> FastAPI:
    """The one app of `service` in this session (built, not started: the live_* fixtures start it)."""
    _, package, database = SERVICES[service]
    settings_cls = importlib.import_module(f"{package}.settings").Settings
    create_app = importlib.import_module(f"{package}.entrypoints.app").create_app
    options = {"database_url": _url(database), "kafka_bootstrap_servers": _KAFKA, "relay_enabled": False,
               "consumers_enabled": False}
    if service == "hazard":
        # Own consumer groups, and room for the fuzzer's many anonymous reports.
        options |= {"consumer_group_suffix": f".live-{RUN}", "public_report_limit": 1_000_000}
    if service == "risk-map":
        options |= {"device_simulator_enabled": False}
    return create_app(settings_cls(**options))


def _started(service: str, database_url: str) -> Iterator[TestClient]:
    """Each session starts from empty databases, so the generated requests meet the same state every run and
    a failure they find reproduces."""
    directory, _, database = SERVICES[service]
    extensions = ("postgis", "pgrouting") if service == "risk-map" else ()
    migrated_database(database_url, database, directory, extensions=extensions)
    try:
        with TestClient(app_of(service)) as client:
            yield client
    finally:
        app_of(service).state.engine.dispose()
        admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)"))
        admin.dispose()


@pytest.fixture(scope="session")
def live_run() -> str:
    return RUN


def _live(service: str):
    @pytest.fixture(scope="session")
    def live(database_url, kafka_bootstrap) -> Iterator[TestClient]:
        yield from _started(service, database_url)

    live.__doc__ = f"The {service} app, started once per session (lifespan included), as a TestClient."
    return live


live_hazard = _live("hazard")
live_risk_map = _live("risk-map")
live_enforcement = _live("enforcement")
live_notify = _live("notify")


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


@pytest.fixture(scope="session")
def live_world(live_enforcement, live_hazard, live_risk_map, live_scope, live_callers):
    """One record of each kind (hazard, public report, parks, facilities, incident, river plan, pool review)."""
    from live_world import World
    world = World(RUN, live_scope, live_callers)
    world.build_register(live_enforcement)
    world.build_hazard(live_hazard)
    world.build_risk_map(live_risk_map)
    return world
