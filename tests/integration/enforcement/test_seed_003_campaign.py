"""Seed 003's whole campaign in small, through the HTTP APIs of enforcement, hazard and risk-map on the real stack.

A city of its own: enterprises registered over HTTP reach the hazard register and (with a plant boundary) the risk
map, where an incident correlates to the site; the campaign with its scope and phases; 100% county coverage; a 20%
city sampling draw repeated by the public verification endpoints and by this test; inspections whose findings open
hazards in the hazard service; a dual penalty shown in 万元; a self-reported hazard spared on time and opening a case
once overdue; and the back-trace of the enterprise and of that case.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from ecosafe_kit.background import start_in_thread
from ecosafe_kit.messaging.consumer import ConsumerRunner
from ecosafe_kit.messaging.relay import OutboxRelay
from enforcement_register import enterprise_body, officer_headers
from hazard.service_layer.clock import FixedClock
from hazard.service_layer.hazards import HazardService
from service_databases import migrated_database
from waiting import wait_for

CHECKLIST = ["principal_not_studied", "principal_not_leading_checks", "no_responsibility_list",
             "no_safety_organisation", "uncertified_special_operations", "chaotic_outsourcing", "no_drills"]
LEGAL_BASIS = "《中华人民共和国固体废物污染环境防治法》第一百一十二条"
# One name from run to run (as in test_hazard_service_to_case): the relay resumes from its checkpoint in the hazard
# test database and the map's consumer group reads only what came since the last run.
HAZARD_RELAY = "test-hazard-relay-enforcement"
MAP_REGISTER_GROUP = "test.risk-map.enterprises.enforcement-tests"


@pytest.fixture(scope="module")
def risk_map(database_url, kafka_bootstrap):
    """The risk-map app on its test database, with its own consumer of the real register topic running."""
    from risk_map.adapters.consumers import ENTERPRISE_TOPIC
    from risk_map.entrypoints.app import create_app
    from risk_map.service_layer.register_sites import handle_enterprise_event
    from risk_map.settings import Settings

    url = migrated_database(database_url, "risk_map_test", "risk-map", ("postgis", "pgrouting"))
    settings = Settings(database_url=url, kafka_bootstrap_servers=kafka_bootstrap, relay_enabled=False,
                        consumers_enabled=False, device_simulator_enabled=False)
    with TestClient(create_app(settings)) as client:
        runner = ConsumerRunner(engine=client.app.state.engine, group=MAP_REGISTER_GROUP, topics=[ENTERPRISE_TOPIC],
                                handler=handle_enterprise_event, bootstrap_servers=kafka_bootstrap)
        worker = start_in_thread(runner.group, runner.run)
        client.secret = settings.jwt_secret.get_secret_value()
        try:
            yield client
        finally:
            worker.stop()


def days(n: int) -> str:
    return (date.today() + timedelta(days=n)).isoformat()


def checklist(violated: set[str] = frozenset()) -> list[dict]:
    return [{"item": item, "violated": item in violated} for item in CHECKLIST]


def square(lon: float, lat: float, half: float) -> dict:
    ring = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half],
            [lon - half, lat - half]]
    return {"type": "Polygon", "coordinates": [ring]}


def expected_draw(seed: str, firms: list[str], people: list[str], excluded: set[tuple[str, str]], count: int,
                  per_firm: int) -> list[dict]:
    """sha256-rank-v1 as the README states it, written again here so the test does not trust the service's code."""
    def key(*parts: str) -> str:
        return hashlib.sha256(":".join((seed, *parts)).encode()).hexdigest()

    chosen = sorted(sorted(firms), key=lambda f: (key(f), f))[:count]
    return [{"enterprise_id": firm,
             "inspector_ids": sorted((p for p in sorted(people) if (p, firm) not in excluded),
                                     key=lambda p: (key(firm, p), p))[:per_firm]} for firm in chosen]


