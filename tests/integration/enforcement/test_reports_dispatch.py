"""Seed 003's monthly dispatch table (调度表) on the real stack: a scripted month of a campaign over two counties and
the city, hazards of every channel published on the hazard topic as the hazard service's relay would, inspections
and every sanction through this service's API, the reports' consumer reading all of it from Kafka."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import create_engine, text

from ecosafe.hazard.v1 import hazard_pb2 as pb
from enforcement.adapters.dates import SHANGHAI
from enforcement.domain import reports_dispatch as d
from reports_world import BASIS, HAZARD_TOPIC, Hazards, World, last_month, this_month, zeros
from service_databases import migrated_database


@pytest.fixture
def world(client, users, unique) -> World:
    return World(client, users, unique)


@pytest.fixture
def hazards(kafka_bootstrap) -> Hazards:
    return Hazards(kafka_bootstrap)


def test_a_month_of_the_campaign_fills_every_row_with_city_and_county_apart(world, hazards, client):
    month, t = this_month()
    a1, a2, a3 = (world.enterprise(world.county_a) for _ in range(3))
    b1, b2 = world.enterprise(world.county_b), world.enterprise(world.county_b)
    w, A, B, C = world, world.county_a, world.county_b, world.city

    # Spot checks of this campaign: county A checks a1 twice (one enterprise, 家), a2, a3 (a finding); the city checks
    # b1 in county B (a finding: the city's, note 3); county B checks b2.
    w.inspect(A, a1, t, violated={"no_drills", "chaotic_outsourcing"})
    w.inspect(A, a1, t, violated={"principal_not_studied", "no_drills"})
    w.inspect(A, a2, t)
    finding_a3 = w.inspect(A, a3, t, violated={"no_drills"}, finding=True)
    finding_b1 = w.inspect(C, b1, t, violated={"uncertified_special_operations"}, finding=True)
    w.inspect(B, b2, t)

    # Hazards of every channel.
    h1 = hazards.reported(a1, A, pb.HAZARD_SOURCE_SELF_INSPECTION, t)
    hazards.closed(h1)
    hazards.reported(a2, A, pb.HAZARD_SOURCE_SELF_INSPECTION, t)
    h3 = hazards.reported(a1, A, pb.HAZARD_SOURCE_PUBLIC_REPORT, t)
    hazards.closed(h3)
    h4 = hazards.reported(b1, B, pb.HAZARD_SOURCE_SUPERIOR_REFERRAL, t)
    hazards.listed(h4)
    hazards.closed(h4)
    hazards.reported(b1, B, pb.HAZARD_SOURCE_INSPECTION, t, finding_id=finding_b1)  # the city's finding
    h6 = hazards.reported(a3, A, pb.HAZARD_SOURCE_INSPECTION, t, finding_id=finding_a3)
    hazards.closed(h6)
    hazards.reported(a2, A, pb.HAZARD_SOURCE_SELF_INSPECTION, t, major=False)  # a general hazard: not counted
    before_campaign = datetime.fromisoformat(world.table(month, A)["from"]) - timedelta(days=2)
    hazards.reported(a3, A, pb.HAZARD_SOURCE_PUBLIC_REPORT, before_campaign)  # found before the campaign
    h9 = hazards.reported(a2, A, pb.HAZARD_SOURCE_SELF_INSPECTION, t)
    hazards.regraded(h9)  # regraded general within the month: not counted
    hazards.reported(b2, B, pb.HAZARD_SOURCE_SELF_INSPECTION, t, campaign_id=str(uuid.uuid4()))  # another campaign's

    # Sanctions: county A fines a1 in one dual decision (100000.00 + 20000.00) and once more (8450.00): 2 次,
    # 12.845 万元 → 12.85 rounded half up; refers two persons (危险作业罪), suspends, admonishes and exposes a1,
    # publishes it as a typical case; exposes a2, punishes it jointly, suspends it, has its closure proposed and decided
    # by the county government (关闭取缔; a1's closure is only proposed).
    case1 = w.case(A, a1)
    w.act(A, case1, "penalties", {"decision_no": f"罚{w.unique}-1", "legal_basis": BASIS,
                                   "enterprise_amount_yuan": "100000.00", "principal_amount_yuan": "20000.00"})
    w.act(A, case1, "penalties", {"decision_no": f"罚{w.unique}-2", "legal_basis": BASIS,
                                   "enterprise_amount_yuan": "8450.00"})
    w.act(A, case1, "referral", {"authority": "甲县公安局", "persons": ["张丽娜", "李强"],
                                 "dangerous_operation_crime": True, "reason": "涉嫌危险作业罪"})
    w.act(A, case1, "suspension", {"reason": "停产整治"})
    w.act(A, case1, "admonitions", {"persons": ["张丽娜"], "note": "约谈"})
    w.act(A, case1, "exposures", {"channel": "市局网站", "note": "曝光"})
    w.act(A, case1, "typical-case", {"title": "危废非法贮存案", "summary": "典型案例", "dangerous_operation_crime": True})
    case2 = w.case(A, a2)
    w.act(A, case2, "exposures", {"channel": "晋城日报", "note": "曝光"})
    w.act(A, case2, "joint-punishment", {"departments": ["发展改革委"], "reason": "失信"})
    w.act(A, case2, "closure-proposal", {"reason": "多次处罚仍未整改"})
    w.act(A, case1, "closure-proposal", {"reason": "提请关闭"})  # proposed only: not 关闭取缔
    w.act(A, case2, "closure-decision", {"government": "甲县人民政府", "document_no": f"甲政发〔{w.unique}〕1号",
                                         "decided_on": t.astimezone(SHANGHAI).date().isoformat()})
    w.act(A, case2, "suspension", {"reason": "停产整治"})
    # The city fines b1 (3.00 万元) and publishes a typical case without 危险作业罪: the city's, not county B's.
    case3 = w.case(C, b1)
    w.act(C, case3, "penalties", {"decision_no": f"罚{w.unique}-3", "legal_basis": BASIS,
                                   "enterprise_amount_yuan": "30000.00"})
    w.act(C, case3, "typical-case", {"title": "跨县抽查发现案", "summary": "典型案例"})

    # Oversight work: the city guides county A twice, holds three persons accountable, admonishes county B;
    # county A guides two enterprises, county B one.
    w.oversight(C, "guidance_area", t, target=A)
    w.oversight(C, "guidance_area", t, target=A)
    w.oversight(C, "accountability", t, persons=3)
    w.oversight(C, "bureau_admonition", t, target=B)
    w.oversight(A, "guidance_enterprise", t, target=a1)
    w.oversight(A, "guidance_enterprise", t, target=a2)
    w.oversight(B, "guidance_enterprise", t, target=b1)

    county_a = {**zeros(), "1-1": 2, "1-2": 1, "1-3": 1, "1-4": 1, "1-5": 1, "1-6": 1,
                "2-1": 3, "2-2": 1, "2-7": 1, "2-8": 2,
                "3-2": 2, "3-3": 2, "3-3-amount": "12.85", "3-4": 1, "3-5": 2, "3-6": 2, "3-6-closure": 1,
                "3-7": 2, "3-8": 1, "3-8-crime": 1}
    county_b = {**zeros(), "1-7": 1, "1-8": 1, "1-9": 1, "1-10": 1, "2-1": 1, "3-2": 1}
    city = {**zeros(), "1-3": 1, "2-1": 1, "2-6": 1, "3-1": 2, "3-3": 1, "3-3-amount": "3.00", "3-8": 1, "3-9": 3,
            "3-10": 1}
    # The city's second table (note 4): its own and its counties' together, enterprises still distinct 家.
    area = {**zeros(), "1-1": 2, "1-2": 1, "1-3": 2, "1-4": 1, "1-5": 1, "1-6": 1, "1-7": 1, "1-8": 1, "1-9": 1,
            "1-10": 1, "2-1": 5, "2-2": 1, "2-6": 1, "2-7": 1, "2-8": 2, "3-1": 2, "3-2": 3, "3-3": 3,
            "3-3-amount": "15.85", "3-4": 1, "3-5": 2, "3-6": 2, "3-6-closure": 1, "3-7": 2, "3-8": 2, "3-8-crime": 1,
            "3-9": 3, "3-10": 1}
    world.settle(month, {(A, "unit"): county_a, (B, "unit"): county_b, (C, "unit"): city, (C, "area"): area})

    table = world.table(month, A)
    assert [s["label"] for s in table["sections"]] == list(d.SECTIONS.values())
    assert [len(s["rows"]) for s in table["sections"]] == [10, 8, 10]
    assert table["sections"][1]["rows"][6]["form_label"] == "外包外租安全管理混乱（家）"
    assert table["sections"][2]["rows"][2]["text"] == "2次，12.85万元"
    assert table["sections"][2]["rows"][5]["text"] == "（停产）2 （关闭）1"
    assert table["sections"][2]["rows"][7]["text"] == "1，其中危险作业罪案例1"
    assert not table["final"] and table["late_entries"] == []

    # Every number links to its records.
    drill = client.get(f"/reports/campaigns/{world.campaign}/dispatch/figures/1-1", headers=world.city_officer,
                       params={"month": month, "unit": A}).json()
    assert drill["value"] == 2 and {i["enterprise_id"] for i in drill["items"]} == {a1, a2}
    assert all(i["kind"] == "hazard" and i["ledger_no"].startswith(A) for i in drill["items"])
    amounts = client.get(f"/reports/campaigns/{world.campaign}/dispatch/figures/3-3-amount",
                         headers=world.city_officer, params={"month": month, "unit": A}).json()
    assert sorted(i["amount_fen"] for i in amounts["items"]) == [845_000, 2_000_000, 10_000_000]
    assert amounts["items"][0]["enterprise"]["name"].startswith("测试化工有限公司")
    page = client.get(f"/reports/campaigns/{world.campaign}/dispatch.html", headers=world.city_officer,
                      params={"month": month, "unit": A})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert d.TITLE in page.text and "单位：" in page.text
    assert f"/reports/campaigns/{world.campaign}/dispatch/figures/3-3-amount.html?" in page.text
    records = client.get(f"/reports/campaigns/{world.campaign}/dispatch/figures/3-5.html", headers=world.city_officer,
                         params={"month": month, "unit": A})
    assert records.status_code == 200 and "移送司法机关（人）：2" in records.text

    # The .xlsx laid out like the form, cell by cell.
    xlsx = client.get(f"/reports/campaigns/{world.campaign}/dispatch.xlsx", headers=world.city_officer,
                      params={"month": month, "unit": A})
    assert xlsx.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert ws["A1"].value == d.TITLE and ws["A2"].value == "单位" and ws["A3"].value == "时间："
    assert A in ws["B2"].value and table["as_of"] in ws["B3"].value
    assert {str(r) for r in ws.merged_cells.ranges} >= {"A1:G1", "A4:A8", "A9:A12", "A13:A17"}
    assert [ws.cell(r, 1).value for r in (4, 9, 13)] == list(d.SECTIONS.values())
    form = [(s, row) for s in table["sections"] for row in s["rows"]]
    line = 4
    for section in table["sections"]:
        rows = section["rows"]
        for left, right in zip(rows[0::2], rows[1::2]):
            for col, row in ((2, left), (5, right)):
                assert ws.cell(line, col).value == row["no"]
                assert ws.cell(line, col + 1).value == row["form_label"]
                want = county_a[row["figures"][0]["key"]] if len(row["figures"]) == 1 else row["text"]
                assert ws.cell(line, col + 2).value == want, (line, col, row["label"])
            line += 1
    assert len(form) == 28 and line == 18
    assert ws.cell(4, 3).value == "企业自查发现的重大事故隐患（个）" and ws.cell(4, 4).value == 2
    assert ws.cell(17, 6).value == "约谈通报有关市县及部门（次）" and ws.cell(17, 7).value == 0
    assert ws.cell(19, 1).value.startswith("注：1. 专项行动领导小组办公室")
    assert ws.cell(21, 1).value.startswith("3. 调度表中明确提出市、县两级")


def test_a_past_month_is_unchanged_by_later_events_and_shows_facts_entered_late(world, hazards, client):
    past, p = last_month()
    month, t = this_month()
    A = world.county_a
    a1, a2 = world.enterprise(A), world.enterprise(A)
    h1 = hazards.reported(a1, A, pb.HAZARD_SOURCE_SELF_INSPECTION, p)
    hazards.closed(h1, at=p + timedelta(days=3))  # closed (销号) within the month
    h2 = hazards.reported(a2, A, pb.HAZARD_SOURCE_SELF_INSPECTION, p)
    world.inspect(A, a1, p + timedelta(days=1), violated={"no_drills"})
    world.oversight(A, "guidance_enterprise", p, target=a1)
    past_table = {**zeros(), "1-1": 2, "1-2": 1, "2-1": 1, "2-8": 1, "3-2": 1}
    world.settle(past, {(A, "unit"): past_table})
    first = world.table(past, A)
    assert first["final"] and first["first_generated_at"] and first["late_entries"] == []

    # Later events: h2 closed now, h1 regraded general now, a new hazard, a check and a guidance visit this month.
    hazards.closed(h2)
    hazards.regraded(h1)
    hazards.reported(a2, A, pb.HAZARD_SOURCE_PUBLIC_REPORT, t)
    world.inspect(A, a2, t, violated={"chaotic_outsourcing"})
    world.oversight(A, "guidance_enterprise", t, target=a2)
    world.settle(month, {(A, "unit"): {**zeros(), "1-1": 1, "1-2": 1, "1-5": 1, "2-1": 2, "2-7": 1, "2-8": 1,
                                       "3-2": 2}})
    again = world.table(past, A)
    assert world.cells(past, A) == past_table
    assert again["first_generated_at"] == first["first_generated_at"] and again["late_entries"] == []

    # A hazard found last month, entered only now: the regenerated table counts it and says so.
    late = hazards.reported(a2, A, pb.HAZARD_SOURCE_PUBLIC_REPORT, p + timedelta(days=2))
    world.settle(past, {(A, "unit"): {**past_table, "1-5": 1}})
    regenerated = world.table(past, A)
    assert regenerated["regenerated"] and regenerated["first_generated_at"] == first["first_generated_at"]
    assert [(e["id"], e["figures"]) for e in regenerated["late_entries"]] == [(late, ["1-5"])]
    row = regenerated["sections"][0]["rows"][4]
    assert row["figures"][0]["late"] == 1 and row["figures"][0]["value"] == 1
    drill = client.get(f"/reports/campaigns/{world.campaign}/dispatch/figures/1-5", headers=world.city_officer,
                       params={"month": past, "unit": A}).json()
    assert [(i["id"], i["late"]) for i in drill["items"]] == [(late, True)]
    page = client.get(f"/reports/campaigns/{world.campaign}/dispatch.html", headers=world.city_officer,
                      params={"month": past, "unit": A}).text
    assert "补录" in page and late in page


def test_bad_requests_name_the_field_and_strangers_see_nothing(world, client, users):
    url = f"/reports/campaigns/{world.campaign}/dispatch"
    month, _ = this_month()
    bad_month = client.get(url, headers=world.city_officer, params={"month": "2023-13"})
    assert bad_month.status_code == 422 and bad_month.headers["content-type"].startswith("application/problem+json")
    assert bad_month.json()["errors"][0]["field"] == "month"
    early = client.get(url, headers=world.city_officer, params={"month": "2001-01"})
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "month"
    outside = client.get(url, headers=world.city_officer, params={"month": month, "unit": "140525"})
    assert outside.status_code == 422 and outside.json()["errors"][0]["field"] == "unit"
    other_county = client.get(url, headers=world.officers[world.county_a], params={"month": month,
                                                                                  "unit": world.county_b})
    assert other_county.status_code == 403
    assert client.get(url, headers=users.county("140525"), params={"month": month}).status_code == 404
    firm_user = users.token("enterprise_user", jurisdiction=world.county_a, enterprise_id="e-1", name="企业安全员")
    assert client.get(url, headers=firm_user, params={"month": month, "unit": world.county_a}).status_code == 403
    assert client.get("/reports/weekly", headers=firm_user, params={"week": "2026-W01"}).status_code == 403
    unknown = client.get(f"{url}/figures/9-9", headers=world.city_officer, params={"month": month})
    assert unknown.status_code == 404
    activity = client.post("/reports/oversight-activities", headers=world.city_officer, json={
        "kind": "accountability", "bureau_code": world.city, "occurred_on": datetime.now(timezone.utc).isoformat(),
        "persons": 0})
    assert activity.status_code == 422 and activity.json()["errors"][0]["field"] == "persons"
    foreign = client.post("/reports/oversight-activities", headers=world.officers[world.county_a], json={
        "kind": "guidance_enterprise", "bureau_code": world.county_b, "target": "x",
        "occurred_on": datetime.now(timezone.utc).isoformat()})
    assert foreign.status_code == 403


def test_reconciliation_names_a_fact_the_read_model_lost_and_a_replay_rebuilds_it(
        world, hazards, client, enforcement_engine, enforcement_settings, database_url, kafka_bootstrap):
    month, t = this_month()
    A = world.county_a
    firm = world.enterprise(A)
    kept = hazards.reported(firm, A, pb.HAZARD_SOURCE_SELF_INSPECTION, t)
    lost = hazards.reported(firm, A, pb.HAZARD_SOURCE_PUBLIC_REPORT, t)
    hazards.closed(lost)
    case = world.case(A, firm)
    world.act(A, case, "penalties", {"decision_no": f"罚{world.unique}", "legal_basis": BASIS,
                                     "enterprise_amount_yuan": "1234.56"})
    world.settle(month, {(A, "unit"): {**zeros(), "1-1": 1, "1-5": 1, "1-6": 1, "3-3": 1, "3-3-amount": "0.12"}})

    # The read model loses this test's public report (as a broken projection would): reconciliation names the cells.
    with enforcement_engine.begin() as conn:
        row = conn.execute(text("DELETE FROM rep_facts WHERE subject_id = :h AND kind = 'hazard_reported' "
                                "RETURNING *"), {"h": lost}).mappings().one()
    try:
        result = world.reconciled(month, A)
        assert not result["equal"] and result["facts_replayed"] > 0
        # Its closure counts only under a known report: 1-6 differs too.
        assert [(x["figure"], x["read_model"], x["events"]) for x in result["differences"]] == [
            ("1-5", 0, 1), ("1-6", 0, 1)]
        assert result["differences"][0]["only_in_events"] == [row["fact_id"]]
        assert result["differences"][0]["label"] == "群众举报的重大事故隐患"
    finally:
        with enforcement_engine.begin() as conn:
            conn.execute(text("INSERT INTO rep_facts VALUES (:fact_id, :kind, :subject_id, :unit_code, "
                              ":enterprise_id, :happened_at, :entered_at, :campaign_id, CAST(:data AS jsonb))"),
                         {**row, "data": json.dumps(row["data"])})
    assert world.reconciled(month, A)["equal"]
    # The same from the command line (exit code 0 when equal).
    command = subprocess.run(
        [str(Path(sys.executable).parent / "ecosafe-enforcement-reports"), "reconcile", "--campaign", world.campaign,
         "--month", month, "--unit", A], capture_output=True, text=True, timeout=120,
        env={**os.environ, "ECOSAFE_DATABASE_URL": enforcement_settings.database_url,
             "ECOSAFE_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap})
    assert command.returncode == 0, command.stderr[-2000:]
    assert json.loads(command.stdout)["equal"] is True

    # Rebuilt from scratch by replaying the store and the hazard topic, into a database of its own.
    from enforcement.reports.dispatch import DispatchReports
    from enforcement.reports.reconcile import Reconciliation
    target = create_engine(migrated_database(database_url, "enforcement_reports_rebuild", "enforcement"))
    try:
        replayed = Reconciliation(enforcement_engine, DispatchReports(enforcement_engine), kafka_bootstrap,
                                  HAZARD_TOPIC).rebuild(target)
        assert replayed > 0
        mine = "SELECT fact_id, kind, unit_code, happened_at, data FROM rep_facts WHERE subject_id IN (:a, :b, :c) " \
               "ORDER BY fact_id"
        ids = {"a": kept, "b": lost, "c": case}
        with enforcement_engine.connect() as live, target.connect() as rebuilt:
            before = live.execute(text(mine), ids).all()
            after = rebuilt.execute(text(mine), ids).all()
        assert len(before) == 5 and after == before  # two reports, a closure, the case opened, its penalty
    finally:
        target.dispose()
