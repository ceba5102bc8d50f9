"""create_app: one FastAPI app per service with auth, problem responses, logs, metrics, health and docs wired in."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import structlog
from fastapi import APIRouter, FastAPI

from ecosafe_kit.auth.dependencies import JWT_SECRET_STATE_KEY, OIDC_VERIFIER_STATE_KEY
from ecosafe_kit.auth.oidc import OidcVerifier
from ecosafe_kit.auth.route_audit import check_routes_declared
from ecosafe_kit.gc_tuning import freeze_startup_objects
from ecosafe_kit.settings import ServiceSettings
from ecosafe_kit.web.access_log import AccessLogMiddleware
from ecosafe_kit.web.body_limit import DEFAULT_MAX_BODY_BYTES, BodySizeLimitMiddleware
from ecosafe_kit.web.health import ReadinessCheck, ops_router
from ecosafe_kit.web.logging import configure_logging
from ecosafe_kit.web.problems import ProblemDetails, install_problem_handlers, problem_openapi_responses
from ecosafe_kit.web.request_context import RequestContextMiddleware
from ecosafe_kit.web.forwarded_prefix import ForwardedPrefixMiddleware
from ecosafe_kit.web.request_line import RequestLineGuardMiddleware

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]

# What any route may answer besides its own responses; documented once for every router.
_COMMON_PROBLEM_STATUSES = (400, 401, 403, 404, 413, 422)
# The JWT secret every service gets without configuration; fine on a laptop, never in a cluster.
_DEV_SECRET = "dev-only-secret-change-me-in-production-0000"

_log = structlog.stdlib.get_logger("ecosafe.app")


def create_app(
    *,
    settings: ServiceSettings,
    title: str,
    version: str,
    routers: Sequence[APIRouter],
    readiness_checks: Mapping[str, ReadinessCheck] | None = None,
    lifespan: Lifespan | None = None,
    public_paths: Iterable[str] = (),
    description: str = "",
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> FastAPI:
    """Build a service's FastAPI app.

    - `routers`: the service's routers. Every route must depend on `CurrentPrincipal` (directly or via
      `require_roles`) or be marked `dependencies=[Public]`; otherwise this raises UndeclaredAccessError.
    - `readiness_checks`: name → check run by /readyz (see `ecosafe_kit.web.readiness`); a check with a
      `close()` method is closed at shutdown.
    - `lifespan`: the service's own start-up/shutdown (background workers: outbox relay, consumers).
    - `public_paths`: paths of routes that cannot carry the Public marker (e.g. a mounted app) but are public.
    - `max_body_bytes`: requests with a larger body get 413 (default 1 MiB).

    Adds /healthz, /readyz, /metrics (public), OpenAPI docs at /docs with a bearer security scheme,
    problem+json error responses, request ids, JSON access logs and HTTP metrics.
    """
    configure_logging(settings.log_level)
    public_paths = tuple(public_paths)  # read twice (now and at start-up): a generator would be empty the 2nd time
    secret = settings.jwt_secret.get_secret_value()
    if not secret:
        raise ValueError("ECOSAFE_JWT_SECRET must not be empty")
    checks = dict(readiness_checks or {})

    app = FastAPI(
        title=title,
        version=version,
        description=description,
        docs_url="/docs",
        redoc_url=None,
        lifespan=_combined_lifespan(checks, lifespan, public_paths),
    )
    setattr(app.state, JWT_SECRET_STATE_KEY, secret)
    setattr(app.state, OIDC_VERIFIER_STATE_KEY, OidcVerifier.from_settings(settings))
    app.state.settings = settings

    install_problem_handlers(app)
    app.include_router(ops_router(checks))
    for router in routers:
        app.include_router(router, responses=problem_openapi_responses(*_COMMON_PROBLEM_STATUSES))

    # add_middleware puts each new one outside the previous: the body limit runs innermost, the request id
    # outermost so every response (413 included) and every log line carries it.
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(RequestLineGuardMiddleware)
    app.add_middleware(AccessLogMiddleware)
    app.add_middleware(RequestContextMiddleware)
    app.add_middleware(ForwardedPrefixMiddleware)

    app.openapi = _openapi_with_problem_schema(app)  # type: ignore[method-assign]
    check_routes_declared(app, public_paths=_framework_paths(app, public_paths))
    if secret == _DEV_SECRET:
        _log.warning("using the development JWT secret; set ECOSAFE_JWT_SECRET", service=settings.service_name)
    return app


def _framework_paths(app: FastAPI, public_paths: Iterable[str]) -> set[str]:
    """Paths FastAPI serves itself (docs, schema) plus the caller's declared public paths."""
    own = {app.openapi_url, app.docs_url, app.redoc_url, app.swagger_ui_oauth2_redirect_url}
    return {p for p in own if p} | set(public_paths)


def _combined_lifespan(checks: Mapping[str, ReadinessCheck], service_lifespan: Lifespan | None,
                       public_paths: Iterable[str]) -> Lifespan:
    public_paths = tuple(public_paths)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Routes may have been added after create_app returned; check again before serving any.
        check_routes_declared(app, public_paths=_framework_paths(app, public_paths))
        try:
            if service_lifespan is None:
                freeze_startup_objects()
                yield
            else:
                async with service_lifespan(app):
                    freeze_startup_objects()  # after the service's own start-up: its clients are start-up too
                    yield
        finally:
            for check in checks.values():
                close = getattr(check, "close", None)
                if callable(close):
                    close()

    return lifespan


def _openapi_with_problem_schema(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """FastAPI's own schema (built and cached by FastAPI) plus the ProblemDetails component errors refer to."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        if "ProblemDetails" not in schemas:
            schemas["ProblemDetails"] = ProblemDetails.model_json_schema(ref_template="#/components/schemas/{model}")
        return schema

    return openapi
