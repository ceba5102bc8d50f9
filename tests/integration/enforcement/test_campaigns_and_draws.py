"""Campaigns, the inspector roster and 双随机 draws over HTTP on the real stack (seed 003 in small)."""

from __future__ import annotations

import hashlib
import math
import random
import uuid
from datetime import date

import pytest

from enforcement_register import enterprise_body


@pytest.fixture
def area():
    """A county of its own (a random city of province 14 other than the demo's 晋城), so the scope is this test's."""
    city = random.choice([c for c in range(10, 100) if c != 5])
    return {"city": f"14{city:02d}00", "county": f"14{city:02d}{random.randint(21, 60):02d}",
            "other_county": f"14{city:02d}{random.randint(61, 99):02d}"}


def campaign_body(code: str, **changes) -> dict:
    body = {
        "name": "危险废物重大事故隐患专项排查整治行动", "issuing_bureau": "测试市生态环境局", "jurisdiction_code": code,
        "start": "2026-05-01", "end": "2026-12-31",
        "scope": {"sectors": ["steel", "power", "coal_chemical", "coal_mining", "building_materials", "hazardous_waste"],
                  "risk_levels": ["elevated", "major"]},
        "phases": [{"phase": "mobilization", "start": "2026-05-01", "end": "2026-05-15"},
                   {"phase": "self_inspection", "start": "2026-05-16", "end": "2026-06-30"},
                   {"phase": "enforcement", "start": "2026-07-01", "end": "2026-10-31"},
                   {"phase": "review", "start": "2026-11-01", "end": "2026-12-31"}],
        "targets": [{"kind": "coverage", "level": "county", "percent": 100, "start": "2026-05-16", "end": "2026-09-30"},
                    {"kind": "sampling", "level": "city", "percent": 20, "start": "2026-10-01", "end": "2026-10-31"}],
    }
    body.update(changes)
    return body


def register(client, users, county: str, **overrides) -> str:
    created = client.post("/enterprises", json=enterprise_body(jurisdiction_code=county, **overrides),
                          headers=users.county(county))
    assert created.status_code == 201, created.text
    return created.json()["enterprise_id"]


def key(*parts: str) -> str:
    return hashlib.sha256(":".join(parts).encode()).hexdigest()


def test_a_city_bureau_launches_a_campaign_whose_phases_start_in_order(client, users, area):
    city = users.token("city_officer", jurisdiction=area["city"])
    launched = client.post("/campaigns", json=campaign_body(area["city"]), headers=city)
    assert launched.status_code == 201, launched.text
    location = launched.headers["Location"]
    shown = client.get(location, headers=users.county(area["county"]))  # a county bureau below sees it
    assert shown.status_code == 200 and shown.json()["phases"][0]["label"] == "动员部署"
    assert shown.json()["targets"][1] == {"kind": "sampling", "level": "city", "percent": 20,
                                          "start": "2026-10-01", "end": "2026-10-31"}
    assert client.post(f"{location}/phases/enforcement/start", headers=city).status_code == 409
    assert client.post(f"{location}/phases/consolidation/start", headers=city).status_code == 422
    started = client.post(f"{location}/phases/mobilization/start", headers={**city, "If-Match": '"1"'})
    assert started.status_code == 200 and started.headers["ETag"] == '"2"'
    assert client.post(f"{location}/phases/mobilization/start", headers=city).status_code == 409
    assert client.get(location, headers=city).json()["current_phase_label"] == "动员部署"
    assert client.get(location, headers=users.county("140525")).status_code == 404  # another city's bureau
    listed = client.get("/campaigns", headers=users.county(area["county"])).json()
    assert launched.json()["campaign_id"] in {c["campaign_id"] for c in listed["items"]}


