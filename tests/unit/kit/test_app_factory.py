"""create_app: problem responses, authentication, request ids, logs, metrics, health and the route audit."""

from __future__ import annotations

import json
from contextlib import asynccontextmanager
from typing import Annotated

import pytest
from fastapi import APIRouter, FastAPI, Query, Request, Response
from fastapi.testclient import TestClient
from pydantic import BaseModel

from ecosafe_kit.auth.dependencies import CurrentPrincipal, Public, require_roles
from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.auth.route_audit import UndeclaredAccessError
from ecosafe_kit.auth.tokens import encode_token
from ecosafe_kit.errors import NotFound
from ecosafe_kit.settings import ServiceSettings
from ecosafe_kit.web.app_factory import create_app
from ecosafe_kit.web.etag import IfMatch, check_if_match, set_etag

SECRET = "unit-test-secret-that-is-long-enough-for-hs256"
PROBLEM = "application/problem+json"
CURRENT_VERSION = 3


class Plan(BaseModel):
    owner: str
    funding: int


class PlanSubmission(BaseModel):
    plan: Plan


def _router() -> APIRouter:
    router = APIRouter(prefix="/hazards")

    @router.get("/{hazard_id}")
    async def read_hazard(hazard_id: str, principal: CurrentPrincipal, response: Response) -> dict:
        if hazard_id == "missing":
            raise NotFound(f"隐患 {hazard_id} 不存在", extra={"hazard_id": hazard_id})
        set_etag(response, CURRENT_VERSION)
        return {"id": hazard_id, "viewer": principal.subject}

    @router.post("/{hazard_id}/plan", status_code=201)
    async def submit_plan(
        hazard_id: str,
        submission: PlanSubmission,
        principal: Annotated[Principal, require_roles(Role.city_officer, Role.county_officer)],
        expected_version: IfMatch,
        response: Response,
    ) -> dict:
        check_if_match(expected_version, CURRENT_VERSION)
        set_etag(response, CURRENT_VERSION + 1)
        return {"id": hazard_id, "owner": submission.plan.owner, "by": principal.subject}

    @router.get("", dependencies=[require_roles(Role.admin)])
    async def list_hazards(limit: Annotated[int, Query(ge=1, le=100)] = 10) -> list:
        return []

    @router.get("/public/stats", dependencies=[Public])
    async def public_stats() -> dict:
        return {"open": 0}

    @router.post("/public/reports", dependencies=[Public])
    async def public_report(request: Request) -> dict:
        return {"received": len(await request.body())}

    @router.get("/public/bug", dependencies=[Public])
    async def bug() -> dict:
        raise RuntimeError("a bug, not an expected error")

    return router


def _settings() -> ServiceSettings:
    return ServiceSettings(service_name="unit", jwt_secret=SECRET, log_level="INFO")


def _app(**overrides) -> FastAPI:
    arguments = dict(settings=_settings(), title="测试服务", version="1.2.3", routers=[_router()],
                     readiness_checks={"database": lambda: None}, max_body_bytes=1000)
    arguments.update(overrides)
    return create_app(**arguments)


def _token(*roles: Role, jurisdiction: str = "140525") -> str:
    return encode_token(Principal("u-1", "张三", set(roles), jurisdiction=jurisdiction), secret=SECRET)


def _auth(*roles: Role) -> dict[str, str]:
    return {"Authorization": f"Bearer {_token(*roles)}"}


@pytest.fixture
def client() -> TestClient:
    with TestClient(_app(), raise_server_exceptions=False) as test_client:
        yield test_client


def _problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["type"] == f"https://ecosafe.example/problems/{code}"
    assert body["status"] == status
    assert body["title"] and body["detail"]
    assert body["instance"] == response.request.url.path
    assert body["request_id"] == response.headers["X-Request-ID"]
    return body


# --- authentication and authorisation -------------------------------------------------------------

