"""Pytest fixtures that register enterprises through the enforcement service's API, for any service's tests.

Use from a conftest: `from enforcement_register import enforcement_client, enforcement_enterprise  # noqa: F401`.
`enforcement_enterprise(**overrides)` registers one enterprise over HTTP (as a county officer of its jurisdiction)
and returns the API's view of it; the service's relay publishes EnterpriseRegistered on
`ecosafe.enforcement.enterprise`, so a consumer of that topic receives it as from production.
`enforcement_register_rows(rows)` registers register rows (shaped as the demo register's) as an admin keeping their
ids, as the demo loader does, for tests that need an enterprise id of their own making.
"""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

from ecosafe_demo.enterprises import registration_body
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
    # The periodic closure check is off: a test runs its rounds itself, with its own clock and enterprises.
    return Settings(database_url=enforcement_database_url, kafka_bootstrap_servers=kafka_bootstrap,
                    closure_check_enabled=False)


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


@pytest.fixture(scope="session")
def enforcement_register_rows(enforcement_client, enforcement_settings):
    """Register rows over the enforcement API as an admin who keeps their `enterprise_id`s, parents first; fields a
    row leaves out come from `enterprise_body()`. Returns the API's entries by id."""
    headers = officer_headers(enforcement_settings.jwt_secret.get_secret_value(), "admin", jurisdiction=None,
                              name="测试管理员")

    def register(rows, *, existing_ok: bool = False) -> dict[str, dict]:
        """`existing_ok`: an id already registered (409, as for fixed demo ids from an earlier run) is left as it is."""
        entries = {}
        for row in sorted(rows, key=lambda r: bool(r.get("parent_enterprise_id"))):
            created = enforcement_client.post("/enterprises", json=enterprise_body(**registration_body(row)),
                                              headers=headers)
            if existing_ok and created.status_code == 409:
                continue
            assert created.status_code == 201, created.text
            entries[row["enterprise_id"]] = created.json()
        return entries

    return register


_ENTRY_FIELDS = ("name", "credit_code", "industry", "sector", "risk_level", "principal_name", "principal_phone",
                 "parent_enterprise_id", "park_id", "jurisdiction_code", "address", "location", "boundary",
                 "hazardous_waste_permit_no")


class RegisterChanges:
    """变更 and 注销 of a registered enterprise over the enforcement API, as an admin, with the entry's ETag."""

    def __init__(self, client: TestClient, secret: str) -> None:
        self.client = client
        self.headers = officer_headers(secret, "admin", jurisdiction=None, name="测试管理员")

    def _current(self, enterprise_id: str):
        shown = self.client.get(f"/enterprises/{enterprise_id}", headers=self.headers)
        assert shown.status_code == 200, shown.text
        return shown

    def update(self, enterprise_id: str, **changes) -> dict:
        """PUT the entry as it is with `changes`; returns the answer (`changed_fields`)."""
        shown = self._current(enterprise_id)
        body = {k: v for k, v in shown.json().items() if k in _ENTRY_FIELDS and v is not None}
        changed = self.client.put(f"/enterprises/{enterprise_id}", json={**body, **changes},
                                  headers={**self.headers, "If-Match": shown.headers["ETag"]})
        assert changed.status_code == 200, changed.text
        return changed.json()

    def deregister(self, enterprise_id: str, reason: str) -> dict:
        shown = self._current(enterprise_id)
        done = self.client.post(f"/enterprises/{enterprise_id}/deregistration", json={"reason": reason},
                                headers={**self.headers, "If-Match": shown.headers["ETag"]})
        assert done.status_code == 200, done.text
        return done.json()


@pytest.fixture
def enforcement_changes(enforcement_client, enforcement_settings) -> RegisterChanges:
    return RegisterChanges(enforcement_client, enforcement_settings.jwt_secret.get_secret_value())
