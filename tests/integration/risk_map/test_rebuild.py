"""The read model is a projection: dropped and replayed from the store it comes back the same."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ecosafe_kit.projections import rebuild
from network import Network
from risk_map.service_layer.register_sites import handle_enterprise_event as apply_enterprise_event
from risk_map.adapters.projections import PROJECTIONS
from risk_map.entrypoints.app import create_app

REPO = Path(__file__).resolve().parents[3]
_SNAPSHOT = text("SELECT facility_id, kind, reach_id, round(measure_m::numeric, 3) AS m, attributes, derived, version "
                 "FROM rm_facilities ORDER BY facility_id")


def test_rebuilding_the_projections_gives_back_the_same_read_model(database_url, settings, tokens, unique):
    name = f"risk_map_rebuild_{unique}"
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE " + name))  # name from the test's own hex suffix
    url = make_url(database_url).set(database=name).render_as_string(hide_password=False)
    try:
        with create_engine(url, isolation_level="AUTOCOMMIT").connect() as conn:
            conn.execute(text("CREATE EXTENSION postgis"))
        subprocess.run([sys.executable, "-m", "alembic", "-c", str(REPO / "services" / "risk-map" / "alembic.ini"),
                        "-x", f"database_url={url}", "upgrade", "head"], check=True, cwd=REPO)
        app = create_app(settings.model_copy(update={"database_url": url}))
        engine = app.state.engine

        def register_enterprise(enterprise_id, **kw):
            from ecosafe_demo.enterprises import registered
            with engine.begin() as conn:
                apply_enterprise_event(conn, registered({"enterprise_id": enterprise_id, "name": "测试", "risk_level": "major",
                                                         "park_id": None, "jurisdiction_code": "140525",
                                                         "location": {"lon": kw["lon"], "lat": kw["lat"]}}))
        with TestClient(app) as client:
            net = Network(client, tokens, register_enterprise, unique).build()
            client.post(f"/facilities/{net.id('o1')}/state", json={"state": "closed"}, headers=tokens.admin)
            client.post(f"/facilities/{net.id('g1')}/commands", json={"command": "close"}, headers=tokens.admin)
            net.incident(300)
            with engine.connect() as conn:
                before = [tuple(r) for r in conn.execute(_SNAPSHOT)]
            for projection in PROJECTIONS:
                rebuild(engine, projection, "risk-map", progress=False)
            with engine.connect() as conn:
                after = [tuple(r) for r in conn.execute(_SNAPSHOT)]
                incidents = conn.execute(text("SELECT count(*) FROM rm_incidents WHERE contained_in_plant IS NOT NULL")).scalar()
        assert after == before and len(before) == 20 and incidents == 1
    finally:
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"))
        admin.dispose()
