"""举报人联系方式 sealed and unsealed by two officers; the reward flag and decision as signed steps (seeds 001, 004)."""

from __future__ import annotations

from sqlalchemy import text

from hazard_helpers import ok, report_body

CONTACT = "王女士 13912345678"


def E(district, n, county="140525"):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


def _public_report(client, users, hazard_engine, enterprise, **extra) -> tuple[str, str]:
    with hazard_engine.begin() as conn:  # the same test client address as the other public-report tests
        conn.execute(text("DELETE FROM hazard_report_throttle"))
    receipt = ok(client.post("/public/reports", json={"enterprise_id": enterprise, "description": "夜间偷排废液",
                                                      **extra}), 201)
    page = ok(client.get("/ledger", headers=users.county(), params={"enterprise_id": enterprise}))
    hazard_id = next(r["hazard_id"] for r in page["items"] if r["ledger_no"] == receipt["ledger_no"])
    return hazard_id, receipt["follow_up_code"]


def test_a_reporters_contact_is_sealed_out_of_every_event_and_row_in_clear(client, users, district, hazard_engine):
    enterprise = E(district, "001")
    hazard_id, code = _public_report(client, users, hazard_engine, enterprise, contact=CONTACT)
    secret = CONTACT.encode()
    with hazard_engine.connect() as conn:
        payloads = conn.execute(text("SELECT payload, metadata::text FROM es_events WHERE stream_id = :h"),
                                {"h": hazard_id}).all()
        ledger_row = conn.execute(text("SELECT row_to_json(l)::text FROM hazard_ledger l WHERE hazard_id = :h"),
                                  {"h": hazard_id}).scalar_one()
        sealed = conn.execute(text("SELECT sealed FROM hazard_reporter_contacts WHERE hazard_id = :h"),
                              {"h": hazard_id}).scalar_one()
    # The payloads are what the relay publishes on Kafka (kept for ever): the contact is in none of them.
    assert payloads and all(secret not in bytes(p) and "13912345678" not in m for p, m in payloads)
    assert "13912345678" not in ledger_row and secret not in bytes(sealed) and b"13912345678" not in bytes(sealed)
    history = ok(client.get(f"/hazards/{hazard_id}/history", headers=users.county()))
    assert "13912345678" not in str(history) and history["events"][0]["data"]["reporter_contact_sealed"] is True
    assert ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))["reporter_contact"] == "sealed"
    # The follow-up code works as before, and shows nothing of the contact.
    progress = ok(client.get(f"/public/reports/{code}"))
    assert progress["state"] == "reported" and "13912345678" not in str(progress)


def test_the_contact_is_unsealed_only_by_two_different_officers_and_read_only_by_them(client, users, district,
                                                                                       hazard_engine):
    enterprise = E(district, "002")
    hazard_id, _ = _public_report(client, users, hazard_engine, enterprise, contact=CONTACT)
    path = f"/hazards/{hazard_id}/reporter-contact"
    first, second, third = (users.county(subject=f"u-officer-{n}") for n in "abc")
    for headers in (first, users.city(), users.leader(), users.token("admin")):
        assert client.get(path, headers=headers).status_code == 403  # shown to nobody by default
    assert client.get(path, headers=users.enterprise(enterprise)).status_code == 403
    assert client.get(path, headers=users.county("140581")).status_code == 404
    blank = client.post(f"{path}/unseal-requests", headers=first, json={"reason": " "})
    assert blank.status_code == 422 and blank.json()["errors"][0]["field"] == "reason"
    ok(client.post(f"{path}/unseal-requests", headers=first, json={"reason": "核实举报内容"}))
    again = client.post(f"{path}/unseal-requests", headers=first, json={"reason": "再次申请"})
    assert again.status_code == 409
    refused = client.get(path, headers=first)
    assert refused.status_code == 403 and refused.json()["requests"] == 1
    assert client.post(f"{path}/unseal-requests", headers=users.enterprise(enterprise),
                       json={"reason": "想知道是谁"}).status_code == 403
    assert client.post(f"{path}/unseal-requests", headers=users.county("140581"),
                       json={"reason": "x"}).status_code == 404
    assert client.post(f"{path}/unseal-requests", headers=users.token("admin"),
                       json={"reason": "系统管理"}).status_code == 403  # not an officer of the jurisdiction
    ok(client.post(f"{path}/unseal-requests", headers=second, json={"reason": "发放举报奖励"}))
    for headers in (first, second):
        contact = ok(client.get(path, headers=headers))
        assert contact["contact"] == CONTACT and contact["requested_by"] == ["u-officer-a", "u-officer-b"]
    assert client.get(path, headers=third).status_code == 403
    assert client.get(path, headers=users.token("admin")).status_code == 403
    row = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    assert (row["reporter_contact"], row["contact_unseal_requests"]) == ("unsealed", 2)
    steps = ok(client.get(f"/hazards/{hazard_id}/back-trace", headers=users.county()))["steps"]
    assert [(s["step"], s["signed_by"]["subject"]) for s in steps[1:]] == [
        ("申请启封举报人联系方式", "u-officer-a"), ("申请启封举报人联系方式", "u-officer-b"),
        ("举报人联系方式启封", "u-officer-b")]
    assert steps[1]["detail"] == {"reason": "核实举报内容"}


