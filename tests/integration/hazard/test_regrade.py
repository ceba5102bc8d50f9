"""重新定级 over HTTP: a public report checked by the county bureau becomes a major hazard, signed and traced."""

from __future__ import annotations

from sqlalchemy import text

from hazard.service_layer.public_reports import UNGRADED_BASIS
from hazard_helpers import PHOTO, etag, in_days, ok, plan_body

BASIS = "现场核查: 危废暂存库渗滤液经暗管排入雨水沟, 苏环办〔2022〕248号 第五条"


def E(district, n, county="140525"):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


def _public_report(client, users, hazard_engine, enterprise) -> tuple[str, str]:
    with hazard_engine.begin() as conn:  # the shared test client starts with a clean rate-limit window
        conn.execute(text("DELETE FROM hazard_report_throttle"))
    receipt = ok(client.post("/public/reports", json={
        "enterprise_id": enterprise, "domain": "hazardous_waste", "description": "夜间有废液流入雨水沟"}), 201)
    page = ok(client.get("/ledger", headers=users.county(), params={"enterprise_id": enterprise}))
    [row] = [r for r in page["items"] if r["ledger_no"] == receipt["ledger_no"]]
    return row["hazard_id"], receipt["follow_up_code"]


def test_a_county_officer_regrades_a_checked_public_report_to_major_and_only_the_group_leader_closes_it(
        client, users, district, hazard_engine):
    enterprise = E(district, "005")
    hazard_id, code = _public_report(client, users, hazard_engine, enterprise)
    assert ok(client.get(f"/public/reports/{code}"))["grade_label"] == "一般隐患"
    before = client.get(f"/hazards/{hazard_id}", headers=users.county())
    assert (before.json()["grade"], before.json()["grade_basis"]) == ("general", UNGRADED_BASIS)

    regraded = client.post(f"/hazards/{hazard_id}/regrading", headers={**users.county(), "If-Match": etag(before)},
                           json={"grade": "major", "grade_basis": BASIS})
    assert ok(regraded)["version"] == 2 and etag(regraded) == '"2"'
    hazard = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    assert (hazard["grade"], hazard["grade_basis"], hazard["source"]) == ("major", BASIS, "public_report")
    assert ok(client.get("/ledger", headers=users.county(), params={"enterprise_id": enterprise,
                                                                    "grade": "major"}))["total"] == 1
    disclosed = ok(client.get("/public/hazards", params={"jurisdiction": "140525", "size": 200}))["items"]
    assert hazard["ledger_no"] in {item["ledger_no"] for item in disclosed}
    # The reporter sees what the bureau made of the report, still without anything personal.
    progress = ok(client.get(f"/public/reports/{code}"))
    assert (progress["grade"], progress["grade_label"]) == ("major", "重大事故隐患")

    history = ok(client.get(f"/hazards/{hazard_id}/history", headers=users.county()))
    regrade = history["events"][1]
    assert regrade["type"] == "ecosafe.hazard.v1.HazardRegraded" and regrade["step"] == "重新定级"
    assert regrade["data"] == {"hazard_id": hazard_id, "grade": "major", "previous_grade": "general",
                               "grade_basis": BASIS}
    assert regrade["signed_by"]["name"] == "王科长" and history["verified"]
    steps = ok(client.get(f"/hazards/{hazard_id}/back-trace", headers=users.county()))["steps"]
    assert [s["step"] for s in steps] == ["发现", "重新定级"]
    as_reported = ok(client.get(f"/hazards/{hazard_id}/as-of", headers=users.county(),
                                params={"at": history["events"][0]["occurred_at"]}))
    assert as_reported["grade"] == "general" and as_reported["version"] == 1

    ok(client.post(f"/hazards/{hazard_id}/assignment", headers=users.county(), json={
        "responsible_unit": "企业", "responsible_person": "张丽娜", "deadline": in_days(10)}))
    ok(client.post(f"/hazards/{hazard_id}/plan", headers=users.enterprise(enterprise), json=plan_body()))
    ok(client.post(f"/hazards/{hazard_id}/completion", headers=users.enterprise(enterprise),
                   json={"summary": "已封堵暗管", "attachments": [PHOTO]}))
    ok(client.post(f"/hazards/{hazard_id}/verification", headers=users.inspector(),
                   json={"passed": True, "opinion": "整改到位"}))
    # Registered as general, a county officer could have closed it; as a major hazard it needs the group leader.
    assert client.post(f"/hazards/{hazard_id}/closure", headers=users.county(), json={}).status_code == 403
    ok(client.post(f"/hazards/{hazard_id}/closure", headers=users.leader(), json={"note": "同意销号"}))

    after_closure = client.post(f"/hazards/{hazard_id}/regrading", headers=users.leader(),
                                json={"grade": "general", "grade_basis": "复核"})
    assert after_closure.status_code == 409
    assert after_closure.json()["allowed_states"] == ["reported", "assigned", "rectifying", "verifying"]


