"""The demo sign-in app: lists the demo users by role and jurisdiction, mints tokens the services accept, off by default."""

from __future__ import annotations

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from ecosafe_demo.enterprises import demo_register
from ecosafe_demo.signin import SigninSettings, create_app
from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.settings import ServiceSettings
from ecosafe_kit.web.app_factory import create_app as create_kit_app

SECRET = "demo-signin-test-secret-long-enough-for-hs256"


@pytest.fixture
def signin() -> TestClient:
    return TestClient(create_app(SigninSettings(jwt_secret=SECRET, demo_signin_enabled=True)))


def _service(secret: str = SECRET) -> TestClient:
    """A service built by the kit like the four are, answering with the caller it authenticated."""
    router = APIRouter()

    @router.get("/me")
    async def me(principal: CurrentPrincipal) -> dict:
        return {"subject": principal.subject, "roles": sorted(principal.roles), "jurisdiction": principal.jurisdiction,
                "park_id": principal.park_id, "enterprise_id": principal.enterprise_id}

    return TestClient(create_kit_app(settings=ServiceSettings(jwt_secret=secret), title="s", version="0",
                                     routers=[router]))


def test_the_users_are_grouped_by_role_with_chinese_labels_and_area_names(signin):
    groups = signin.get("/users").json()

    labels = {group["role"]: group["role_label"] for group in groups}
    assert labels["park_operator"] == "园区管理" and labels["command_center"] == "应急指挥中心"
    for group in groups:
        assert group["users"] and all(user["role"] == group["role"] for user in group["users"])
    users = [user for group in groups for user in group["users"]]
    park_operators = {user["park_id"]: user for user in users if user["role"] == "park_operator"}
    assert park_operators["park-zz-chem"]["park_name"] == "泽州巴公化工园区"
    assert park_operators["park-zz-chem"]["jurisdiction_name"] == "泽州县"


def test_there_is_a_user_for_every_role_and_for_every_county_and_park_of_the_demo_data(signin):
    users = [user for group in signin.get("/users").json() for user in group["users"]]
    register = demo_register()
    assert {user["role"] for user in users} >= {"city_officer", "county_officer", "inspector", "group_leader",
                                                "enterprise_user", "park_operator", "command_center", "admin"}
    counties = {county["code"] for county in register["counties"]}
    for role in ("county_officer", "inspector", "command_center"):
        assert counties <= {user["jurisdiction_code"] for user in users if user["role"] == role}, role
    assert {park["park_id"] for park in register["parks"]} == {
        user["park_id"] for user in users if user["role"] == "park_operator"}


def test_a_minted_token_is_accepted_by_a_service_with_the_users_scope(signin):
    answer = signin.post("/tokens", json={"user_id": "demo-park-zz-chem"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 480 * 60
    assert body["user"]["name"] == "褚园区"

    me = _service().get("/me", headers={"Authorization": f"Bearer {body['access_token']}"})

    assert me.status_code == 200, me.text
    assert me.json() == {"subject": "demo-park-zz-chem", "roles": ["park_operator"], "jurisdiction": "140525",
                         "park_id": "park-zz-chem", "enterprise_id": None}


def test_a_token_is_signed_with_the_configured_secret_only(signin):
    token = signin.post("/tokens", json={"user_id": "demo-county-140525"}).json()["access_token"]
    refused = _service("another-secret-of-another-deployment-0000").get(
        "/me", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 401 and refused.json()["reason"] == "invalid_signature"


def test_an_unknown_user_is_a_422_naming_the_field(signin):
    answer = signin.post("/tokens", json={"user_id": "nobody"})
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert [error["field"] for error in answer.json()["errors"]] == ["user_id"]


def test_the_app_refuses_everything_unless_demo_signin_is_enabled(monkeypatch):
    monkeypatch.delenv("ECOSAFE_DEMO_SIGNIN_ENABLED", raising=False)
    disabled = TestClient(create_app(SigninSettings(jwt_secret=SECRET)))
    for response in (disabled.get("/users"), disabled.post("/tokens", json={"user_id": "demo-admin"})):
        assert response.status_code == 404
        assert response.json()["reason"] == "demo_signin_disabled"


def test_it_is_enabled_by_the_environment_the_demo_stack_sets(monkeypatch):
    monkeypatch.setenv("ECOSAFE_DEMO_SIGNIN_ENABLED", "true")
    monkeypatch.setenv("ECOSAFE_JWT_SECRET", SECRET)
    assert TestClient(create_app()).get("/users").status_code == 200
