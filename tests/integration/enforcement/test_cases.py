"""Cases and sanctions through the HTTP API on the real stack: a dual penalty shown in 万元, the other sanctions,
a transfer with its receipt, the blacklist every bureau sees, the public record, the case's history."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

from enforcement_register import enterprise_body

LEGAL_BASIS = "《中华人民共和国固体废物污染环境防治法》第一百一十二条"


def register(client, users, county="140525", **overrides) -> str:
    created = client.post("/enterprises", json=enterprise_body(jurisdiction_code=county, **overrides),
                          headers=users.county(county))
    assert created.status_code == 201, created.text
    return created.json()["enterprise_id"]


def open_case(client, headers, enterprise_id, **overrides) -> str:
    body = {"enterprise_id": enterprise_id, "origin": "direct", "legal_basis": LEGAL_BASIS,
            "description": "危险废物贮存场所未按规定设置识别标志", **overrides}
    opened = client.post("/cases", json=body, headers=headers)
    assert opened.status_code == 201, opened.text
    assert opened.headers["ETag"] == '"1"'
    return opened.json()["case_id"]


def test_a_dual_penalty_is_two_records_shown_in_wan_yuan(client, users, unique):
    firm = register(client, users, principal_name="张丽娜", principal_phone="13912345678")
    officer = users.county("140525", name="泽州王科长")
    case_id = open_case(client, officer, firm)

    imposed = client.post(f"/cases/{case_id}/penalties", headers={**officer, "If-Match": '"1"'}, json={
        "decision_no": f"晋市环罚〔2026〕{unique}号", "legal_basis": LEGAL_BASIS,
        "enterprise_amount_yuan": "150000.00", "principal_amount_yuan": "23456.78"})
    assert imposed.status_code == 200, imposed.text
    assert imposed.json()["version"] == 3

    case = client.get(f"/cases/{case_id}", headers=officer).json()
    by_target = {p["target"]: p for p in case["penalties"]}
    assert by_target["enterprise"]["amount_wan_yuan"] == "15.00"
    assert by_target["enterprise"]["amount_yuan"] == "150000.00"
    assert by_target["principal"]["amount_wan_yuan"] == "2.35"  # 2.345678 万元, half up
    assert by_target["principal"]["party_name"] == "张丽娜"
    assert all(p["dual"] for p in case["penalties"])
    assert case["penalty_total_wan_yuan"] == "17.35"

    public = client.get("/public/penalties", params={"limit": 500}).json()["items"]
    mine = [p for p in public if p["case_id"] == case_id]
    assert {p["amount_wan_yuan"] for p in mine} == {"15.00", "2.35"}
    assert "13912345678" not in str(mine)

    history = client.get(f"/cases/{case_id}/history", headers=officer).json()
    assert [e["event_type"] for e in history["entries"]] == ["CaseOpened", "PenaltyImposed", "PenaltyImposed"]
    assert history["entries"][1]["signed_by"]["name"] == "泽州王科长" and history["chain_intact"]


def test_bad_input_names_the_field_and_writes_nothing(client, users):
    firm = register(client, users)
    officer = users.county("140525")
    case_id = open_case(client, officer, firm)
    for amount in ("12.345", "0", "-5", "abc"):
        refused = client.post(f"/cases/{case_id}/penalties", headers=officer, json={
            "decision_no": "X-1", "legal_basis": LEGAL_BASIS, "enterprise_amount_yuan": amount})
        assert refused.status_code == 422, (amount, refused.text)
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert any("enterprise_amount_yuan" in p["field"] for p in refused.json()["errors"]), refused.json()
    missing = client.post("/cases", headers=officer, json={
        "enterprise_id": firm, "origin": "hazard", "legal_basis": LEGAL_BASIS, "description": "隐患"})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "hazard_id"
    control = client.post("/cases", headers=officer, json={
        "enterprise_id": firm, "origin": "direct", "legal_basis": "法\u0007", "description": "隐患"})
    assert control.status_code == 422
    stale = client.post(f"/cases/{case_id}/suspension", headers={**officer, "If-Match": '"7"'},
                        json={"reason": "停产整治"})
    assert stale.status_code == 412
    assert client.get(f"/cases/{case_id}", headers=officer).json()["version"] == 1


def test_jurisdiction_out_of_area_is_403_to_act_and_404_to_read(client, users):
    firm = register(client, users, county="140525")
    case_id = open_case(client, users.county("140525"), firm)
    other = users.county("140581")
    assert client.post("/cases", headers=other, json={
        "enterprise_id": firm, "origin": "direct", "legal_basis": LEGAL_BASIS, "description": "x"}).status_code == 403
    assert client.get(f"/cases/{case_id}", headers=other).status_code == 404
    assert client.post(f"/cases/{case_id}/suspension", headers=other, json={"reason": "x"}).status_code == 404
    city = users.city()
    assert client.get(f"/cases/{case_id}", headers=city).status_code == 200
    assert client.post(f"/cases/{case_id}/suspension", headers=city, json={"reason": "责令停产整治"}).status_code == 200
    assert client.post(f"/cases/{case_id}/suspension", headers=city, json={"reason": "again"}).status_code == 409
    assert case_id in {c["case_id"] for c in client.get("/cases", params={"enterprise_id": firm},
                                                          headers=city).json()["items"]}
    assert client.get("/cases", params={"enterprise_id": firm}, headers=other).json()["total"] == 0


def test_sanctions_a_transfer_with_receipt_and_closing(client, users, unique):
    firm = register(client, users)
    officer = users.county("140525")
    case_id = open_case(client, officer, firm, origin="accident", description="危废暂存库火灾事故")
    case = client.get(f"/cases/{case_id}", headers=officer).json()
    assert case["dual_penalty_proposed"] and case["rule"] == "accident"

    typical_too_soon = client.post(f"/cases/{case_id}/typical-case", headers=officer,
                                   json={"title": "典型案例", "summary": "案情"})
    assert typical_too_soon.status_code == 409
    assert client.post(f"/cases/{case_id}/referral", headers=officer, json={
        "authority": "泽州县公安局", "persons": ["张丽娜"], "dangerous_operation_crime": True,
        "reason": "涉嫌危险作业罪"}).status_code == 200
    assert client.post(f"/cases/{case_id}/admonitions", headers=officer,
                       json={"persons": ["张丽娜 (总经理)"], "note": "限期整改"}).status_code == 200
    assert client.post(f"/cases/{case_id}/exposures", headers=officer,
                       json={"channel": "晋城日报", "note": "曝光"}).status_code == 200
    assert client.post(f"/cases/{case_id}/closure-proposal", headers=officer,
                       json={"reason": "风险不可控", "principal_industry_ban": True}).status_code == 200
    with_phone = client.post(f"/cases/{case_id}/typical-case", headers=officer, json={
        "title": "典型案例", "summary": "负责人张丽娜 (13912345678) 拒不整改"})
    assert with_phone.status_code == 422 and with_phone.json()["errors"][0]["field"] == "summary"
    title = f"危险作业罪典型案例{unique}"
    assert client.post(f"/cases/{case_id}/typical-case", headers=officer, json={
        "title": title, "summary": "某企业危废暂存库火灾", "dangerous_operation_crime": True}).status_code == 200
    published = client.get("/public/typical-cases", params={"limit": 500}).json()["items"]
    assert [t["title"] for t in published if t["case_id"] == case_id] == [title]

    sent = client.post(f"/cases/{case_id}/transfers", headers=officer, json={
        "department": "fire_rescue", "department_name": "泽州县消防救援大队", "note": "移交火灾调查"})
    assert sent.status_code == 201, sent.text
    transfer_id = sent.json()["transfer_id"]
    assert client.post(f"/cases/{case_id}/transfers", headers=officer, json={
        "department": "police", "department_name": "x", "note": "y"}).status_code == 422
    assert client.post(f"/cases/{case_id}/closing", headers=officer,
                       json={"conclusion": "结案"}).status_code == 409  # the transfer is not acknowledged yet
    assert client.post(f"/cases/{case_id}/transfers/{transfer_id}/receipt", headers=officer,
                       json={"receiver": "消防李队"}).status_code == 200
    assert client.post(f"/cases/{case_id}/transfers/{transfer_id}/receipt", headers=officer,
                       json={"receiver": "消防李队"}).status_code == 409
    assert client.post(f"/cases/{case_id}/closing", headers=officer, json={"conclusion": "结案"}).status_code == 200
    assert client.post(f"/cases/{case_id}/exposures", headers=officer,
                       json={"channel": "x", "note": "y"}).status_code == 409

    case = client.get(f"/cases/{case_id}", headers=officer).json()
    assert case["status"] == "closed" and case["closure_proposed"] and case["principal_industry_ban"]
    assert [m["kind"] for m in case["measures"]] == ["CaseReferred", "AdmonitionHeld", "CaseExposed",
                                                     "ClosureProposed", "TypicalCasePublished"]
    assert case["transfers"][0]["receiver"] == "消防李队"


def test_a_blacklist_entry_is_visible_to_another_countys_officer(client, users):
    firm = register(client, users, county="140525")
    officer = users.county("140525")
    case_id = open_case(client, officer, firm)
    decided = client.post(f"/cases/{case_id}/joint-punishment", headers=officer, json={
        "departments": ["发展改革委", "市场监管局"], "reason": "拒不整改重大事故隐患"})
    assert decided.status_code == 200, decided.text
    assert client.post(f"/cases/{case_id}/joint-punishment", headers=officer, json={
        "departments": ["x"], "reason": "y"}).status_code == 409

    elsewhere = users.county("140581")
    entries = client.get("/blacklist", params={"enterprise_id": firm}, headers=elsewhere).json()
    assert entries["total"] == 1 and entries["items"][0]["case_id"] == case_id
    assert entries["items"][0]["departments"] == ["发展改革委", "市场监管局"]
    assert client.get("/blacklist", headers=users.enterprise(firm)).status_code == 403
    assert client.get(f"/cases/{case_id}", headers=officer).json()["blacklisted"]


def test_two_joint_punishments_at_once_make_one_blacklist_entry(client, users):
    firm = register(client, users)
    officer = users.county("140525")
    case_id = open_case(client, officer, firm)

    def decide(n):
        return client.post(f"/cases/{case_id}/joint-punishment", headers=officer,
                           json={"departments": [f"部门{n}"], "reason": "拒不整改"}).status_code

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = sorted(pool.map(decide, range(4)))
    assert answers == [200, 409, 409, 409]
    assert client.get("/blacklist", params={"enterprise_id": firm}, headers=officer).json()["total"] == 1
    assert client.get(f"/cases/{case_id}", headers=officer).json()["version"] == 2


def test_an_inspector_from_another_county_opens_a_case_from_their_finding(client, users, unique):
    # A city of its own (province 14, away from the demo's 晋城), so a draw of one enterprise of its county draws ours.
    city_code = f"14{random.choice([c for c in range(10, 100) if c != 5]):02d}00"
    county, other_county = city_code[:4] + "23", city_code[:4] + "81"
    firm = register(client, users, county=county, industry="N7724")
    officer = users.county(county)
    city = users.token("city_officer", jurisdiction=city_code, name="市局李处长")
    visitors = [f"cross-{unique}-{n}" for n in range(2)]
    for person in visitors:
        assert client.post("/inspectors", headers=city, json={
            "inspector_id": person, "name": "外县执法员", "jurisdiction_code": other_county}).status_code == 201
    # Another county's inspectors inspect here only when a draw names them (seed 004 交叉检查).
    plain = client.post("/inspections", headers=officer, json={
        "enterprise_id": firm, "mode": "unannounced", "planned_for": "2026-01-05", "inspector_ids": visitors})
    assert plain.status_code == 422 and plain.json()["errors"][0]["field"] == "inspector_ids[0]"
    campaign = client.post("/campaigns", headers=city, json={
        "name": "交叉检查", "issuing_bureau": "测试市生态环境局", "jurisdiction_code": city_code, "start": "2026-01-01",
        "end": "2026-12-31", "scope": {"sectors": ["hazardous_waste"], "risk_levels": []}, "phases": [],
        "targets": []}).json()["campaign_id"]
    in_county = [e for e in client.get(f"/campaigns/{campaign}/enterprises", headers=city).json()
                 if e["jurisdiction_code"] == county]
    drawn = client.post(f"/campaigns/{campaign}/draws", headers=city, json={
        "jurisdiction_code": county, "inspector_jurisdiction_code": other_county, "count": len(in_county)})
    assert drawn.status_code == 201, drawn.text
    # (the county's roster may hold inspectors of an earlier run that drew the same city: the drawn ones act)
    named = [i["inspector_id"] for s in drawn.json()["selections"] if s["enterprise_id"] == firm for i in s["inspectors"]]
    inspection = client.post("/inspections", headers=officer, json={
        "enterprise_id": firm, "campaign_id": campaign, "draw_id": drawn.json()["draw_id"], "mode": "unannounced",
        "planned_for": "2026-01-05"}).json()["inspection_id"]
    checklist = [{"item": x["item"], "violated": False}
                 for x in client.get("/inspections/checklist", headers=officer).json()]  # a campaign's: every item
    (finding,) = client.post(f"/inspections/{inspection}/completion", headers=officer, json={
        "checklist": checklist, "findings": [{"domain": "hazardous_waste", "description": "危废混存",
                                              "suggested_grade": "major", "grade_basis": "第四条"}]}).json()["finding_ids"]

    body = {"enterprise_id": firm, "origin": "inspection", "finding_id": finding, "legal_basis": LEGAL_BASIS,
            "description": "交叉检查发现危废混存"}
    stranger = users.token("inspector", jurisdiction=other_county, subject=f"other-{unique}")
    assert client.post("/cases", json=body, headers=stranger).status_code == 403
    visitor = users.token("inspector", jurisdiction=other_county, subject=named[0], name="外县执法员")
    opened = client.post("/cases", json=body, headers=visitor)
    assert opened.status_code == 201, opened.text
    case_id = opened.json()["case_id"]
    assert client.get(f"/cases/{case_id}", headers=visitor).json()["finding_id"] == finding
    assert client.get(f"/cases/{case_id}", headers=officer).json()["opened_by"]["name"] == "外县执法员"
    # Opening is theirs; the sanctions are the enterprise's own bureau's.
    assert client.post(f"/cases/{case_id}/suspension", headers=visitor, json={"reason": "停产"}).status_code == 403
    wrong = client.post("/cases", headers=officer, json={**body, "finding_id": "no-such-finding"})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "finding_id"
