"""End to end with the real hazard service: a (general) hazard the enterprise self-reports there is spared while on
time (a major one would first need its two-level confirmation there); the hazard service's overdue sweep, with a
clock set past the deadline, records HazardOverdue, its outbox relay publishes it on ecosafe.hazard.hazard, and the
enforcement service's consumer opens the case."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from ecosafe_kit.messaging.relay import OutboxRelay
from enforcement_register import enterprise_body, officer_headers
from hazard.service_layer.clock import FixedClock
from hazard.service_layer.hazards import HazardService
from waiting import wait_for

# One name from run to run: the relay resumes from its checkpoint in the hazard test database instead of
# publishing every hazard event of earlier runs again.
RELAY_NAME = "test-hazard-relay-enforcement"


def test_the_hazard_services_overdue_hazard_opens_a_case(client, users, hazard_client, kafka_bootstrap):
    officer = users.county("140525")
    created = client.post("/enterprises", json=enterprise_body(), headers=officer)
    assert created.status_code == 201, created.text
    firm, credit = created.json()["enterprise_id"], client.get(created.headers["Location"],
                                                               headers=officer).json()["credit_code"]
    hazard_officer = officer_headers(hazard_client.secret, "county_officer", jurisdiction="140525")
    wait_for(lambda: hazard_client.get("/enterprises", params={"q": credit}, headers=hazard_officer).json()["items"],
             timeout=120)

    own = officer_headers(hazard_client.secret, "enterprise_user", jurisdiction="140525", enterprise_id=firm)
    reported = hazard_client.post("/hazards", headers=own, json={
        "enterprise_id": firm, "source": "self_inspection", "domain": "hazardous_waste", "grade": "general",
        "grade_basis": "一般隐患", "description": "危废暂存库标识不全"})
    assert reported.status_code == 201, reported.text
    hazard_id = reported.json()["hazard_id"]
    assert hazard_client.post(f"/hazards/{hazard_id}/assignment", headers=hazard_officer, json={
        "responsible_unit": "设备部", "responsible_person": "刘工",
        "deadline": (date.today() + timedelta(days=5)).isoformat()}).status_code == 200

    relay = OutboxRelay(engine=hazard_client.app.state.engine, service="hazard", bootstrap_servers=kafka_bootstrap,
                        stream_types=["hazard"], name=RELAY_NAME)
    body = {"enterprise_id": firm, "origin": "hazard", "hazard_id": hazard_id, "legal_basis": "《安全生产法》",
            "description": "隐患立案"}
    try:
        relay.prepare()

        def spared():
            relay.publish_batch()
            return client.post("/cases", json=body, headers=officer).status_code == 409

        wait_for(spared, timeout=120)  # 422 until the consumer has the hazard, then 409: on time, no penalty

        later = HazardService(hazard_client.app.state.engine, FixedClock(datetime.now(timezone.utc) + timedelta(days=7)))
        assert later.sweep_overdue([hazard_id]) == [hazard_id]

        def opened():
            relay.publish_batch()
            return client.get("/cases", params={"enterprise_id": firm}, headers=officer).json()["items"]

        (case,) = wait_for(opened, timeout=120)
    finally:
        relay.close()
    assert case["hazard_id"] == hazard_id and case["rule"] == "overdue_hazard"
    assert client.post("/cases", json=body, headers=officer).status_code == 201  # no longer spared
