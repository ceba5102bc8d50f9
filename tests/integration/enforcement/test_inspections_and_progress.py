"""Seed 003's campaign in small: 100% county coverage, a 20% city sampling draw, inspections with the spot-check
items, a finding the hazard service opens as a hazard, and the coverage progress per bureau."""

from __future__ import annotations

import random
from datetime import date, timedelta

from enforcement_register import enterprise_body, officer_headers
from waiting import wait_for

CHECKLIST = ["principal_not_studied", "principal_not_leading_checks", "no_responsibility_list",
             "no_safety_organisation", "uncertified_special_operations", "chaotic_outsourcing", "no_drills"]


def days(n: int) -> str:
    return (date.today() + timedelta(days=n)).isoformat()


def all_items(violated: set[str] = frozenset()) -> list[dict]:
    return [{"item": item, "violated": item in violated} for item in CHECKLIST]


def test_a_campaign_of_seed_003_in_small(client, users, unique, hazard_client):
    # A city of its own (no other test uses these provinces), so the campaign's scope is, in practice, this test's;
    # the assertions below hold even if an earlier run drew the same city.
    province = random.choice(["32", "33", "37", "41", "42", "43", "51", "61"])
    city_no = random.randint(10, 99)
    city_code, county_a, county_b = (f"{province}{city_no:02d}00", f"{province}{city_no:02d}21",
                                     f"{province}{city_no:02d}22")
    city = users.token("city_officer", jurisdiction=city_code, name="市局李处长")

    def register(county, **overrides):
        created = client.post("/enterprises", json=enterprise_body(jurisdiction_code=county, **overrides),
                              headers=users.county(county))
        assert created.status_code == 201, created.text
        return created.json()["enterprise_id"]

    firms_a = [register(county_a, industry="N7724") for _ in range(3)]
    firms_b = [register(county_b, industry="C3110", risk_level="general") for _ in range(2)]
    register(county_a, industry="C3849", risk_level="general")  # out of scope: neither sector nor risk level

    body = {"name": "危险废物重大事故隐患专项排查整治", "issuing_bureau": "测试市生态环境局", "jurisdiction_code": city_code,
            "start": days(-30), "end": days(30),
            "scope": {"sectors": ["hazardous_waste", "steel"], "risk_levels": ["elevated", "major"]},
            "phases": [{"phase": "mobilization", "start": days(-30), "end": days(-21)},
                       {"phase": "enforcement", "start": days(-20), "end": days(30)}],
            "targets": [{"kind": "coverage", "level": "county", "percent": 100, "start": days(-10), "end": days(10)},
                        {"kind": "sampling", "level": "city", "percent": 20, "start": days(-10), "end": days(10)}]}
    campaign = client.post("/campaigns", json=body, headers=city).json()["campaign_id"]

    people = {}
    for area in (county_a, county_b, city_code):
        people[area] = [f"i-{area}-{n}-{unique}" for n in range(2)]
        for person in people[area]:
            assert client.post("/inspectors", json={"inspector_id": person, "name": f"执法员{person[-4:]}",
                                                    "jurisdiction_code": area}, headers=city).status_code == 201

    scope = client.get(f"/campaigns/{campaign}/enterprises", headers=city).json()
    in_scope = {code: len([e for e in scope if e["jurisdiction_code"] == code]) for code in (county_a, county_b)}
    assert set(firms_a + firms_b) <= {e["enterprise_id"] for e in scope}
    progress = client.get(f"/campaigns/{campaign}/progress", headers=city).json()
    coverage = {b["jurisdiction_code"]: b for b in progress["targets"][0]["bureaus"]}
    assert coverage[county_a]["in_scope"] == in_scope[county_a] and coverage[county_a]["inspected"] == 0
    assert not progress["targets"][0]["met"]

    # The hazard service must know the enterprise before a finding there can open a hazard: its register and its
    # findings come on two topics, read by two consumers that keep no order between them.
    hazard_officer = officer_headers(hazard_client.secret, "county_officer", jurisdiction=county_a)
    credit = client.get(f"/enterprises/{firms_a[0]}", headers=city).json()["credit_code"]
    wait_for(lambda: hazard_client.get("/enterprises", params={"q": credit}, headers=hazard_officer).json()["items"],
             timeout=120)

    # 县级分局 100% coverage: county A inspects all three of its own, county B one of two.
    officer_a = users.county(county_a, name="泽州王科长")
    for n, firm in enumerate(firms_a):
        planned = client.post("/inspections", json={
            "enterprise_id": firm, "campaign_id": campaign, "mode": "unannounced", "planned_for": days(0),
            "inspector_ids": people[county_a], "joint_departments": ["应急管理局"] if n == 0 else []},
            headers=officer_a)
        assert planned.status_code == 201, planned.text
        completion = {"checklist": all_items({"no_drills"} if n == 0 else set()), "summary": "现场检查"}
        if n == 0:
            completion["findings"] = [{"domain": "hazardous_waste", "description": "危废暂存库防渗层破损, 渗滤液外溢",
                                       "suggested_grade": "major", "grade_basis": "苏环办〔2022〕248号 第三条"}]
        done = client.post(f"{planned.headers['Location']}/completion", json=completion,
                           headers={**officer_a, "If-Match": planned.headers["ETag"]})
        assert done.status_code == 200, done.text
        if n == 0:
            finding_id = done.json()["finding_ids"][0]
            again = client.post(f"{planned.headers['Location']}/completion", json=completion, headers=officer_a)
            assert again.status_code == 409
    officer_b = users.county(county_b)
    planned = client.post("/inspections", json={"enterprise_id": firms_b[0], "campaign_id": campaign, "mode": "open",
                                                "planned_for": days(0), "inspector_ids": people[county_b]},
                          headers=officer_b)
    incomplete = client.post(f"{planned.headers['Location']}/completion", json={"checklist": all_items()[:3]},
                             headers=officer_b)
    assert incomplete.status_code == 422 and incomplete.json()["errors"][0]["field"] == "checklist"
    assert client.post(f"{planned.headers['Location']}/completion", json={"checklist": all_items()},
                       headers=officer_b).status_code == 200
    assert client.post("/inspections", json={"enterprise_id": firms_b[1], "mode": "open", "planned_for": days(0),
                                             "inspector_ids": people[county_b]},
                       headers=officer_a).status_code == 403  # 泽州 may not inspect in 高平 without a draw

    # 市局 ≥20% sampling: a draw of 20% of the five, inspected by the drawn city inspectors.
    drawn = client.post(f"/campaigns/{campaign}/draws",
                        json={"percent": 20, "inspector_jurisdiction_code": city_code}, headers=city).json()
    candidates = drawn["candidate_enterprise_ids"]
    assert set(firms_a + firms_b) <= set(candidates) and drawn["count"] == -(-len(candidates) // 5)
    for pick in drawn["selections"]:
        inspector = users.token("inspector", jurisdiction=city_code, subject=pick["inspectors"][0]["inspector_id"])
        planned = client.post("/inspections", json={
            "enterprise_id": pick["enterprise_id"], "campaign_id": campaign, "draw_id": drawn["draw_id"],
            "mode": "covert", "planned_for": days(0)}, headers=inspector)
        assert planned.status_code == 201, planned.text
        shown = client.get(planned.headers["Location"], headers=inspector).json()
        assert shown["inspector_ids"] == [i["inspector_id"] for i in pick["inspectors"]]
        assert client.post(f"{planned.headers['Location']}/completion", json={"checklist": all_items()},
                           headers=inspector).status_code == 200

    progress = client.get(f"/campaigns/{campaign}/progress", headers=city).json()
    coverage = {b["jurisdiction_code"]: b for b in progress["targets"][0]["bureaus"]}
    assert coverage[county_a]["inspected"] == 3 and coverage[county_a]["met"] == (in_scope[county_a] == 3)
    assert (coverage[county_b]["inspected"], coverage[county_b]["met"]) == (1, False)
    assert progress["targets"][0]["met"] is False
    sampling = progress["targets"][1]
    assert sampling["bureaus"] == [{"jurisdiction_code": city_code, "in_scope": len(candidates),
                                    "inspected": drawn["count"],
                                    "percent": round(100 * drawn["count"] / len(candidates), 2), "met": True}]
    assert sampling["met"] is True

    # The finding reaches the hazard service (real Kafka) and opens a hazard with source 部门执法检查.

    def opened():
        ledger = hazard_client.get("/ledger", params={"enterprise_id": firms_a[0]}, headers=hazard_officer).json()
        return [h for h in ledger["items"] if h.get("finding_id") == finding_id]

    hazards = wait_for(opened, timeout=90)
    assert hazards[0]["source"] == "inspection" and hazards[0]["grade"] == "major"
    assert hazards[0]["campaign_id"] == campaign


def test_a_finding_in_an_unknown_domain_is_refused_naming_it_and_nothing_is_written(client, users, unique):
    officer = users.county("140525")
    firm = client.post("/enterprises", json=enterprise_body(), headers=officer).json()["enterprise_id"]
    people = [f"dm-{unique}-{n}" for n in range(2)]
    for person in people:
        assert client.post("/inspectors", headers=officer, json={
            "inspector_id": person, "name": "执法员", "jurisdiction_code": "140525"}).status_code == 201
    planned = client.post("/inspections", headers=officer, json={
        "enterprise_id": firm, "mode": "open", "planned_for": days(0), "inspector_ids": people})
    finding = {"description": "危废混存", "suggested_grade": "general", "grade_basis": "一般隐患"}
    refused = client.post(f"{planned.headers['Location']}/completion", headers=officer,
                          json={"findings": [{**finding, "domain": "hazardous_wastes"}]})
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in refused.json()["errors"]] == ["body.findings.0.domain"]
    assert client.get(planned.headers["Location"], headers=officer).headers["ETag"] == planned.headers["ETag"]
    done = client.post(f"{planned.headers['Location']}/completion", headers=officer,
                       json={"findings": [{**finding, "domain": "other"}]})
    assert done.status_code == 200, done.text
