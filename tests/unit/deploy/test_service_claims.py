"""The README table and the OpenAPI description of a service say what it does today: a service whose app serves
nothing but the operational endpoints and /me is described as exactly that, not by features it does not have."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from fastapi.routing import iter_route_contexts

ROOT = Path(__file__).resolve().parents[3]
OPERATIONAL = {"/openapi.json", "/docs", "/docs/oauth2-redirect", "/healthz", "/readyz", "/metrics", "/me"}
# service (README name) -> Python package
SERVICES = {"hazard": "hazard", "enforcement": "enforcement", "risk-map": "risk_map", "notify": "notify"}


def _app(package: str):
    settings = importlib.import_module(f"{package}.settings").Settings(
        database_url="postgresql+psycopg2://nobody:nothing@127.0.0.1:1/none")  # never connected: routes only
    return importlib.import_module(f"{package}.entrypoints.app").create_app(settings)


def _business_routes(app) -> set[str]:
    return {route.path for route in iter_route_contexts(app.routes)} - OPERATIONAL


def _readme_row(service: str) -> str:
    rows = [line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
            if re.match(rf"\| {re.escape(service)} ", line)]
    assert len(rows) == 1, f"README.md: expected one table row for {service}, found {len(rows)}"
    return rows[0].split("|")[3].strip()


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_a_service_without_business_endpoints_is_described_as_such(service):
    app = _app(SERVICES[service])
    if _business_routes(app):
        pytest.skip(f"{service} serves endpoints of its own: {sorted(_business_routes(app))[:3]}…")
    row = _readme_row(service)
    # Only the endpoints it has are named; a service being built points at its folder.
    assert "`/healthz`, `/readyz`, `/metrics` and `/me`" in row, f"README row of {service}: {row}"

