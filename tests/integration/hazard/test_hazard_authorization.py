"""Jurisdiction on every call: a county officer stays in their county, an enterprise user sees only its own."""

from __future__ import annotations

from hazard_helpers import in_days, ok, report_body


def E(district, n, county):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


def test_a_county_officer_cannot_touch_or_see_another_countys_hazard(client, users, district):
    enterprise = E(district, "018", "140581")
    hazard_id = ok(client.post("/hazards", headers=users.inspector("140581"), json=report_body(enterprise)),
                   201)["hazard_id"]
    assign = client.post(f"/hazards/{hazard_id}/assignment", headers=users.county("140525"), json={
        "responsible_unit": "u", "responsible_person": "p", "deadline": in_days(3)})
    # Out of reach answers like an unknown id, for commands too (a 403 would confirm the hazard exists).
    assert assign.status_code == 404
    assert client.get(f"/hazards/{hazard_id}", headers=users.county("140525")).status_code == 404
    assert client.get(f"/hazards/{hazard_id}/history", headers=users.county("140525")).status_code == 404
    ledger = ok(client.get("/ledger", headers=users.county("140525"), params={"enterprise_id": enterprise}))
    assert ledger["total"] == 0
    assert ok(client.get("/ledger", headers=users.city(), params={"enterprise_id": enterprise}))["total"] == 1
    assert client.get("/ledger", headers=users.county("140525"), params={"jurisdiction": "140581"}).status_code == 403


def test_an_inspector_cannot_report_in_another_county(client, users, district):
    enterprise = E(district, "019", "140581")
    assert client.post("/hazards", headers=users.inspector("140525"), json=report_body(enterprise)).status_code == 403


def test_an_enterprise_user_sees_only_its_own_enterprise(client, users, district):
    mine, other = E(district, "007", "140525"), E(district, "008", "140525")
    own = ok(client.post("/hazards", headers=users.enterprise(mine), json=report_body(
        mine, source="self_inspection")), 201)["hazard_id"]
    theirs = ok(client.post("/hazards", headers=users.inspector(), json=report_body(other)), 201)["hazard_id"]
    assert client.get(f"/hazards/{own}", headers=users.enterprise(mine)).status_code == 200
    assert client.get(f"/hazards/{theirs}", headers=users.enterprise(mine)).status_code == 404
    page = ok(client.get("/ledger", headers=users.enterprise(mine), params={"size": 500}))
    assert {item["enterprise_id"] for item in page["items"]} == {mine}
    reported_for_other = client.post("/hazards", headers=users.enterprise(mine), json=report_body(
        other, source="self_inspection"))
    assert reported_for_other.status_code == 403


def test_an_enterprise_user_cannot_assign_verify_or_report_as_inspection(client, users, district):
    mine = E(district, "009", "140525")
    assert client.post("/hazards", headers=users.enterprise(mine), json=report_body(mine)).status_code == 403
    hazard_id = ok(client.post("/hazards", headers=users.enterprise(mine), json=report_body(
        mine, source="self_inspection")), 201)["hazard_id"]
    assert client.post(f"/hazards/{hazard_id}/assignment", headers=users.enterprise(mine), json={
        "responsible_unit": "u", "responsible_person": "p", "deadline": in_days(3)}).status_code == 403


def test_calls_without_a_token_are_401(client):
    assert client.get("/ledger").status_code == 401
    assert client.post("/hazards", json={}).status_code == 401
