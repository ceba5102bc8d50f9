"""Every service migrates its own database and serves health, readiness, metrics and docs on the real stack."""

from __future__ import annotations

import contextlib
import importlib
import io
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ecosafe_kit.auth.mint_cli import main as mint

REPO = Path(__file__).resolve().parents[3]
SERVICES = [("hazard", "hazard", "hazard"), ("enforcement", "enforcement", "enforcement"),
            ("risk-map", "risk_map", "risk_map"), ("notify", "notify", "notify")]


def _service_url(database_url: str, database: str) -> str:
    return make_url(database_url).set(database=database).render_as_string(hide_password=False)


@pytest.mark.parametrize(("directory", "package", "database"), SERVICES)
def test_service_migrates_its_database_and_reports_ready(directory, package, database, database_url,
                                                         kafka_bootstrap):
    url = _service_url(database_url, database)
    subprocess.run([sys.executable, "-m", "alembic", "-c", str(REPO / "services" / directory / "alembic.ini"),
                    "-x", f"database_url={url}", "upgrade", "head"], check=True, cwd=REPO)
    with create_engine(url).connect() as conn:
        tables = set(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
        assert {"es_events", "es_relay_checkpoints", "es_tracking", "alembic_version"} <= tables

    settings_cls = importlib.import_module(f"{package}.settings").Settings
    create_app = importlib.import_module(f"{package}.entrypoints.app").create_app
    settings = settings_cls(database_url=url, kafka_bootstrap_servers=kafka_bootstrap)
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").status_code == 200
        ready = client.get("/readyz")
        assert ready.status_code == 200, ready.text
        # A service that consumes other services' events is ready only while its consumers are in their groups.
        consumers = {"consumers"} if package in ("hazard", "enforcement", "risk_map", "notify") else set()
        assert set(ready.json()["checks"]) == {"database", "kafka"} | consumers
        docs = client.get("/openapi.json").json()
        assert "服务" in docs["info"]["title"]
        assert "ecosafe_http_request_duration_seconds" in client.get("/metrics").text


def test_postgis_and_pgrouting_are_enabled_in_the_risk_map_database(database_url):
    with create_engine(_service_url(database_url, "risk_map")).connect() as conn:
        extensions = set(conn.execute(text("SELECT extname FROM pg_extension")).scalars())
        assert {"postgis", "pgrouting"} <= extensions
        assert conn.execute(text("SELECT ST_AsText(ST_Transform(ST_SetSRID(ST_MakePoint(120.3, 31.5), 4326), 4490))")).scalar().startswith("POINT(120.3")


def test_a_minted_token_identifies_its_user_and_a_missing_one_is_refused(database_url, kafka_bootstrap):
    from hazard.entrypoints.app import create_app
    from hazard.settings import Settings

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        mint(["--sub", "u-140525-1", "--name", "王科长", "--role", "county_officer", "--jurisdiction", "140525"])
    token = out.getvalue().strip()
    settings = Settings(database_url=_service_url(database_url, "hazard"), kafka_bootstrap_servers=kafka_bootstrap,
                        relay_enabled=False, consumers_enabled=False)
    with TestClient(create_app(settings)) as client:
        me = client.get("/me", headers={"Authorization": f"Bearer {token}"})
        refused = client.get("/me")
    assert me.status_code == 200
    assert me.json()["roles"] == [{"code": "county_officer", "label": "县局"}]
    assert me.json()["jurisdiction"] == "140525"
    assert refused.status_code == 401
    assert refused.headers["content-type"].startswith("application/problem+json")