def test_a_bad_campaign_is_refused_naming_each_field(client, users, area):
    city = users.token("city_officer", jurisdiction=area["city"])
    phases = [{"phase": "enforcement", "start": "2026-07-01", "end": "2026-07-31"},
              {"phase": "mobilization", "start": "2026-07-15", "end": "2027-01-31"}]
    refused = client.post("/campaigns", json=campaign_body(area["city"], phases=phases, scope={"sectors": ["textile"]},
                                                           targets=[{"kind": "coverage", "level": "county",
                                                                     "percent": 120, "start": "2026-05-01",
                                                                     "end": "2026-05-31"}]), headers=city)
    assert refused.status_code == 422
    assert {p["field"] for p in refused.json()["errors"]} == {
        "scope.sectors[0]", "phases[1]", "phases[1].phase", "phases[1].start", "targets[0].percent"}
    county = client.post("/campaigns", json=campaign_body(area["city"]), headers=users.county(area["county"]))
    assert county.status_code == 403


def test_a_20_percent_city_draw_is_reproducible_public_and_spares_declared_conflicts(client, users, area, unique):
    city = users.token("city_officer", jurisdiction=area["city"])
    in_scope = [register(client, users, area["county"], industry="C3110", risk_level="general"),  # 钢铁
                register(client, users, area["county"], industry="C3849", risk_level="major"),  # 重大风险
                *[register(client, users, area["other_county"], industry="N7724") for _ in range(6)]]
    out_of_scope = register(client, users, area["county"], industry="C3849", risk_level="general")
    campaign = client.post("/campaigns", json=campaign_body(area["city"]), headers=city).json()["campaign_id"]
    scope = {e["enterprise_id"] for e in client.get(f"/campaigns/{campaign}/enterprises", headers=city).json()}
    assert set(in_scope) <= scope and out_of_scope not in scope
    inspectors = [f"insp-{unique}-{n}" for n in range(4)]
    for n, inspector in enumerate(inspectors):
        enrolled = client.post("/inspectors", json={"inspector_id": inspector, "name": f"执法员{n}",
                                                    "jurisdiction_code": area["city"]}, headers=city)
        assert enrolled.status_code == 201, enrolled.text
    conflict = client.post(f"/inspectors/{inspectors[0]}/conflicts",
                           json={"enterprise_id": in_scope[0], "reason": "近亲属在该企业任职"}, headers=city)
    assert conflict.status_code == 201
    assert client.post(f"/inspectors/{inspectors[0]}/conflicts", json={"enterprise_id": in_scope[0], "reason": "再报"},
                       headers=city).status_code == 409

    seed = f"seed-{unique}"
    drawn = client.post(f"/campaigns/{campaign}/draws", json={"percent": 20, "seed": seed}, headers=city)
    assert drawn.status_code == 201, drawn.text
    result = drawn.json()
    candidates = result["candidate_enterprise_ids"]
    assert set(candidates) == scope and candidates == sorted(candidates)
    assert result["count"] == math.ceil(0.2 * len(candidates))
    # Anyone can repeat it: rank by SHA-256(seed:id), then inspectors by SHA-256(seed:enterprise:inspector).
    expected = sorted(candidates, key=lambda e: (key(seed, e), e))[:result["count"]]
    assert [s["enterprise_id"] for s in result["selections"]] == expected
    pool = result["candidate_inspector_ids"]
    assert set(inspectors) <= set(pool)
    excluded = {(x["inspector_id"], x["enterprise_id"]) for x in result["exclusions"]}
    assert (inspectors[0], in_scope[0]) in excluded
    for selection in result["selections"]:
        allowed = [i for i in sorted(pool) if (i, selection["enterprise_id"]) not in excluded]
        assert [i["inspector_id"] for i in selection["inspectors"]] == sorted(
            allowed, key=lambda i: (key(seed, selection["enterprise_id"], i), i))[:2]

    public = client.get(f"/public/draws/{result['draw_id']}")  # no token: 一公开
    assert public.status_code == 200 and public.json()["selections"] == result["selections"]
    verified = client.get(f"/public/draws/{result['draw_id']}/verification").json()
    assert verified["matches"] is True and verified["chain_intact"] is True
    computed = client.post("/public/draws/verification", json={
        "seed": seed, "candidate_enterprise_ids": list(reversed(candidates)), "candidate_inspector_ids": pool,
        "exclusions": result["exclusions"], "count": result["count"]}).json()
    assert computed["selections"] == [{"enterprise_id": s["enterprise_id"],
                                       "inspector_ids": [i["inspector_id"] for i in s["inspectors"]]}
                                      for s in result["selections"]]
    assert [d["draw_id"] for d in client.get(f"/campaigns/{campaign}/draws", headers=city).json()] == [result["draw_id"]]


