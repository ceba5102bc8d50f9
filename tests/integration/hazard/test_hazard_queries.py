"""Queries: ledger filters and paging, .xlsx cell by cell, as-of, zeroing, disclosure, back-trace, overdue."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from openpyxl import load_workbook

from hazard.service_layer.clock import FixedClock
from hazard.service_layer.hazards import HazardService
from hazard_helpers import PHOTO, in_days, ok, plan_body, report_body, today


def E(district, n, county="140525"):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


def _report(client, users, enterprise, **kw):
    return ok(client.post("/hazards", headers=users.inspector(), json=report_body(enterprise, **kw)), 201)


def test_the_ledger_filters_pages_and_sorts(client, users, district):
    enterprise = E(district, "001")
    made = [_report(client, users, enterprise, grade=g, grade_basis="依据") for g in ("major", "general", "major")]
    ok(client.post(f"/hazards/{made[0]['hazard_id']}/listing", headers=users.county(),
                   json={"supervising_unit": "分局", "supervisor": "王科长"}))
    base = {"enterprise_id": enterprise}
    assert ok(client.get("/ledger", headers=users.county(), params=base))["total"] == 3
    assert ok(client.get("/ledger", headers=users.county(), params={**base, "grade": "major"}))["total"] == 2
    assert ok(client.get("/ledger", headers=users.county(), params={**base, "listed": True}))["total"] == 1
    page = ok(client.get("/ledger", headers=users.county(), params={**base, "sort": "ledger_no", "size": 2, "page": 2}))
    assert len(page["items"]) == 1 and page["items"][0]["ledger_no"] == made[2]["ledger_no"]
    bad = client.get("/ledger", headers=users.county(), params={"sort": "password"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "query.sort"


def test_the_xlsx_export_has_chinese_headers_and_one_row_per_hazard(client, users, district):
    enterprise = E(district, "002")
    first = _report(client, users, enterprise)
    ok(client.post(f"/hazards/{first['hazard_id']}/assignment", headers=users.county(),
                   json={"responsible_unit": "丹源化工", "responsible_person": "张丽娜", "deadline": in_days(10)}))
    second = _report(client, users, enterprise, grade="general", grade_basis="一般", domain="voc_recovery")
    response = client.get("/ledger.xlsx", headers=users.county(), params={"enterprise_id": enterprise})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("台账编号", "企业名称", "辖区代码", "隐患来源", "领域", "隐患等级", "判定依据", "隐患描述", "状态",
                       "挂牌督办", "是否逾期", "责任单位", "责任人", "整改期限", "登记时间", "销号时间", "整改延期次数",
                       "督查验收通过", "整改方案 (五到位)", "两级确认")
    assert len(rows) == 3
    name = district[enterprise]["name"]
    assert rows[1][:6] == (first["ledger_no"], name, "140525", "部门执法检查", "危险废物", "重大事故隐患")
    assert rows[1][8:14] == ("已交办", "否", "否", "丹源化工", "张丽娜", in_days(10))
    assert rows[2][0] == second["ledger_no"] and rows[2][4] == "VOCs回收" and rows[2][5] == "一般隐患"
    assert rows[2][8] == "已发现" and rows[2][15] in ("", None)


def test_a_hazard_as_it_was_before_its_assignment(client, users, district):
    enterprise = E(district, "003")
    hazard_id = _report(client, users, enterprise)["hazard_id"]
    between = datetime.now(timezone.utc)
    ok(client.post(f"/hazards/{hazard_id}/assignment", headers=users.county(),
                   json={"responsible_unit": "u", "responsible_person": "p", "deadline": in_days(3)}))
    then = ok(client.get(f"/hazards/{hazard_id}/as-of", headers=users.county(), params={"at": between.isoformat()}))
    now = ok(client.get(f"/hazards/{hazard_id}/as-of", headers=users.county(),
                        params={"at": datetime.now(timezone.utc).isoformat()}))
    assert (then["state"], then["version"]) == ("reported", 1)
    assert (now["state"], now["version"], now["deadline"]) == ("assigned", 2, in_days(3))
    before = client.get(f"/hazards/{hazard_id}/as-of", headers=users.county(),
                        params={"at": (between - timedelta(days=1)).isoformat()})
    assert before.status_code == 404


def test_back_trace_names_who_found_assigned_planned_verified_and_closed_it(client, users, district):
    enterprise = E(district, "004")
    hazard_id = _report(client, users, enterprise)["hazard_id"]
    ok(client.post(f"/hazards/{hazard_id}/assignment", headers=users.county(subject="u-wang"),
                   json={"responsible_unit": "u", "responsible_person": "p", "deadline": in_days(3)}))
    ok(client.post(f"/hazards/{hazard_id}/plan", headers=users.enterprise(enterprise), json=plan_body()))
    ok(client.post(f"/hazards/{hazard_id}/completion", headers=users.enterprise(enterprise),
                   json={"summary": "done", "attachments": [PHOTO]}))
    ok(client.post(f"/hazards/{hazard_id}/verification", headers=users.inspector(subject="u-zhao"),
                   json={"passed": True, "opinion": "ok"}))
    ok(client.post(f"/hazards/{hazard_id}/closure", headers=users.leader(subject="u-han"), json={}))
    trace = ok(client.get(f"/hazards/{hazard_id}/back-trace", headers=users.city()))
    assert trace["verified"] is True
    steps = {s["step"]: s["signed_by"] for s in trace["steps"]}
    assert steps["交办"]["subject"] == "u-wang" and steps["督查验收通过"]["subject"] == "u-zhao"
    assert steps["销号"]["subject"] == "u-han" and "group_leader" in steps["销号"]["roles"]
    assert list(steps) == ["发现", "交办", "整改方案", "整改完成", "督查验收通过", "销号"]


def test_zeroing_counts_major_hazards_open_new_and_closed_in_the_period(client, users, district):
    enterprise = E(district, "020", "140581")
    insp = users.inspector("140581")
    open_one = ok(client.post("/hazards", headers=insp, json=report_body(enterprise, domain="rto_incinerator")), 201)
    closed_one = ok(client.post("/hazards", headers=insp, json=report_body(enterprise, domain="rto_incinerator")), 201)
    ok(client.post("/hazards", headers=insp, json=report_body(enterprise, domain="rto_incinerator", grade="general",
                                                                grade_basis="一般")), 201)
    h = closed_one["hazard_id"]
    county = users.county("140581")
    ok(client.post(f"/hazards/{h}/assignment", headers=county,
                   json={"responsible_unit": "u", "responsible_person": "p", "deadline": in_days(3)}))
    ok(client.post(f"/hazards/{h}/plan", headers=users.enterprise(enterprise, "140581"), json=plan_body()))
    ok(client.post(f"/hazards/{h}/completion", headers=county, json={"summary": "s", "attachments": [PHOTO]}))
    ok(client.post(f"/hazards/{h}/verification", headers=county, json={"passed": True, "opinion": "ok"}))
    ok(client.post(f"/hazards/{h}/closure", headers=users.leader("140581"), json={}))
    # Other tests add to the county's figures too, so the check is the balance, not absolute numbers.
    rows = ok(client.get("/zeroing", headers=users.city(), params={
        "from": today().isoformat(), "to": today().isoformat(), "jurisdiction": "140581"}))["rows"]
    row = next(r for r in rows if r["county_code"] == "140581" and r["domain"] == "rto_incinerator")
    assert row["new"] >= 2 and row["closed"] >= 1
    assert row["open_at_end"] == row["open_at_start"] + row["new"] - row["closed"]
    assert open_one["hazard_id"]


def test_the_public_disclosure_lists_major_hazards_without_personal_data(client, users, district):
    enterprise = E(district, "005")
    created = _report(client, users, enterprise)
    ok(client.post(f"/hazards/{created['hazard_id']}/assignment", headers=users.county(),
                   json={"responsible_unit": "u", "responsible_person": "张丽娜", "deadline": in_days(3)}))
    page = ok(client.get("/public/hazards", params={"jurisdiction": "140525", "size": 200}))
    item = next(i for i in page["items"] if i["ledger_no"] == created["ledger_no"])
    assert item["state_label"] == "已交办" and item["domain_label"] == "危险废物"
    assert "张丽娜" not in str(item) and "responsible_person" not in item


def test_the_overdue_sweep_marks_a_hazard_past_its_deadline_once(client, users, district, hazard_engine):
    enterprise = E(district, "006")
    hazard_id = _report(client, users, enterprise)["hazard_id"]
    ok(client.post(f"/hazards/{hazard_id}/assignment", headers=users.county(),
                   json={"responsible_unit": "u", "responsible_person": "p", "deadline": in_days(1)}))
    # Two days later in Asia/Shanghai; two sweeps (as two replicas would) record it once.
    later = HazardService(hazard_engine, FixedClock(datetime.now(timezone.utc) + timedelta(days=2)))
    on_deadline = HazardService(hazard_engine, FixedClock(datetime.now(timezone.utc) + timedelta(days=1)))
    assert on_deadline.sweep_overdue([hazard_id]) == []
    assert later.sweep_overdue([hazard_id]) == [hazard_id]
    assert later.sweep_overdue([hazard_id]) == []
    row = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    assert row["overdue"] is True and row["version"] == 3
    assert ok(client.get("/ledger", headers=users.county(), params={"enterprise_id": enterprise,
                                                                    "overdue": True}))["total"] == 1
