"""Pytest fixtures that register enterprises through the enforcement service's API, for any service's tests.

Use from a conftest: `from enforcement_register import enforcement_client, enforcement_enterprise  # noqa: F401`.
`enforcement_enterprise(**overrides)` registers one enterprise over HTTP (as a county officer of its jurisdiction)
and returns the API's view of it; the service's relay publishes EnterpriseRegistered on
`ecosafe.enforcement.enterprise`, so a consumer of that topic receives it as from production.
"""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.tokens import encode_token
from enforcement.domain.credit_code import ALPHABET, check_character
from service_databases import migrated_database

ENFORCEMENT_DATABASE = "enforcement_test"


def credit_code(seed: str | None = None, *, area: str = "140500") -> str:
    """A valid unified social credit code (GB 32100-2015) that no other test uses: 91 + area + 9 random characters."""
    body = (seed or uuid.uuid4().hex).upper()
    organisation = "".join(ALPHABET[int(c, 16) % len(ALPHABET)] for c in body[:9].ljust(9, "0"))
    first17 = "91" + area + organisation
    return first17 + check_character(first17)


def enterprise_body(**overrides) -> dict:
    """A complete registration body for a chemical plant in 泽州县 (140525); `overrides` replace fields."""
    body = {
        "name": f"测试化工有限公司{uuid.uuid4().hex[:6]}", "credit_code": credit_code(), "industry": "C2614",
        "risk_level": "major", "principal_name": "张丽娜", "principal_phone": "13800000000",
        "jurisdiction_code": "140525", "address": "山西省晋城市泽州县巴公化工园区1号",
        "location": {"lon": 112.905, "lat": 35.402},
    }
    body.update(overrides)
    return body


def officer_headers(secret: str, *roles: str, jurisdiction: str | None = "140525", enterprise_id: str | None = None,
                    park_id: str | None = None, name: str = "王科长", subject: str | None = None) -> dict:
    principal = Principal(subject=subject or f"u-{uuid.uuid4().hex[:8]}", name=name, roles=frozenset(roles or ("county_officer",)),
                          jurisdiction=jurisdiction, enterprise_id=enterprise_id, park_id=park_id)
    return {"Authorization": "Bearer " + encode_token(principal, secret=secret)}


@pytest.fixture(scope="session")
def enforcement_database_url(database_url: str) -> str:
    return migrated_database(database_url, ENFORCEMENT_DATABASE, "enforcement")


@pytest.fixture(scope="session")
def enforcement_settings(enforcement_database_url: str, kafka_bootstrap: str):
    from enforcement.settings import Settings
    return Settings(database_url=enforcement_database_url, kafka_bootstrap_servers=kafka_bootstrap)


@pytest.fixture(scope="session")
def enforcement_client(enforcement_settings):
    """The enforcement app on the test stack, its relay publishing to ecosafe.enforcement.enterprise."""
    from enforcement.entrypoints.app import create_app
    with TestClient(create_app(enforcement_settings)) as client:
        yield client


@pytest.fixture
def enforcement_enterprise(enforcement_client, enforcement_settings):
    """Register an enterprise over the enforcement API; returns its JSON (with `enterprise_id` and `version`)."""
    secret = enforcement_settings.jwt_secret.get_secret_value()

    def register(**overrides) -> dict:
        body = enterprise_body(**overrides)
        headers = officer_headers(secret, "county_officer", jurisdiction=body["jurisdiction_code"])
        created = enforcement_client.post("/enterprises", json=body, headers=headers)
        assert created.status_code == 201, created.text
        shown = enforcement_client.get(created.headers["Location"], headers=headers)
        assert shown.status_code == 200, shown.text
        return shown.json()

    return register
