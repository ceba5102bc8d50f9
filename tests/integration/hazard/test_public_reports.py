"""群众举报: anonymous, rate-limited per client across replicas (database), follow-up code without personal data."""

from __future__ import annotations

from sqlalchemy import text

from hazard_helpers import ok


def E(district, n, county="140525"):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


def test_an_anonymous_public_report_gets_a_ledger_number_and_a_follow_up_code(client, users, district, hazard_engine):
    enterprise = E(district, "021", "140581")
    with hazard_engine.begin() as conn:
        conn.execute(text("DELETE FROM hazard_report_throttle"))
    headers = {"X-Forwarded-For": "ignored"}
    receipt = ok(client.post("/public/reports", headers=headers, json={
        "enterprise_id": enterprise, "domain": "hazardous_waste", "description": "夜间偷排危废"}), 201)
    assert receipt["ledger_no"].startswith("140581-")
    progress = ok(client.get(f"/public/reports/{receipt['follow_up_code']}"))
    assert progress["ledger_no"] == receipt["ledger_no"] and progress["state_label"] == "已发现"
    with hazard_engine.connect() as conn:
        stored = conn.execute(text("SELECT code_hash FROM hazard_public_reports")).scalars().all()
    assert receipt["follow_up_code"] not in stored
    assert client.get("/public/reports/AAAA-BBBB-CCCC-DDDD").status_code == 404
    row = ok(client.get("/ledger", headers=users.county("140581"), params={"enterprise_id": enterprise}))["items"][0]
    assert row["source"] == "public_report"


def test_a_flood_of_public_reports_is_refused_with_429(client, district, hazard_engine):
    enterprise = E(district, "022", "140581")
    with hazard_engine.begin() as conn:  # this test's client starts with a clean window
        conn.execute(text("DELETE FROM hazard_report_throttle"))
    statuses = [client.post("/public/reports", json={"enterprise_id": enterprise, "description": f"举报 {i}"}).status_code
                for i in range(5)]
    assert statuses[:3] == [201, 201, 201] and statuses[3:] == [429, 429]


def test_a_refused_report_says_when_to_try_again(client, district, hazard_engine):
    enterprise = E(district, "022", "140581")
    with hazard_engine.begin() as conn:  # this test's client starts with a clean window
        conn.execute(text("DELETE FROM hazard_report_throttle"))
    for i in range(3):
        client.post("/public/reports", json={"enterprise_id": enterprise, "description": f"举报 {i}"})
    refused = client.post("/public/reports", json={"enterprise_id": enterprise, "description": "再次举报"})
    assert refused.status_code == 429, refused.text
    # RFC 9110 Retry-After: the seconds until the window ends, at most one window; the problem says the same.
    seconds = int(refused.headers["Retry-After"])
    assert 1 <= seconds <= refused.json()["window_seconds"] and refused.json()["retry_after_seconds"] == seconds
    assert "分钟后再试" in refused.json()["detail"]
    refused = client.post("/public/reports", json={"enterprise_id": enterprise, "description": "again"})
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert "12369" in refused.json()["detail"]
    with hazard_engine.begin() as conn:
        conn.execute(text("DELETE FROM hazard_report_throttle"))


def test_a_public_report_on_an_unknown_enterprise_is_422(client, hazard_engine):
    with hazard_engine.begin() as conn:
        conn.execute(text("DELETE FROM hazard_report_throttle"))
    response = client.post("/public/reports", json={"enterprise_id": "ent-nowhere", "description": "x"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "enterprise_id"