def test_a_whole_campaign_of_seed_003(client, users, unique, hazard_client, risk_map, kafka_bootstrap):
    # Provinces no other test registers in, so the campaign's area is, in practice, this run's alone; the assertions
    # read the scope from the API all the same, so an earlier run that drew the same city changes nothing.
    province = random.choice(["44", "45", "46", "50", "52", "53", "62", "63"])
    city_no = random.randint(10, 99)
    city_code, county_a, county_b = f"{province}{city_no}00", f"{province}{city_no}21", f"{province}{city_no}22"
    city = users.token("city_officer", jurisdiction=city_code, name="市局韩队长")
    officer_a, officer_b = users.county(county_a, name="甲县王科长"), users.county(county_b, name="乙县赵科长")

    # -- 企业名录: registered over HTTP; the first with its plant boundary.
    lon, lat = round(random.uniform(100, 120), 4), round(random.uniform(25, 40), 4)

    def register(county, **overrides) -> dict:
        created = client.post("/enterprises", json=enterprise_body(jurisdiction_code=county, **overrides),
                              headers=users.county(county))
        assert created.status_code == 201, created.text
        return client.get(created.headers["Location"], headers=city).json()

    plant = register(county_a, name=f"危废处置有限公司{unique[:4]}", industry="N7724", principal_name="张丽娜",
                     location={"lon": lon, "lat": lat}, boundary=square(lon, lat, 0.003))
    firms_a = [plant["enterprise_id"]] + [register(county_a, industry="N7724")["enterprise_id"] for _ in range(2)]
    firms_b = [register(county_b, industry="C3110", risk_level="general")["enterprise_id"] for _ in range(2)]
    outside = register(county_a, industry="C3849", risk_level="general")["enterprise_id"]  # neither sector nor level

    # It appears in the hazard service's register (the enforcement relay → Kafka → the hazard consumer) ...
    hazard_a = officer_headers(hazard_client.secret, "county_officer", jurisdiction=county_a, name="甲县王科长")
    [known] = wait_for(lambda: hazard_client.get("/enterprises", params={"q": plant["credit_code"]},
                                                 headers=hazard_a).json()["items"], timeout=120)
    assert known["enterprise_id"] == plant["enterprise_id"] and known["jurisdiction_code"] == county_a
    # ... and on the risk map as a site from its boundary, which an incident inside the plant correlates to.
    map_admin = officer_headers(risk_map.secret, "admin", jurisdiction=None, name="管理员")
    site_id = f"site:{plant['enterprise_id']}"
    wait_for(lambda: risk_map.get(f"/facilities/{site_id}", headers=map_admin).status_code == 200, timeout=120)
    spill = {"location": {"type": "Point", "coordinates": [lon - 0.002, lat + 0.002]}, "pollutant": "废矿物油",
             "volume_m3": 10, "level": "一般", "drill": True}
    incident = risk_map.post("/incidents", json=spill, headers=map_admin)
    assert incident.status_code == 201, incident.text
    assert incident.json()["site"]["facility_id"] == site_id and incident.json()["site"]["inside"] is True
    assert incident.json()["incident"]["enterprise_id"] == plant["enterprise_id"]

    # -- 专项行动: scope (seed 003's sectors, 较大 and above), phases, targets.
    launched = client.post("/campaigns", headers=city, json={
        "name": "危险废物领域重大事故隐患专项排查整治2023行动", "issuing_bureau": "测试市生态环境局",
        "jurisdiction_code": city_code, "start": days(-60), "end": days(60),
        "scope": {"sectors": ["steel", "power", "coal_chemical", "coal_mining", "building_materials",
                              "hazardous_waste"], "risk_levels": ["elevated", "major"]},
        "phases": [{"phase": "mobilization", "start": days(-60), "end": days(-46)},
                   {"phase": "self_inspection", "start": days(-45), "end": days(-21)},
                   {"phase": "enforcement", "start": days(-20), "end": days(40)},
                   {"phase": "consolidation", "start": days(41), "end": days(60)}],
        "targets": [{"kind": "coverage", "level": "county", "percent": 100, "start": days(-20), "end": days(10)},
                    {"kind": "sampling", "level": "city", "percent": 20, "start": days(-20), "end": days(40)}]})
    assert launched.status_code == 201, launched.text
    campaign = launched.json()["campaign_id"]
    for phase in ("mobilization", "self_inspection", "enforcement"):
        etag = client.get(f"/campaigns/{campaign}", headers=city).headers["ETag"]
        started = client.post(f"/campaigns/{campaign}/phases/{phase}/start", headers={**city, "If-Match": etag})
        assert started.status_code == 200, started.text
    assert client.get(f"/campaigns/{campaign}", headers=city).json()["current_phase"] == "enforcement"

    scope = {e["enterprise_id"]: e["jurisdiction_code"] for e in client.get(
        f"/campaigns/{campaign}/enterprises", headers=city).json()}
    assert set(firms_a + firms_b) <= set(scope) and outside not in scope

    # -- 执法检查人员名录库, one city inspector with a declared conflict of interest.
    people = {area: [f"s3-{area}-{n}-{unique}" for n in range(3)] for area in (county_a, county_b, city_code)}
    for area, ids in people.items():
        for person in ids:
            assert client.post("/inspectors", headers=city, json={
                "inspector_id": person, "name": f"执法员{person[-3:]}", "jurisdiction_code": area}).status_code == 201
    conflicted = people[city_code][0]
    assert client.post(f"/inspectors/{conflicted}/conflicts", headers=city, json={
        "enterprise_id": plant["enterprise_id"], "reason": "配偶在该企业任职"}).status_code == 201

    # -- 7—8月 county bureaus: 100% coverage of their in-scope enterprises, with seed 003's spot-check items.
    def inspect(firm, headers, inspectors, *, violated=frozenset(), findings=(), draw=None, mode="unannounced"):
        body = {"enterprise_id": firm, "campaign_id": campaign, "mode": mode, "planned_for": days(0)}
        body.update({"draw_id": draw} if draw else {"inspector_ids": inspectors})
        planned = client.post("/inspections", json=body, headers=headers)
        assert planned.status_code == 201, planned.text
        done = client.post(f"{planned.headers['Location']}/completion", headers={**headers, "If-Match": planned.headers["ETag"]},
                           json={"checklist": checklist(violated), "findings": list(findings), "summary": "现场检查"})
        assert done.status_code == 200, done.text
        return planned.json()["inspection_id"], done.json()["finding_ids"]

    # 甲县 may not inspect in 乙县 without being drawn for it (seed 004: 交叉检查 only by a draw).
    refused = client.post("/inspections", headers=officer_a, json={
        "enterprise_id": firms_b[0], "mode": "open", "planned_for": days(0), "inspector_ids": people[county_a][:2]})
    assert refused.status_code == 403

    finding = {"domain": "hazardous_waste", "description": "危废贮存库防渗层破损, 渗滤液外溢", "suggested_grade": "major",
               "grade_basis": "苏环办〔2022〕248号 第三条"}
    inspections = {}
    # Every in-scope enterprise of the city, also one another test registered there (the register is shared and
    # kept), by its own county's bureau: 100% is then reachable whatever the city holds.
    bureaus = {county_a: officer_a, county_b: officer_b}
    for firm, county in sorted(scope.items()):
        if county not in people:  # inspectors of that county's own roster (另一县的须经随机抽取)
            people[county] = [f"s3-{county}-{n}-{unique}" for n in range(2)]
            for person in people[county]:
                assert client.post("/inspectors", headers=city, json={
                    "inspector_id": person, "name": "丙县执法员", "jurisdiction_code": county}).status_code == 201
        headers = bureaus.get(county) or users.county(county, name="丙县科长")
        at_plant = firm == plant["enterprise_id"]
        inspections[firm] = inspect(firm, headers, people[county][:2],
                                    violated={"no_drills", "no_responsibility_list"} if at_plant else set(),
                                    findings=[finding] if at_plant else [])
    plant_inspection, (finding_id,) = inspections[plant["enterprise_id"]]

    progress = client.get(f"/campaigns/{campaign}/progress", headers=city).json()
    coverage = {b["jurisdiction_code"]: b for b in progress["targets"][0]["bureaus"]}
    assert set(coverage) == set(scope.values())
    for county in coverage:
        in_county = sum(1 for c in scope.values() if c == county)
        assert coverage[county] == {"jurisdiction_code": county, "in_scope": in_county, "inspected": in_county,
                                    "percent": 100.0, "met": True}
    assert progress["targets"][0]["met"] is True
    assert progress["targets"][1]["met"] is False  # the city has sampled nothing yet

    # The finding reaches the hazard service (real Kafka) and is opened there as a major hazard of source 部门执法检查.
    [opened] = wait_for(lambda: [h for h in hazard_client.get("/ledger", params={"enterprise_id": plant["enterprise_id"]},
                                                              headers=hazard_a).json()["items"]
                                 if h.get("finding_id") == finding_id], timeout=120)
    assert (opened["source"], opened["grade"], opened["campaign_id"]) == ("inspection", "major", campaign)

    # -- 9—11月 the city bureau: a draw of ≥ 20%, public and verified by anyone.
    drawn = client.post(f"/campaigns/{campaign}/draws", headers=city,
                        json={"percent": 20, "inspector_jurisdiction_code": city_code})
    assert drawn.status_code == 201, drawn.text
    drawn = drawn.json()
    public = client.get(f"/public/draws/{drawn['draw_id']}")  # no token: 一公开
    assert public.status_code == 200, public.text
    public = public.json()
    assert sorted(public["candidate_enterprise_ids"]) == sorted(scope)
    assert public["count"] == -(-len(scope) * 20 // 100) and public["count"] * 5 >= len(scope)
    assert {"inspector_id": conflicted, "enterprise_id": plant["enterprise_id"]} in public["exclusions"]
    verified = client.get(f"/public/draws/{drawn['draw_id']}/verification").json()
    assert verified["matches"] is True and verified["chain_intact"] is True
    recomputed = client.post("/public/draws/verification", json={
        "seed": public["seed"], "candidate_enterprise_ids": public["candidate_enterprise_ids"],
        "candidate_inspector_ids": public["candidate_inspector_ids"], "exclusions": public["exclusions"],
        "count": public["count"], "inspectors_per_enterprise": public["inspectors_per_enterprise"]})
    assert recomputed.status_code == 200, recomputed.text
    published = [{"enterprise_id": s["enterprise_id"], "inspector_ids": [i["inspector_id"] for i in s["inspectors"]]}
                 for s in public["selections"]]
    assert recomputed.json()["selections"] == published == verified["recomputed"]
    excluded = {(x["inspector_id"], x["enterprise_id"]) for x in public["exclusions"]}
    assert published == expected_draw(public["seed"], public["candidate_enterprise_ids"],
                                      public["candidate_inspector_ids"], excluded, public["count"],
                                      public["inspectors_per_enterprise"])

    # The drawn city inspectors inspect what they drew (covert, 明察暗访); the sampling target is met.
    sampled = {}
    for pick in published:
        drawn_inspector = users.token("inspector", jurisdiction=city_code, subject=pick["inspector_ids"][0])
        sampled[pick["enterprise_id"]], _ = inspect(pick["enterprise_id"], drawn_inspector, None,
                                                    draw=drawn["draw_id"], mode="covert")
    sampling = client.get(f"/campaigns/{campaign}/progress", headers=city).json()["targets"][1]
    assert sampling["bureaus"] == [{"jurisdiction_code": city_code, "in_scope": len(scope),
                                    "inspected": public["count"],
                                    "percent": round(100 * public["count"] / len(scope), 2), "met": True}]

    # -- 行政处罚 of the finding, 一案双罚, amounts exact and shown in 万元 with two decimals.
    case = client.post("/cases", headers=officer_a, json={
        "enterprise_id": plant["enterprise_id"], "origin": "inspection", "finding_id": finding_id,
        "legal_basis": LEGAL_BASIS, "description": "危废贮存库防渗层破损"})
    assert case.status_code == 201, case.text
    penalised = client.post(f"{case.headers['Location']}/penalties", headers={**officer_a, "If-Match": case.headers["ETag"]},
                            json={"decision_no": f"测环罚〔2026〕{unique[:6]}号", "legal_basis": LEGAL_BASIS,
                                  "enterprise_amount_yuan": "200000.00", "principal_amount_yuan": "35000.50"})
    assert penalised.status_code == 200, penalised.text
    shown = client.get(case.headers["Location"], headers=city).json()
    amounts = {p["target"]: (p["amount_yuan"], p["amount_wan_yuan"]) for p in shown["penalties"]}
    assert amounts == {"enterprise": ("200000.00", "20.00"), "principal": ("35000.50", "3.50")}
    assert shown["penalty_total_wan_yuan"] == "23.50"
    public_penalties = [p for p in client.get("/public/penalties", params={"limit": 500}).json()["items"]
                        if p["case_id"] == shown["case_id"]]
    assert sorted(p["amount_wan_yuan"] for p in public_penalties) == ["20.00", "3.50"]

    # -- 企业自查: a hazard the enterprise self-reports and rectifies on time carries no penalty; overdue, it is a case.
    firm = firms_a[1]
    own = officer_headers(hazard_client.secret, "enterprise_user", jurisdiction=county_a, enterprise_id=firm,
                          name="企业安全员")
    reported = hazard_client.post("/hazards", headers=own, json={
        "enterprise_id": firm, "source": "self_inspection", "domain": "hazardous_waste", "grade": "general",
        "grade_basis": "一般隐患", "description": "危废暂存间标识不全"})
    assert reported.status_code == 201, reported.text
    hazard_id = reported.json()["hazard_id"]
    assigned = hazard_client.post(f"/hazards/{hazard_id}/assignment", headers=hazard_a, json={
        "responsible_unit": "环保部", "responsible_person": "刘工", "deadline": days(5)})
    assert assigned.status_code == 200, assigned.text
    from_hazard = {"enterprise_id": firm, "origin": "hazard", "hazard_id": hazard_id, "legal_basis": LEGAL_BASIS,
                   "description": "隐患立案"}
    relay = OutboxRelay(engine=hazard_client.app.state.engine, service="hazard", bootstrap_servers=kafka_bootstrap,
                        stream_types=["hazard"], name=HAZARD_RELAY)
    try:
        relay.prepare()

        def answered(expected: int):
            relay.publish_batch()
            answer = client.post("/cases", json=from_hazard, headers=officer_a)
            return answer if answer.status_code == expected else None

        spared = wait_for(lambda: answered(409), timeout=120)  # 422 until enforcement has heard of the hazard
        assert spared.json()["rule"] == "self_report_spares_penalty", spared.text
        assert client.get("/cases", params={"enterprise_id": firm}, headers=officer_a).json()["items"] == []

        later = HazardService(hazard_client.app.state.engine, FixedClock(datetime.now(timezone.utc) + timedelta(days=7)))
        assert later.sweep_overdue([hazard_id]) == [hazard_id]

        def case_opened():
            relay.publish_batch()
            return client.get("/cases", params={"enterprise_id": firm}, headers=officer_a).json()["items"]

        [overdue_case] = wait_for(case_opened, timeout=120)
    finally:
        relay.close()
    assert (overdue_case["hazard_id"], overdue_case["rule"]) == (hazard_id, "overdue_hazard")

    # -- 责任倒查: the plant's inspections, who signed them, the hazard its finding opened; the overdue case's trace.
    trace = client.get(f"/enterprises/{plant['enterprise_id']}/back-trace", headers=city).json()
    by_id = {i["inspection_id"]: i for i in trace["inspections"]}
    assert by_id[plant_inspection]["recorded_hazard_ids"] == [opened["hazard_id"]]
    assert sorted(by_id[plant_inspection]["violated_items"]) == ["no_drills", "no_responsibility_list"]
    assert by_id[plant_inspection]["planned_by"]["name"] == "甲县王科长"
    assert [c["case_id"] for c in trace["cases"]] == [shown["case_id"]]
    assert trace["in_charge"]["enterprise_principal"] == "张丽娜"
    officials = {o["name"]: o["signed"] for o in trace["in_charge"]["officials"]}
    assert "inspection_completed" in officials["甲县王科长"] and "case_opened" in officials["甲县王科长"]

    of_case = client.get(f"/cases/{overdue_case['case_id']}/back-trace", headers=city).json()
    assert of_case["hazard_id"] == hazard_id
    # Every inspection of the enterprise completed before the hazard was found missed it: the county's, and the
    # city's when the draw picked this enterprise.
    missed_by = [inspections[firm][0]] + ([sampled[firm]] if firm in sampled else [])
    assert of_case["hazard_missed_by_inspections"] == missed_by
    assert "刘工" in client.get(f"/enterprises/{firm}/back-trace", headers=city).json()["in_charge"][
        "hazard_responsible_persons"]
    # Another county's officer does not see this enterprise's trace at all.
    assert client.get(f"/enterprises/{firm}/back-trace", headers=officer_b).status_code == 404