def test_a_county_campaign_with_a_city_target_is_refused_naming_it(client, users, area):
    city = users.token("city_officer", jurisdiction=area["city"])
    refused = client.post("/campaigns", json=campaign_body(area["county"]), headers=city)
    assert refused.status_code == 422, refused.text
    assert [e["field"] for e in refused.json()["errors"]] == ["targets[1].level"]


def test_a_drawn_enterprise_never_gets_an_inspector_with_a_declared_conflict(client, users, area, unique):
    city = users.token("city_officer", jurisdiction=area["city"])
    firm = register(client, users, area["county"], industry="N7724")
    county_targets = campaign_body(area["county"])["targets"][:1]  # a county campaign sets no city target
    campaign = client.post("/campaigns", json=campaign_body(area["county"], targets=county_targets),
                           headers=city).json()["campaign_id"]
    people = [f"cx-{unique}-{n}" for n in range(3)]
    for person in people:
        client.post("/inspectors", json={"inspector_id": person, "name": "执法员", "jurisdiction_code": area["county"]},
                    headers=city)
    # The inspector declares it themself.
    mine = users.token("inspector", jurisdiction=area["county"], subject=people[1])
    assert client.post(f"/inspectors/{people[1]}/conflicts", json={"enterprise_id": firm, "reason": "曾在该企业任职"},
                       headers=mine).status_code == 201
    scope_size = len(client.get(f"/campaigns/{campaign}/enterprises", headers=city).json())
    result = client.post(f"/campaigns/{campaign}/draws", json={"count": scope_size}, headers=city).json()
    chosen = next(s for s in result["selections"] if s["enterprise_id"] == firm)
    assert people[1] not in [i["inspector_id"] for i in chosen["inspectors"]] and len(chosen["inspectors"]) == 2
    too_many = client.post(f"/campaigns/{campaign}/draws", json={"count": scope_size + 1}, headers=city)
    assert too_many.status_code == 422 and too_many.json()["errors"][0]["field"] == "count"
    both = client.post(f"/campaigns/{campaign}/draws", json={"count": 1, "percent": 10}, headers=city)
    assert both.status_code == 422


def test_a_cross_area_draw_takes_inspectors_of_another_county_only_for_the_city(client, users, area, unique):
    city = users.token("city_officer", jurisdiction=area["city"])
    register(client, users, area["county"], industry="N7724")
    campaign = client.post("/campaigns", json=campaign_body(area["city"]), headers=city).json()["campaign_id"]
    guests = [f"guest-{unique}-{n}" for n in range(2)]
    for person in guests:
        client.post("/inspectors", json={"inspector_id": person, "name": "外县执法员",
                                         "jurisdiction_code": area["other_county"]}, headers=city)
    body = {"jurisdiction_code": area["county"], "inspector_jurisdiction_code": area["other_county"], "count": 1}
    refused = client.post(f"/campaigns/{campaign}/draws", json=body, headers=users.county(area["county"]))
    assert refused.status_code == 403
    crossed = client.post(f"/campaigns/{campaign}/draws", json=body, headers=city)
    assert crossed.status_code == 201, crossed.text
    roster = client.get("/inspectors", params={"jurisdiction": area["other_county"]}, headers=city).json()
    assert set(crossed.json()["candidate_inspector_ids"]) == {p["inspector_id"] for p in roster} >= set(guests)
    assert client.get(f"/public/draws/{uuid.uuid4()}").status_code == 404