def test_a_protected_route_without_a_token_answers_401_problem_asking_for_a_bearer_token(client):
    response = client.get("/hazards/h1")
    body = _problem(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in body["detail"]


def test_a_token_signed_with_another_secret_answers_401(client):
    token = encode_token(Principal("u", "n", {Role.inspector}, "140525"), secret="x" * 40)
    response = client.get("/hazards/h1", headers={"Authorization": f"Bearer {token}"})
    assert "签名无效" in _problem(response, 401, "unauthorized")["detail"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_non_bearer_authorization_header_answers_401(client):
    _problem(client.get("/hazards/h1", headers={"Authorization": "Basic dTpw"}), 401, "unauthorized")


def test_a_valid_token_reaches_the_route_as_the_principal(client):
    response = client.get("/hazards/h1", headers=_auth(Role.inspector))
    assert response.status_code == 200
    assert response.json() == {"id": "h1", "viewer": "u-1"}
    assert response.headers["ETag"] == '"3"'


def test_a_role_restricted_route_answers_403_naming_the_roles_needed(client):
    response = client.post("/hazards/h1/plan", headers=_auth(Role.inspector),
                           json={"plan": {"owner": "李四", "funding": 1}})
    body = _problem(response, 403, "forbidden")
    assert body["required_roles"] == ["city_officer", "county_officer"]
    assert "市局(city_officer)" in body["detail"] and "县局(county_officer)" in body["detail"]


def test_require_roles_works_as_a_route_dependency_too(client):
    _problem(client.get("/hazards", headers=_auth(Role.inspector)), 403, "forbidden")
    assert client.get("/hazards", headers=_auth(Role.admin)).status_code == 200
    _problem(client.get("/hazards"), 401, "unauthorized")


def test_a_public_route_answers_without_a_token(client):
    assert client.get("/hazards/public/stats").json() == {"open": 0}


# --- problem responses -----------------------------------------------------------------------------

def test_an_ecosafe_error_becomes_a_problem_with_its_status_code_and_extra_members(client):
    body = _problem(client.get("/hazards/missing", headers=_auth(Role.inspector)), 404, "not-found")
    assert body["title"] == "资源不存在"
    assert body["detail"] == "隐患 missing 不存在"
    assert body["hazard_id"] == "missing"


def test_an_unknown_path_answers_404_problem_naming_the_path(client):
    body = _problem(client.get("/no/such/thing"), 404, "not-found")
    assert "/no/such/thing" in body["detail"]


def test_a_wrong_method_answers_405_problem_with_the_allowed_methods(client):
    response = client.delete("/hazards/public/stats")
    body = _problem(response, 405, "method-not-allowed")
    assert "DELETE" in body["detail"]
    assert "GET" in response.headers["Allow"]


def test_an_invalid_body_answers_422_naming_every_field_at_fault(client):
    response = client.post("/hazards/h1/plan", headers=_auth(Role.county_officer),
                           json={"plan": {"funding": "很多"}})
    body = _problem(response, 422, "invalid-input")
    assert body["errors"] == [
        {"field": "body.plan.owner", "message": "缺少必填字段"},
        {"field": "body.plan.funding", "message": "应为整数"},
    ]
    assert "body.plan.owner" in body["detail"] and "body.plan.funding" in body["detail"]


def test_an_invalid_query_parameter_answers_422_naming_it(client):
    body = _problem(client.get("/hazards?limit=0", headers=_auth(Role.admin)), 422, "invalid-input")
    assert body["errors"] == [{"field": "query.limit", "message": "应大于或等于 1"}]


def test_malformed_json_answers_400_saying_where_it_broke(client):
    response = client.post("/hazards/h1/plan", content=b'{"plan": {"owner": ',
                           headers={**_auth(Role.county_officer), "Content-Type": "application/json"})
    body = _problem(response, 400, "malformed-json")
    assert "JSON" in body["detail"]
    assert body["errors"][0]["field"] == "body"


def test_a_body_over_the_limit_by_content_length_answers_413_before_the_route_runs(client):
    response = client.post("/hazards/public/reports", content=b"x" * 1001)
    body = _problem(response, 413, "payload-too-large")
    assert body["max_bytes"] == 1000


def test_a_streamed_body_over_the_limit_answers_413(client):
    def chunks():  # no Content-Length: the limit must hold while the bytes arrive
        for _ in range(11):
            yield b"x" * 100

    response = client.post("/hazards/public/reports", content=chunks())
    assert "content-length" not in response.request.headers
    _problem(response, 413, "payload-too-large")


def test_a_body_at_the_limit_is_accepted(client):
    assert client.post("/hazards/public/reports", content=b"x" * 1000).json() == {"received": 1000}


def test_the_default_body_limit_is_one_mebibyte():
    with TestClient(_app(max_body_bytes=1024 * 1024)) as default_client:
        assert default_client.post("/hazards/public/reports", content=b"x" * (1024 * 1024)).status_code == 200
        _problem(default_client.post("/hazards/public/reports", content=b"x" * (1024 * 1024 + 1)), 413,
                 "payload-too-large")
    from ecosafe_kit.web.body_limit import DEFAULT_MAX_BODY_BYTES
    assert DEFAULT_MAX_BODY_BYTES == 1024 * 1024


def test_a_bug_is_a_plain_500_and_is_logged_with_its_traceback(client, capsys):
    response = client.get("/hazards/public/bug")
    assert response.status_code == 500
    assert response.headers["content-type"] != PROBLEM
    failures = [line for line in _log_lines(capsys) if line.get("event") == "request failed"]
    assert failures and "RuntimeError: a bug, not an expected error" in failures[0]["exception"]
    assert failures[0]["path"] == "/hazards/public/bug"


# --- If-Match / ETag -------------------------------------------------------------------------------

def _submit(client, if_match: str | None):
    headers = _auth(Role.county_officer) | ({"If-Match": if_match} if if_match is not None else {})
    return client.post("/hazards/h1/plan", headers=headers, json={"plan": {"owner": "李四", "funding": 5}})


def test_if_match_with_the_current_version_is_accepted_and_the_new_etag_returned(client):
    response = _submit(client, '"3"')
    assert response.status_code == 201
    assert response.headers["ETag"] == '"4"'


@pytest.mark.parametrize("if_match", [None, "*"])
def test_no_if_match_or_a_star_skips_the_version_check(client, if_match):
    assert _submit(client, if_match).status_code == 201


def test_if_match_with_a_stale_version_answers_412_with_both_versions(client):
    body = _problem(_submit(client, '"2"'), 412, "precondition-failed")
    assert body["expected_version"] == 2 and body["current_version"] == 3


@pytest.mark.parametrize("if_match", ["3", 'W/"3"', '"abc"', '"3", "4"', '"-1"', '""'])
def test_a_malformed_if_match_answers_400_naming_the_header(client, if_match):
    body = _problem(_submit(client, if_match), 400, "malformed-header")
    assert body["header"] == "If-Match"
    assert "If-Match" in body["detail"]


# --- request id and access log ---------------------------------------------------------------------

def _log_lines(capsys) -> list[dict]:
    lines = []
    for raw in capsys.readouterr().out.splitlines():
        try:
            lines.append(json.loads(raw))
        except json.JSONDecodeError:
            continue
    return lines


def test_a_sane_incoming_request_id_is_echoed(client):
    response = client.get("/hazards/public/stats", headers={"X-Request-ID": "req-42.a:b"})
    assert response.headers["X-Request-ID"] == "req-42.a:b"


@pytest.mark.parametrize("incoming", [None, "has spaces", 'quote"d', "x" * 200, "\u5f20\u4e09"])
def test_a_missing_or_insane_request_id_is_replaced_by_a_uuid4(client, incoming):
    headers = {"X-Request-ID": incoming} if incoming is not None else {}
    response = client.get("/hazards/public/stats", headers={k: v.encode() for k, v in headers.items()})
    generated = response.headers["X-Request-ID"]
    assert generated != incoming
    assert len(generated) == 36 and generated[14] == "4"


def test_the_request_id_is_echoed_on_problem_responses_and_in_their_body(client):
    response = client.get("/nowhere", headers={"X-Request-ID": "trace-1"})
    assert response.headers["X-Request-ID"] == "trace-1"
    assert response.json()["request_id"] == "trace-1"


def test_each_request_writes_one_json_access_log_line(client, capsys):
    capsys.readouterr()
    client.get("/hazards/h1", headers={**_auth(Role.inspector), "X-Request-ID": "log-1"})
    access = [line for line in _log_lines(capsys) if line.get("logger") == "ecosafe.access"]
    assert len(access) == 1
    line = access[0]
    assert (line["method"], line["path"], line["status"], line["request_id"]) == ("GET", "/hazards/h1", 200, "log-1")
    assert isinstance(line["duration_ms"], float)
    assert line["subject"] == "u-1"


# --- health, readiness, metrics, docs --------------------------------------------------------------

def test_healthz_answers_200_without_a_token(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_answers_200_listing_the_checks_when_all_pass(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok"}


def test_readyz_answers_503_problem_naming_the_failing_check():
    def broker_down() -> None:
        raise ConnectionError("broker unreachable")

    with TestClient(_app(readiness_checks={"database": lambda: None, "kafka": broker_down})) as failing:
        body = _problem(failing.get("/readyz"), 503, "not-ready")
    assert body["failed_checks"] == ["kafka"]
    assert "kafka" in body["detail"]
    assert body["checks"]["database"] == "ok"
    assert "broker unreachable" in body["checks"]["kafka"]


def test_metrics_exposes_the_latency_histogram_by_route_template(client):
    client.get("/hazards/h-123", headers=_auth(Role.inspector))
    client.get("/definitely/unknown/path")
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert 'method="GET",route="/hazards/{hazard_id}",status="200"' in text
    assert "ecosafe_http_request_duration_seconds_bucket{" in text
    assert "h-123" not in text  # raw paths never become labels
    assert 'route="<unmatched>",status="404"' in text
    assert "ecosafe_http_requests_in_flight" in text


def test_metrics_use_the_full_template_when_a_router_is_included_with_a_prefix():
    inner = APIRouter()

    @inner.get("/items/{item_id}", dependencies=[Public])
    async def item(item_id: str) -> dict:
        return {}

    outer = APIRouter()
    outer.include_router(inner, prefix="/v1")
    with TestClient(_app(routers=[outer])) as prefixed:
        prefixed.get("/v1/items/7")
        assert 'route="/v1/items/{item_id}"' in prefixed.get("/metrics").text


def test_metrics_include_what_other_modules_register_in_the_default_registry(client):
    from prometheus_client import REGISTRY, Gauge

    gauge = Gauge("ecosafe_test_relay_lag_events", "registered by another kit module")
    try:
        gauge.set(7)
        assert "ecosafe_test_relay_lag_events 7.0" in client.get("/metrics").text
    finally:
        REGISTRY.unregister(gauge)


def test_docs_and_openapi_are_public_and_declare_the_bearer_scheme(client):
    assert client.get("/docs").status_code == 200
    schema = client.get("/openapi.json").json()
    assert (schema["info"]["title"], schema["info"]["version"]) == ("测试服务", "1.2.3")
    scheme = schema["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"], scheme["bearerFormat"]) == ("http", "bearer", "JWT")
    plan = schema["paths"]["/hazards/{hazard_id}/plan"]["post"]
    assert plan["security"] == [{"bearerAuth": []}]
    assert plan["responses"]["422"]["content"] == {PROBLEM: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}
    assert "ProblemDetails" in schema["components"]["schemas"]
    assert "security" not in schema["paths"]["/hazards/public/stats"]["get"]


# --- the route audit and the lifespan --------------------------------------------------------------

def test_create_app_refuses_a_route_that_is_neither_protected_nor_public():
    router = APIRouter()

    @router.get("/forgotten")
    async def forgotten() -> dict:
        return {}

    @router.post("/also-forgotten/{x}")
    async def also_forgotten(x: str) -> dict:
        return {}

    with pytest.raises(UndeclaredAccessError) as caught:
        _app(routers=[_router(), router])
    assert "GET /forgotten" in str(caught.value)
    assert "POST /also-forgotten/{x}" in str(caught.value)
    assert "/hazards" not in str(caught.value)


def test_create_app_refuses_a_route_marked_public_that_also_requires_a_principal():
    router = APIRouter(dependencies=[Public])

    @router.get("/confused")
    async def confused(principal: CurrentPrincipal) -> dict:
        return {}

    with pytest.raises(UndeclaredAccessError, match="GET /confused"):
        _app(routers=[router])


def test_a_declared_public_path_passes_the_audit():
    router = APIRouter()

    @router.get("/legacy")
    async def legacy() -> dict:
        return {}

    app = _app(routers=[router], public_paths=["/legacy"])
    with TestClient(app) as declared:
        assert declared.get("/legacy").status_code == 200


def test_a_route_added_after_create_app_is_audited_at_start_up():
    app = _app()

    @app.get("/late")
    async def late() -> dict:
        return {}

    with pytest.raises(UndeclaredAccessError, match="GET /late"):
        with TestClient(app):
            pass


def test_the_service_lifespan_runs_and_readiness_checks_are_closed_at_shutdown():
    events: list[str] = []

    class ClosableCheck:
        def __call__(self) -> None:
            events.append("checked")

        def close(self) -> None:
            events.append("closed")

    @asynccontextmanager
    async def workers(app: FastAPI):
        events.append("workers started")
        yield
        events.append("workers stopped")

    with TestClient(_app(lifespan=workers, readiness_checks={"kafka": ClosableCheck()})) as running:
        assert running.get("/readyz").status_code == 200
    assert events == ["workers started", "checked", "workers stopped", "closed"]


def test_an_empty_jwt_secret_is_refused_at_creation():
    with pytest.raises(ValueError, match="ECOSAFE_JWT_SECRET"):
        _app(settings=ServiceSettings(jwt_secret=""))


# --- garbage collection ----------------------------------------------------------------------------------


def test_the_start_up_heap_is_frozen_after_the_services_own_start_up_so_full_collections_skip_it():
    import gc
    seen = {}

    @asynccontextmanager
    async def service_start_up(app: FastAPI):
        seen["before"] = gc.get_freeze_count()
        app.state.clients = [object() for _ in range(1000)]  # what a service's own start-up leaves alive
        yield

    gc.unfreeze()
    try:
        with TestClient(_app(lifespan=service_start_up)) as test_client:
            frozen = gc.get_freeze_count()
            assert test_client.get("/healthz").status_code == 200
    finally:
        gc.unfreeze()
    assert seen["before"] == 0  # not before the service has started
    assert frozen >= 1000


def test_behind_the_gateway_docs_and_schema_carry_the_forwarded_prefix(client):
    # The gateway strips /api/hazard/ and names it in X-Forwarded-Prefix; the browser must fetch the schema there.
    docs = client.get("/docs", headers={"X-Forwarded-Prefix": "/api/hazard"})
    assert "'/api/hazard/openapi.json'" in docs.text
    schema = client.get("/openapi.json", headers={"X-Forwarded-Prefix": "/api/hazard"}).json()
    assert schema["servers"] == [{"url": "/api/hazard"}]
    assert client.get("/healthz", headers={"X-Forwarded-Prefix": "/api/hazard"}).status_code == 200


@pytest.mark.parametrize("prefix", ["/api/x'><script>", "//evil.example", "api/hazard", "/api/hazard?x=1"])
def test_a_forwarded_prefix_that_is_not_a_plain_path_is_ignored(client, prefix):
    docs = client.get("/docs", headers={"X-Forwarded-Prefix": prefix})
    assert docs.status_code == 200
    assert "'/openapi.json'" in docs.text
