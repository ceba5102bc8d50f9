"""The closed loop through the HTTP API on the real stack: major and general hazards, failed verification, ETags."""

from __future__ import annotations

import re

from hazard_helpers import PHOTO, etag, in_days, ok, plan_body, report_body


def E(district, n="001", county="140525"):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


def walk_to_verifying(client, users, hazard_id, enterprise_id, county="140525"):
    ok(client.post(f"/hazards/{hazard_id}/assignment", headers=users.county(county), json={
        "responsible_unit": "企业", "responsible_person": "张丽娜", "deadline": in_days(20)}))
    ok(client.post(f"/hazards/{hazard_id}/plan", headers=users.enterprise(enterprise_id, county), json=plan_body()))
    ok(client.post(f"/hazards/{hazard_id}/progress", headers=users.enterprise(enterprise_id, county),
                   json={"note": "防渗层已拆除", "percent": 50}))
    return ok(client.post(f"/hazards/{hazard_id}/completion", headers=users.enterprise(enterprise_id, county),
                          json={"summary": "防渗层已更换", "attachments": [PHOTO]}))


def test_a_major_hazard_walks_the_whole_loop_and_a_group_leader_closes_it(client, users, district):
    enterprise = E(district)
    created = client.post("/hazards", headers=users.inspector(), json=report_body(enterprise))
    body = ok(created, 201)
    assert re.fullmatch(r"140525-\d{4}-\d{2}-\d{4,}", body["ledger_no"])
    assert created.headers["ETag"] == '"1"' and body["state"] == "reported"
    hazard_id = body["hazard_id"]
    assert walk_to_verifying(client, users, hazard_id, enterprise)["state"] == "verifying"
    ok(client.post(f"/hazards/{hazard_id}/verification", headers=users.inspector(),
                   json={"passed": True, "opinion": "整改到位"}))
    refused = client.post(f"/hazards/{hazard_id}/closure", headers=users.county(), json={"note": "销号"})
    assert refused.status_code == 403 and "领导小组组长" in refused.json()["detail"]
    closed = ok(client.post(f"/hazards/{hazard_id}/closure", headers=users.leader(), json={"note": "同意销号"}))
    assert closed["state"] == "closed" and closed["version"] == 7
    row = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    assert row["state"] == "closed" and row["closed_at"] and row["ledger_no"] == body["ledger_no"]


def test_a_general_hazard_is_closed_by_the_county_officer(client, users, district):
    enterprise = E(district, "002")
    hazard_id = ok(client.post("/hazards", headers=users.enterprise(enterprise), json=report_body(
        enterprise, source="self_inspection", grade="general", grade_basis="一般隐患判定")), 201)["hazard_id"]
    walk_to_verifying(client, users, hazard_id, enterprise)
    ok(client.post(f"/hazards/{hazard_id}/verification", headers=users.county(), json={"passed": True, "opinion": "好"}))
    assert ok(client.post(f"/hazards/{hazard_id}/closure", headers=users.county(), json={}))["state"] == "closed"


def test_a_failed_verification_returns_to_rectification_and_the_loop_goes_round_again(client, users, district):
    enterprise = E(district, "003")
    hazard_id = ok(client.post("/hazards", headers=users.inspector(), json=report_body(enterprise)), 201)["hazard_id"]
    walk_to_verifying(client, users, hazard_id, enterprise)
    failed = ok(client.post(f"/hazards/{hazard_id}/verification", headers=users.inspector(),
                            json={"passed": False, "reasons": ["导流沟未与应急池连通"]}))
    assert failed["state"] == "rectifying"
    row = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    assert row["verification_failures"] == 1 and row["last_failure_reasons"] == ["导流沟未与应急池连通"]
    ok(client.post(f"/hazards/{hazard_id}/completion", headers=users.enterprise(enterprise),
                   json={"summary": "已连通", "attachments": [PHOTO]}))
    ok(client.post(f"/hazards/{hazard_id}/verification", headers=users.inspector(), json={"passed": True, "opinion": "ok"}))
    assert ok(client.post(f"/hazards/{hazard_id}/closure", headers=users.leader(), json={}))["state"] == "closed"


