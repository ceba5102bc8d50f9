"""The plant boundary registered at the enforcement API becomes the enterprise's site on the map, signed by the consumer."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import random

from sqlalchemy import text

from risk_map.adapters.consumers import ENTERPRISE_TOPIC
from risk_map.service_layer.register_sites import handle_enterprise_event
from rm_helpers import feature, point, square, wait_until_on_map
from topic_tail import TopicTail
from waiting import wait_for


def _site(engine, enterprise_id: str):
    with engine.connect() as conn:
        return conn.execute(text(
            "SELECT facility_id, name, ST_GeometryType(geom) AS type, ST_AsGeoJSON(geom) AS geojson, version "
            "FROM rm_facilities WHERE enterprise_id = :e AND kind = 'site'"), {"e": enterprise_id}).all()


def _place() -> tuple[float, float]:
    return round(random.uniform(100, 120), 4), round(random.uniform(25, 40), 4)


def test_an_enterprise_registered_with_its_boundary_is_a_site_and_an_incident_inside_is_contained_in_the_plant(
        client, tokens, enterprise_on_map, engine):
    lon, lat = _place()
    entry = enterprise_on_map(location={"lon": lon, "lat": lat}, boundary=square(lon, lat, 0.003))
    enterprise = entry["enterprise_id"]
    [site] = wait_for(lambda: _site(engine, enterprise))
    assert site.facility_id == f"site:{enterprise}" and site.name == entry["name"] and site.type == "ST_Polygon"

    shown = client.get(f"/facilities/site:{enterprise}/history", headers=tokens.admin)
    assert shown.status_code == 200, shown.text
    [registered] = shown.json()
    assert registered["signed_by"]["subject"] == "system:enterprise-register"

    # The plant's lines of defence, registered on the map as usual: a pool that holds the spill, the outlet closed.
    for body in (feature("emergency_pool", "事故池", point(lon + 0.001, lat), enterprise_id=enterprise, capacity_m3=500),
                 feature("rain_outlet", "雨水排口", point(lon + 0.0025, lat), enterprise_id=enterprise,
                         valve_state="closed")):
        assert client.post("/facilities", json=body, headers=tokens.admin).status_code == 201
    # Inside the boundary, 200 m from the register's point: the boundary, not the point, puts it in the plant.
    spill = {"location": point(lon - 0.002, lat + 0.002), "pollutant": "甲醇", "volume_m3": 100, "level": "一般",
             "drill": True}
    answer = client.post("/incidents", json=spill, headers=tokens.admin)
    assert answer.status_code == 201, answer.text
    answer = answer.json()
    assert answer["site"]["facility_id"] == f"site:{enterprise}" and answer["site"]["inside"] is True
    assert answer["incident"]["enterprise_id"] == enterprise
    assert answer["containment"]["status"] == "contained_in_plant"


def test_a_changed_boundary_moves_the_site_and_an_unchanged_one_records_nothing(
        client, tokens, enterprise_on_map, enforcement_changes, engine):
    lon, lat = _place()
    entry = enterprise_on_map(location={"lon": lon, "lat": lat}, boundary=square(lon, lat, 0.002))
    enterprise = entry["enterprise_id"]
    [before] = wait_for(lambda: _site(engine, enterprise))
    for boundary, name in ((square(lon, lat, 0.004), entry["name"] + "新厂区"), (square(lon, lat, 0.004), entry["name"] + "改名")):
        enforcement_changes.update(enterprise, name=name, boundary=boundary)
        wait_until_on_map(engine, enterprise, name)
    [after] = _site(engine, enterprise)
    # The site grew with the boundary (one FacilityUpdated); a renamed enterprise with the same boundary left it as is.
    assert after.facility_id == before.facility_id and after.version == before.version + 1
    assert after.geojson != before.geojson and after.name == entry["name"]


def test_a_deregistered_enterprise_keeps_its_site_marked_and_gets_no_new_facilities(
        client, tokens, enterprise_on_map, enforcement_changes, engine, kafka_bootstrap):
    lon, lat = _place()
    entry = enterprise_on_map(location={"lon": lon, "lat": lat}, boundary=square(lon, lat, 0.002))
    enterprise = entry["enterprise_id"]
    wait_for(lambda: _site(engine, enterprise))
    tail = TopicTail(kafka_bootstrap, ENTERPRISE_TOPIC)
    enforcement_changes.deregister(enterprise, "已搬迁")

    def deregistered():
        with engine.connect() as conn:
            return conn.execute(text("SELECT deregistered_at, deregistered_reason FROM rm_enterprises "
                                     "WHERE enterprise_id = :e AND deregistered_at IS NOT NULL"), {"e": enterprise}).first()
    first = wait_for(deregistered)
    assert first.deregistered_reason == "已搬迁"
    # The event as enforcement published it, delivered again a day later (a group reset, a republication): the first
    # deregistration stands.
    [published] = tail.read(lambda e: e.stream_id == enterprise and e.event_type.endswith("EnterpriseDeregistered"), 1)
    with engine.begin() as conn:
        handle_enterprise_event(conn, replace(published, occurred_at=published.occurred_at + timedelta(days=1)))
    assert deregistered() == first

    # The site stays (its pools and outlets are still there for a spill), marked on the facility and in the layer.
    site = client.get(f"/facilities/site:{enterprise}", headers=tokens.admin)
    assert site.status_code == 200 and site.json()["properties"]["enterprise_deregistered"] is True
    items = client.get("/ogc/collections/sites/items", headers=tokens.admin,
                       params={"bbox": f"{lon - 0.01},{lat - 0.01},{lon + 0.01},{lat + 0.01}"}).json()["features"]
    assert [f["properties"]["enterprise_deregistered"] for f in items if f["id"] == f"site:{enterprise}"] == [True]
    refused = client.post("/facilities", headers=tokens.admin, json=feature(
        "emergency_pool", "事故池", point(lon, lat), enterprise_id=enterprise, capacity_m3=100))
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "properties.enterprise_id"
    assert "已从企业名录注销" in refused.json()["errors"][0]["message"]
    # Another enterprise's site nearby still reads as registered.
    other = enterprise_on_map(location={"lon": lon + 0.005, "lat": lat}, boundary=square(lon + 0.005, lat, 0.001))
    wait_for(lambda: _site(engine, other["enterprise_id"]))
    shown = client.get(f"/facilities/site:{other['enterprise_id']}", headers=tokens.admin).json()
    assert shown["properties"]["enterprise_deregistered"] is False
