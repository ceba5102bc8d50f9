"""The README table and the OpenAPI description of a service say what it does today: a service whose app serves
nothing but the operational endpoints and /me is described as exactly that, and every family of routes a service
serves is named in its README row (a new family without a row in FAMILIES fails)."""

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
        database_url="postgresql+psycopg://nobody:nothing@127.0.0.1:1/none")  # never connected: routes only
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



# (service, first path segment, or two under /public) -> what its README row must say about those routes.
FAMILIES = {
    ("hazard", "hazards"): "closed loop", ("hazard", "ledger"): "ledger", ("hazard", "ledger.xlsx"): "xlsx",
    ("hazard", "zeroing"): "zeroing", ("hazard", "public/reports"): "public reports",
    ("hazard", "public/hazards"): "public hazards", ("hazard", "enterprises"): "enterprise search",
    ("enforcement", "enterprises"): "enterprise register", ("enforcement", "campaigns"): "campaigns",
    ("enforcement", "inspectors"): "inspector roster", ("enforcement", "inspections"): "inspections",
    ("enforcement", "public/draws"): "random draws", ("enforcement", "cases"): "cases and penalties",
    ("enforcement", "blacklist"): "blacklist", ("enforcement", "public/typical-cases"): "typical cases",
    ("enforcement", "public/penalties"): "public penalties", ("enforcement", "reports"): "dispatch table",
    ("risk-map", "parks"): "parks", ("risk-map", "facilities"): "sites", ("risk-map", "facility-kinds"): "facility kinds",
    ("risk-map", "enterprises"): "pool adequacy",
    ("risk-map", "incidents"): "incidents", ("risk-map", "river-plans"): "river plans",
    ("risk-map", "ogc"): "OGC API", ("risk-map", "tiles"): "vector tiles", ("risk-map", "map-tokens"): "map tokens",
    ("notify", "routing"): "routing rules", ("notify", "duty"): "duty rosters", ("notify", "notifications"): "inbox",
    ("notify", "stream"): "SSE stream", ("notify", "warnings"): "warnings", ("notify", "reports"): "reports due", ("notify", "incidents"): "incident report clocks",
    ("notify", "channels"): "channels", ("notify", "live"): "live map feed",
}


def _family(path: str) -> str:
    parts = path.split("/")
    return "/".join(parts[1:3]) if parts[1] == "public" else parts[1]


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_the_readme_row_names_every_family_of_routes(service):
    families = {_family(path) for path in _business_routes(_app(SERVICES[service]))}
    unlisted = sorted(family for family in families if (service, family) not in FAMILIES)
    assert not unlisted, f"{service}: routes under {unlisted} have no entry in FAMILIES (say what they are in README.md)"
    row = _readme_row(service)
    unnamed = sorted(FAMILIES[service, family] for family in families if FAMILIES[service, family] not in row)
    assert not unnamed, f"README row of {service} does not name: {unnamed}"
