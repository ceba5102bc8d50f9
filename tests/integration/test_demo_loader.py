"""The demo loader registers the demo district through the enforcement service's API (real HTTP, real stack)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from contextlib import contextmanager

import httpx
import pytest

from ecosafe.enforcement.v1.enterprise_pb2 import EnterpriseRegistered
from ecosafe_demo.enterprises import demo_register, register_through_api
from enforcement.domain.credit_code import problem_of
from enforcement_register import (  # noqa: F401  (fixtures)
    credit_code, enforcement_database_url, enforcement_settings, officer_headers,
)
from kit_helpers import read_topic
from waiting import wait_for


@contextmanager
def serving(settings):
    """The enforcement service in a child process on a free port (the loader speaks HTTP, as in `make run`)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "ECOSAFE_DATABASE_URL": settings.database_url,
           "ECOSAFE_KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap_servers,
           "ECOSAFE_JWT_SECRET": settings.jwt_secret.get_secret_value(), "ECOSAFE_LOG_LEVEL": "WARNING"}
    process = subprocess.Popen([sys.executable, "-m", "ecosafe_kit.serve", "enforcement.entrypoints.app:create_app",
                                "--factory", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                               env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"

    def up():
        try:
            return httpx.get(f"{url}/healthz", timeout=2).status_code == 200
        except httpx.TransportError:
            assert process.poll() is None, "the enforcement service did not start"
            return False

    try:
        wait_for(up, timeout=60)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def district(unique):
    """The demo district with this test's own ids and credit codes, so runs never meet each other's entries."""
    rows = []
    for row in demo_register()["enterprises"]:
        copy = dict(row, enterprise_id=f"{row['enterprise_id']}-{unique}", credit_code=credit_code())
        if copy.get("parent_enterprise_id"):
            copy["parent_enterprise_id"] = f"{row['parent_enterprise_id']}-{unique}"
        rows.append(copy)
    return rows


def test_the_loader_registers_the_district_through_the_api_once(enforcement_settings, district, kafka_bootstrap):
    secret = enforcement_settings.jwt_secret.get_secret_value()
    with serving(enforcement_settings) as url:
        assert register_through_api(url, secret, district) == {"created": 30, "existing": 0}
        assert register_through_api(url, secret, district) == {"created": 0, "existing": 30}
        child = next(r for r in district if r["parent_enterprise_id"])
        shown = httpx.get(f"{url}/enterprises/{child['enterprise_id']}",
                          headers=officer_headers(secret, "city_officer", jurisdiction="140500")).json()
        assert shown["parent_enterprise_id"] == child["parent_enterprise_id"] and shown["name"] == child["name"]
    ids = {r["enterprise_id"] for r in district}

    def published():
        events = [e for e in read_topic(kafka_bootstrap, "ecosafe.enforcement.enterprise", 10**6, timeout=5)
                  if e.stream_id in ids]
        return events if len(events) >= 30 else None

    events = published() or wait_for(published, timeout=60)
    assert len(events) == 30 and {e.event_type for e in events} == {"ecosafe.enforcement.v1.EnterpriseRegistered"}
    assert {e.signer.name for e in events} == {"演示数据加载器"}
    first = next(e for e in events if e.stream_id == district[0]["enterprise_id"])
    message = EnterpriseRegistered.FromString(first.payload)
    assert message.credit_code == district[0]["credit_code"] and message.sector == "chemical"


def test_demo_district_has_two_counties_of_one_city_two_parks_and_valid_credit_codes():
    register = demo_register()
    counties = {c["code"] for c in register["counties"]}
    assert register["city"]["code"] == "140500" and counties == {"140525", "140581"}
    assert {e["jurisdiction_code"] for e in register["enterprises"]} == counties
    parks = {p["park_id"] for p in register["parks"]}
    assert {e["park_id"] for e in register["enterprises"] if e["park_id"]} == parks
    ids = {e["enterprise_id"] for e in register["enterprises"]}
    assert all(e["parent_enterprise_id"] in ids for e in register["enterprises"] if e["parent_enterprise_id"])
    assert [e["credit_code"] for e in register["enterprises"] if problem_of(e["credit_code"])] == []