def test_an_illegal_transition_is_409_naming_the_states_that_allow_it(client, users, district):
    enterprise = E(district, "004")
    hazard_id = ok(client.post("/hazards", headers=users.inspector(), json=report_body(enterprise)), 201)["hazard_id"]
    response = client.post(f"/hazards/{hazard_id}/completion", headers=users.enterprise(enterprise),
                           json={"summary": "s", "attachments": [PHOTO]})
    assert response.status_code == 409
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["allowed_states"] == ["rectifying"] and "整改中" in response.json()["detail"]


def test_if_match_with_a_stale_version_is_412_and_the_current_one_passes(client, users, district):
    enterprise = E(district, "005")
    created = client.post("/hazards", headers=users.inspector(), json=report_body(enterprise))
    hazard_id = ok(created, 201)["hazard_id"]
    stale = client.post(f"/hazards/{hazard_id}/listing", headers={**users.county(), "If-Match": '"7"'},
                        json={"supervising_unit": "泽州县分局", "reason": "重大隐患", "supervisor": "王科长"})
    assert stale.status_code == 412
    listed = client.post(f"/hazards/{hazard_id}/listing", headers={**users.county(), "If-Match": etag(created)},
                         json={"supervising_unit": "泽州县分局", "reason": "重大隐患", "supervisor": "王科长"})
    assert listed.status_code == 200 and etag(listed) == '"2"'
    assert ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))["listed"] is True


def test_two_concurrent_edits_of_one_version_give_one_success_and_one_conflict(client, users, district):
    from concurrent.futures import ThreadPoolExecutor
    enterprise = E(district, "006")
    hazard_id = ok(client.post("/hazards", headers=users.inspector(), json=report_body(enterprise)), 201)["hazard_id"]

    def assign(person):
        return client.post(f"/hazards/{hazard_id}/assignment", headers={**users.county(), "If-Match": '"1"'},
                           json={"responsible_unit": "企业", "responsible_person": person, "deadline": in_days(5)})

    with ThreadPoolExecutor(4) as pool:
        statuses = sorted(r.status_code for r in pool.map(assign, ["甲", "乙", "丙", "丁"]))
    assert statuses.count(200) == 1 and set(statuses[1:]) <= {409, 412}
    assert ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))["version"] == 2


def test_two_level_confirmation_of_a_self_reported_major_hazard(client, users, district):
    child, parent = E(district, "013"), E(district, "012")
    hazard_id = ok(client.post("/hazards", headers=users.enterprise(child), json=report_body(
        child, source="self_inspection")), 201)["hazard_id"]
    early = client.post(f"/hazards/{hazard_id}/confirmations", headers=users.county(), json={"level": "bureau"})
    assert early.status_code == 409
    ok(client.post(f"/hazards/{hazard_id}/confirmations", headers=users.enterprise(child), json={"level": "principal"}))
    wrong = client.post(f"/hazards/{hazard_id}/confirmations", headers=users.enterprise(child), json={"level": "parent"})
    assert wrong.status_code == 403
    ok(client.post(f"/hazards/{hazard_id}/confirmations", headers=users.enterprise(parent), json={"level": "parent"}))
    ok(client.post(f"/hazards/{hazard_id}/confirmations", headers=users.county(), json={"level": "bureau"}))
    row = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    assert row["confirmations"] == ["principal", "parent", "bureau"]


def test_a_superior_referral_names_who_referred_it(client, users, district):
    enterprise = E(district, "017", "140581")
    missing = client.post("/hazards", headers=users.city(), json=report_body(enterprise, source="superior_referral"))
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "referred_by"
    created = ok(client.post("/hazards", headers=users.city(), json=report_body(
        enterprise, source="superior_referral", referred_by="晋城市危险废物专项领导小组办公室")), 201)
    assert created["ledger_no"].startswith("140581-")
