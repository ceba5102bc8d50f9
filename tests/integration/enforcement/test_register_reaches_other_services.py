"""An enterprise registered over the enforcement API reaches the hazard service's register and the risk map, via Kafka."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from ecosafe_kit.background import start_in_thread
from ecosafe_kit.messaging.consumer import ConsumerRunner
from enforcement_register import officer_headers
from service_databases import migrated_database
from waiting import wait_for

ENTERPRISE_TOPIC = "ecosafe.enforcement.enterprise"


@pytest.fixture
def risk_map_engine(database_url):
    engine = create_engine(migrated_database(database_url, "risk_map_test", "risk-map", ("postgis", "pgrouting")))
    yield engine
    engine.dispose()


def test_a_registration_over_http_arrives_in_the_hazard_register(enforcement_enterprise, hazard_client):
    entry = enforcement_enterprise(name="晋城测试焦化有限公司", industry="C2521")
    officer = officer_headers(hazard_client.secret, "county_officer", jurisdiction="140525")

    def found():
        items = hazard_client.get("/enterprises", params={"q": entry["credit_code"]}, headers=officer).json()["items"]
        return items[0] if items else None

    seen = wait_for(found)
    assert seen["enterprise_id"] == entry["enterprise_id"] and seen["name"] == "晋城测试焦化有限公司"
    assert seen["industry"] == "C2521" and seen["jurisdiction_code"] == "140525"


def test_a_registration_with_its_boundary_arrives_in_the_risk_map_register_at_its_point(
        enforcement_enterprise, risk_map_engine, kafka_bootstrap, unique):
    from risk_map.adapters.consumers import apply_enterprise_event

    boundary = {"type": "Polygon", "coordinates": [[[112.80, 35.30], [112.81, 35.30], [112.81, 35.31],
                                                    [112.80, 35.31], [112.80, 35.30]]]}
    entry = enforcement_enterprise(location={"lon": 112.805, "lat": 35.305}, boundary=boundary)
    runner = ConsumerRunner(engine=risk_map_engine, group=f"test.risk-map.enterprises.{unique}",
                            topics=[ENTERPRISE_TOPIC], handler=apply_enterprise_event,
                            bootstrap_servers=kafka_bootstrap)
    worker = start_in_thread(runner.group, runner.run)
    try:
        def arrived():
            with risk_map_engine.connect() as conn:
                return conn.execute(text(
                    "SELECT ST_X(location) AS lon, ST_Y(location) AS lat, risk_level FROM rm_enterprises "
                    "WHERE enterprise_id = :e"), {"e": entry["enterprise_id"]}).first()
        row = wait_for(arrived)
    finally:
        worker.stop()
    assert (round(row.lon, 6), round(row.lat, 6), row.risk_level) == (112.805, 35.305, "major")