def test_a_regrade_is_refused_precisely_and_writes_nothing(client, users, district):
    enterprise, elsewhere = E(district, "006"), E(district, "027", "140581")
    hazard_id = ok(client.post("/hazards", headers=users.inspector(), json={
        "enterprise_id": enterprise, "source": "inspection", "domain": "pollution_control", "grade": "general",
        "grade_basis": "执法检查发现, 等级待核定", "description": "应急池被杂物占用"}), 201)["hazard_id"]

    no_basis = client.post(f"/hazards/{hazard_id}/regrading", headers=users.county(), json={"grade": "major"})
    assert no_basis.status_code == 422 and [e["field"] for e in no_basis.json()["errors"]] == ["grade_basis"]
    same = client.post(f"/hazards/{hazard_id}/regrading", headers=users.county(),
                       json={"grade": "general", "grade_basis": BASIS})
    assert same.status_code == 422 and [e["field"] for e in same.json()["errors"]] == ["grade"]
    unknown = client.post(f"/hazards/{hazard_id}/regrading", headers=users.county(),
                          json={"grade": "serious", "grade_basis": BASIS})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "body.grade"
    for headers in (users.inspector(), users.enterprise(enterprise), users.park(district[enterprise]["park_id"])):
        refused = client.post(f"/hazards/{hazard_id}/regrading", headers=headers,
                              json={"grade": "major", "grade_basis": BASIS})
        assert refused.status_code == 403, headers
    # Another county cannot even read it: the unknown id's 404 (was 403 before out-of-reach reads were hidden).
    assert client.post(f"/hazards/{hazard_id}/regrading", headers=users.county("140581"),
                       json={"grade": "major", "grade_basis": BASIS}).status_code == 404
    stale = client.post(f"/hazards/{hazard_id}/regrading", headers={**users.city(), "If-Match": '"7"'},
                        json={"grade": "major", "grade_basis": BASIS})
    assert stale.status_code == 412
    hazard = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    assert (hazard["grade"], hazard["version"]) == ("general", 1)

    ok(client.post(f"/hazards/{hazard_id}/regrading", headers=users.leader(),
                   json={"grade": "major", "grade_basis": BASIS}))
    assert ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))["grade"] == "major"
    # A city's group leader reaches the county; a county officer never reaches another county's hazard (404: it
    # answers like an unknown id).
    other = ok(client.post("/hazards", headers=users.inspector("140581"), json={
        "enterprise_id": elsewhere, "source": "inspection", "domain": "other", "grade": "general",
        "grade_basis": "待核定", "description": "x"}), 201)["hazard_id"]
    assert client.post(f"/hazards/{other}/regrading", headers=users.county("140525"),
                       json={"grade": "major", "grade_basis": BASIS}).status_code == 404


def test_only_the_group_leader_takes_a_major_hazard_down_to_general(client, users, district, hazard_engine):
    # Otherwise a county officer could downgrade a major hazard and close it without the leader's sign-off.
    hazard_id, _ = _public_report(client, users, hazard_engine, E(district, "006"))
    ok(client.post(f"/hazards/{hazard_id}/regrading", headers=users.county(), json={"grade": "major", "grade_basis": BASIS}))
    refused = client.post(f"/hazards/{hazard_id}/regrading", headers=users.county(),
                          json={"grade": "general", "grade_basis": "复核后认为不构成重大隐患"})
    assert refused.status_code == 403 and "重大隐患降为一般隐患" in refused.json()["detail"]
    downgraded = client.post(f"/hazards/{hazard_id}/regrading", headers=users.leader(),
                             json={"grade": "general", "grade_basis": "领导小组复核: 不构成重大隐患"})
    assert ok(downgraded)["version"] == 3
    assert ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))["grade"] == "general"