def test_the_public_verification_refuses_inputs_a_draw_would_refuse(client):
    inputs = {"seed": "3f2a", "candidate_enterprise_ids": ["e-1", "e-2", "e-2"], "candidate_inspector_ids": ["i-1", "i-2"]}
    too_many = client.post("/public/draws/verification", json={**inputs, "count": 3})  # two distinct candidates
    assert too_many.status_code == 422 and too_many.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in too_many.json()["errors"]] == ["count"]
    conflicted = client.post("/public/draws/verification", json={
        **inputs, "count": 2, "exclusions": [{"inspector_id": "i-1", "enterprise_id": "e-1"}]})
    assert conflicted.status_code == 422
    assert [e["field"] for e in conflicted.json()["errors"]] == ["inspectors_per_enterprise"]
    fine = client.post("/public/draws/verification", json={**inputs, "count": 2, "inspectors_per_enterprise": 1,
                                                             "exclusions": [{"inspector_id": "i-1", "enterprise_id": "e-1"}]})
    assert fine.status_code == 200, fine.text
    assert {s["enterprise_id"]: s["inspector_ids"] for s in fine.json()["selections"]}["e-1"] == ["i-2"]


def test_a_county_inspector_inspects_in_another_county_only_when_drawn_for_it(client, users, area, unique):
    """Seed 004's 交叉检查: an inspector of one county may inspect in another only for a draw that named them."""
    city = users.token("city_officer", jurisdiction=area["city"])
    firm = register(client, users, area["county"], industry="N7724")
    campaign = client.post("/campaigns", json=campaign_body(area["city"]), headers=city).json()["campaign_id"]
    guests = [f"visit-{unique}-{n}" for n in range(3)]
    for person in guests:
        assert client.post("/inspectors", headers=city, json={
            "inspector_id": person, "name": "外县执法员", "jurisdiction_code": area["other_county"]}).status_code == 201
    in_county = [e for e in client.get(f"/campaigns/{campaign}/enterprises", headers=city).json()
                 if e["jurisdiction_code"] == area["county"]]
    drawn = client.post(f"/campaigns/{campaign}/draws", headers=city, json={
        "jurisdiction_code": area["county"], "inspector_jurisdiction_code": area["other_county"],
        "count": len(in_county)}).json()
    named = [i["inspector_id"] for s in drawn["selections"] if s["enterprise_id"] == firm for i in s["inspectors"]]
    left_out = next(p for p in guests if p not in named)
    today = date.today().isoformat()

    def as_inspector(person):
        return users.token("inspector", jurisdiction=area["other_county"], subject=person, name="外县执法员")

    plain = {"enterprise_id": firm, "mode": "unannounced", "planned_for": today, "inspector_ids": named}
    assert client.post("/inspections", json=plain, headers=as_inspector(named[0])).status_code == 403
    # Nor may the county's own bureau send them there without the draw.
    sent = client.post("/inspections", json=plain, headers=users.county(area["county"]))
    assert sent.status_code == 422 and sent.json()["errors"][0]["field"] == "inspector_ids[0]"
    by_draw = {"enterprise_id": firm, "campaign_id": campaign, "draw_id": drawn["draw_id"], "mode": "unannounced",
               "planned_for": today}
    assert client.post("/inspections", json=by_draw, headers=as_inspector(left_out)).status_code == 403
    planned = client.post("/inspections", json=by_draw, headers=as_inspector(named[0]))
    assert planned.status_code == 201, planned.text
    checklist = [{"item": item["item"], "violated": False}
                 for item in client.get("/inspections/checklist", headers=city).json()]
    assert client.post(f"{planned.headers['Location']}/completion", json={"checklist": checklist},
                       headers=as_inspector(left_out)).status_code in (403, 404)
    done = client.post(f"{planned.headers['Location']}/completion", json={"checklist": checklist},
                       headers=as_inspector(named[1]))
    assert done.status_code == 200, done.text