def test_a_report_without_a_contact_has_nothing_to_unseal(client, users, district, hazard_engine):
    enterprise = E(district, "003")
    hazard_id, _ = _public_report(client, users, hazard_engine, enterprise)
    assert ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))["reporter_contact"] == "none"
    assert client.post(f"/hazards/{hazard_id}/reporter-contact/unseal-requests", headers=users.county(),
                       json={"reason": "核实"}).status_code == 409


def test_a_reward_is_flagged_then_decided_as_signed_steps(client, users, district, hazard_engine):
    enterprise = E(district, "004")
    hazard_id, code = _public_report(client, users, hazard_engine, enterprise, contact=CONTACT)
    assert ok(client.get(f"/public/reports/{code}"))["reward"] is None
    early = client.post(f"/hazards/{hazard_id}/reward-decision", headers=users.leader(),
                        json={"granted": True, "amount": 500, "reason": "属实"})
    assert early.status_code == 409
    assert client.post(f"/hazards/{hazard_id}/reward-flag", headers=users.enterprise(enterprise),
                       json={"reason": "x"}).status_code == 403
    ok(client.post(f"/hazards/{hazard_id}/reward-flag", headers=users.county(subject="u-flag"),
                   json={"reason": "经现场核查举报属实"}))
    assert client.post(f"/hazards/{hazard_id}/reward-flag", headers=users.county(),
                       json={"reason": "again"}).status_code == 409
    no_amount = client.post(f"/hazards/{hazard_id}/reward-decision", headers=users.leader(),
                            json={"granted": True, "amount": 0, "reason": "属实"})
    assert no_amount.status_code == 422 and no_amount.json()["errors"][0]["field"] == "amount"
    ok(client.post(f"/hazards/{hazard_id}/reward-decision", headers=users.leader(subject="u-decide"),
                   json={"granted": True, "amount": 500, "reason": "举报属实, 依举报奖励办法给予奖励"}))
    row = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    assert (row["reward"], row["reward_amount"]) == ("granted", 500)
    progress = ok(client.get(f"/public/reports/{code}"))  # the reporter learns it with the follow-up code
    assert (progress["reward"], progress["reward_amount"]) == ("granted", 500)
    steps = ok(client.get(f"/hazards/{hazard_id}/back-trace", headers=users.city()))["steps"]
    assert [(s["step"], s["signed_by"]["subject"]) for s in steps[-2:]] == [("标记举报奖励", "u-flag"),
                                                                           ("举报奖励决定", "u-decide")]
    assert steps[-1]["detail"] == {"granted": True, "amount": 500, "reason": "举报属实, 依举报奖励办法给予奖励"}


def test_only_a_public_report_earns_a_reward(client, users, district):
    enterprise = E(district, "005")
    hazard_id = ok(client.post("/hazards", headers=users.inspector(), json=report_body(enterprise)), 201)["hazard_id"]
    assert client.post(f"/hazards/{hazard_id}/reward-flag", headers=users.county(),
                       json={"reason": "x"}).status_code == 409
