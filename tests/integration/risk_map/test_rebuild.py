"""The read model is a projection: dropped and replayed from the store it comes back the same."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ecosafe_kit.messaging.consumer import ConsumerRunner
from ecosafe_kit.projections import rebuild
from enforcement_register import credit_code
from network import Network
from risk_map.adapters.consumers import ENTERPRISE_TOPIC
from risk_map.adapters.projections import PROJECTIONS
from risk_map.entrypoints.app import create_app
from risk_map.service_layer.register_sites import handle_enterprise_event
from rm_helpers import drain

REPO = Path(__file__).resolve().parents[3]
# This test's facilities (ids ending in its suffix): the register consumer may bring other tests' plant sites along.
_SNAPSHOT = text("SELECT facility_id, kind, reach_id, round(measure_m::numeric, 3) AS m, attributes, derived, version "
                 "FROM rm_facilities WHERE facility_id LIKE :mine ORDER BY facility_id")
# One group name from run to run (each run's database is new, the topic only grows): a run reads what came since the last.
REBUILD_GROUP = "test.risk-map.rebuild"


def test_rebuilding_the_projections_gives_back_the_same_read_model(database_url, settings, tokens, unique,
                                                                   enforcement_register_rows, kafka_bootstrap):
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
            """Over the enforcement API, consumed from the real topic into this test's own database."""
            enforcement_register_rows([{"enterprise_id": enterprise_id, "name": "测试", "credit_code": credit_code(),
                                        "risk_level": "major", "jurisdiction_code": "140525",
                                        "location": {"lon": kw["lon"], "lat": kw["lat"]}}])
            runner = ConsumerRunner(engine=engine, group=REBUILD_GROUP, topics=[ENTERPRISE_TOPIC],
                                    handler=handle_enterprise_event, bootstrap_servers=kafka_bootstrap)
            drain(runner, engine, lambda c: c.execute(text("SELECT 1 FROM rm_enterprises WHERE enterprise_id = :e"),
                                                      {"e": enterprise_id}).first() is not None, timeout=120)
        with TestClient(app) as client:
            net = Network(client, tokens, register_enterprise, unique).build()
            client.post(f"/facilities/{net.id('o1')}/state", json={"state": "closed"}, headers=tokens.admin)
            client.post(f"/facilities/{net.id('g1')}/commands", json={"command": "close"}, headers=tokens.admin)
            net.incident(300)
            with engine.connect() as conn:
                before = [tuple(r) for r in conn.execute(_SNAPSHOT, {"mine": f"%-{unique}"})]
            for projection in PROJECTIONS:
                rebuild(engine, projection, "risk-map", progress=False)
            with engine.connect() as conn:
                after = [tuple(r) for r in conn.execute(_SNAPSHOT, {"mine": f"%-{unique}"})]
                incidents = conn.execute(text("SELECT count(*) FROM rm_incidents WHERE contained_in_plant IS NOT NULL")).scalar()
        assert after == before and len(before) == 20 and incidents == 1
    finally:
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"))
        admin.dispose()
