"""Seed 003's monthly dispatch table (调度表) on the real stack: a scripted month of a campaign over two counties and
the city, hazards of every channel published on the hazard topic as the hazard service's relay would, inspections
and every sanction through this service's API, the reports' consumer reading all of it from Kafka."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import create_engine, text

from ecosafe.common.v1.common_pb2 import HazardGrade
from ecosafe.hazard.v1 import hazard_pb2 as pb
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope, source_for
from ecosafe_kit.messaging.publish import publish
from enforcement.adapters.dates import SHANGHAI
from enforcement.domain import reports_dispatch as d
from enforcement_register import enterprise_body
from service_databases import migrated_database
from waiting import wait_for

HAZARD_TOPIC = "ecosafe.hazard.hazard"
CHECKLIST = ["principal_not_studied", "principal_not_leading_checks", "no_responsibility_list",
             "no_safety_organisation", "uncertified_special_operations", "chaotic_outsourcing", "no_drills"]
BASIS = "《安全生产法》第一百零二条"
ALL_KEYS = ([f"1-{n}" for n in range(1, 11)] + [f"2-{n}" for n in range(1, 9)]
            + ["3-1", "3-2", "3-3", "3-3-amount", "3-4", "3-5", "3-6", "3-6-closure", "3-7", "3-8", "3-8-crime",
               "3-9", "3-10"])


def zeros() -> dict:
    return {k: ("0.00" if k == "3-3-amount" else 0) for k in ALL_KEYS}


def month_start(day: date) -> datetime:
    return datetime(day.year, day.month, 1, tzinfo=SHANGHAI).astimezone(timezone.utc)


def now() -> datetime:
    return datetime.now(timezone.utc)


def this_month() -> tuple[str, datetime]:
    """The current month (Shanghai) and a moment inside it before now."""
    today = datetime.now(SHANGHAI).date()
    start = month_start(today)
    return f"{today.year}-{today.month:02d}", start + (now() - start) / 2


def last_month() -> tuple[str, datetime]:
    """The previous month and a moment in its middle."""
    first_of_this = month_start(datetime.now(SHANGHAI).date())
    previous = (first_of_this.astimezone(SHANGHAI) - timedelta(days=1)).date()
    return f"{previous.year}-{previous.month:02d}", month_start(previous) + timedelta(days=14)


class Hazards:
    """Hazards published on ecosafe.hazard.hazard as the hazard service's relay publishes them; `occurred_at` of an
    event is when it was recorded there."""

    def __init__(self, bootstrap: str) -> None:
        self.bootstrap = bootstrap
        self.versions: dict[str, int] = {}

    def _send(self, hazard_id: str, message, at: datetime | None = None, jurisdiction: str = "") -> None:
        self.versions[hazard_id] = self.versions.get(hazard_id, 0) + 1
        publish(self.bootstrap, HAZARD_TOPIC, [EventEnvelope(
            event_id=uuid.uuid4(), event_type=message.DESCRIPTOR.full_name, source=source_for("hazard"),
            stream_type="hazard", stream_id=hazard_id, version=self.versions[hazard_id], occurred_at=at or now(),
            signer=Signer("u-hazard", "隐患台账", (), jurisdiction), content_type="application/protobuf",
            payload=message.SerializeToString())])

    def reported(self, enterprise_id: str, county: str, source, found_at: datetime, *, major: bool = True,
                 finding_id: str | None = None, campaign_id: str | None = None) -> str:
        hazard_id = str(uuid.uuid4())
        m = pb.HazardReported(
            hazard_id=hazard_id, ledger_no=f"{county}-{hazard_id[:6]}", enterprise_id=enterprise_id,
            enterprise_name="测试企业", jurisdiction_code=county, source=source, domain="hazardous_waste",
            grade=HazardGrade.HAZARD_GRADE_MAJOR if major else HazardGrade.HAZARD_GRADE_GENERAL,
            grade_basis="第三条", description="危废暂存库防渗层破损", site="危废暂存库")
        if finding_id:
            m.finding_id = finding_id
        if campaign_id:
            m.campaign_id = campaign_id
        m.found_at.FromDatetime(found_at)
        self._send(hazard_id, m, jurisdiction=county)
        return hazard_id

    def closed(self, hazard_id: str, at: datetime | None = None) -> None:
        self._send(hazard_id, pb.HazardClosed(hazard_id=hazard_id, note="组长审核签字销号"), at)

    def listed(self, hazard_id: str) -> None:
        self._send(hazard_id, pb.HazardListed(hazard_id=hazard_id, supervising_unit="市安委会", reason="重大隐患",
                                              supervisor="市局李处长"))

    def regraded(self, hazard_id: str, at: datetime | None = None) -> None:
        self._send(hazard_id, pb.HazardRegraded(hazard_id=hazard_id, grade=HazardGrade.HAZARD_GRADE_GENERAL,
                                                previous_grade=HazardGrade.HAZARD_GRADE_MAJOR, grade_basis="复核"), at)


class World:
    """A city of its own (a random code no other test uses) with two counties, a campaign over it since before the
    previous month, inspectors on the roster of each bureau."""

    def __init__(self, client, users, unique: str) -> None:
        self.client, self.users, self.unique = client, users, unique
        prefix = f"{random.choice(['45', '46', '50', '52', '53', '54', '62', '63', '64', '65'])}{random.randint(10, 99)}"
        self.city, self.county_a, self.county_b = f"{prefix}00", f"{prefix}21", f"{prefix}22"
        self.city_officer = users.token("city_officer", jurisdiction=self.city, name="市局李处长")
        self.officers = {self.city: self.city_officer, self.county_a: users.county(self.county_a, name="甲县王科长"),
                         self.county_b: users.county(self.county_b, name="乙县赵科长")}
        start = (month_start(datetime.now(SHANGHAI).date()).astimezone(SHANGHAI) - timedelta(days=45)).date()
        end = date.today() + timedelta(days=90)
        body = {"name": "危险废物领域重大事故隐患专项排查整治2023行动", "issuing_bureau": "测试市生态环境局",
                "jurisdiction_code": self.city, "start": start.isoformat(), "end": end.isoformat(),
                "scope": {"sectors": ["hazardous_waste"], "risk_levels": ["major"]},
                "phases": [{"phase": "enforcement", "start": start.isoformat(), "end": end.isoformat()}],
                "targets": []}
        created = client.post("/campaigns", json=body, headers=self.city_officer)
        assert created.status_code == 201, created.text
        self.campaign = created.json()["campaign_id"]
        self.inspectors = {}
        for area in (self.city, self.county_a, self.county_b):
            self.inspectors[area] = [f"i-{area}-{n}-{unique}" for n in range(2)]
            for person in self.inspectors[area]:
                enrolled = client.post("/inspectors", json={"inspector_id": person, "name": f"执法员{person[-4:]}",
                                                            "jurisdiction_code": area}, headers=self.city_officer)
                assert enrolled.status_code == 201, enrolled.text

    def enterprise(self, county: str) -> str:
        created = self.client.post("/enterprises", json=enterprise_body(jurisdiction_code=county, industry="N7724"),
                                   headers=self.officers[county])
        assert created.status_code == 201, created.text
        return created.json()["enterprise_id"]

    def inspect(self, bureau: str, enterprise_id: str, at: datetime, violated=(), finding: bool = False) -> str | None:
        """A campaign inspection by `bureau`'s officer and inspectors, completed at `at`; the finding's id if any."""
        officer = self.officers[bureau]
        planned = self.client.post("/inspections", headers=officer, json={
            "enterprise_id": enterprise_id, "campaign_id": self.campaign, "mode": "unannounced",
            "planned_for": at.astimezone(SHANGHAI).date().isoformat(), "inspector_ids": self.inspectors[bureau]})
        assert planned.status_code == 201, planned.text
        completion = {"checklist": [{"item": i, "violated": i in violated} for i in CHECKLIST], "summary": "现场检查",
                      "completed_at": at.isoformat()}
        if finding:
            completion["findings"] = [{"domain": "hazardous_waste", "description": "危废混存, 不相容物质未分区",
                                       "suggested_grade": "major", "grade_basis": "第三条"}]
        done = self.client.post(f"{planned.headers['Location']}/completion", json=completion, headers=officer)
        assert done.status_code == 200, done.text
        return done.json()["finding_ids"][0] if finding else None

    def case(self, bureau: str, enterprise_id: str) -> str:
        opened = self.client.post("/cases", headers=self.officers[bureau], json={
            "enterprise_id": enterprise_id, "origin": "direct", "legal_basis": BASIS, "description": "检查发现违法"})
        assert opened.status_code == 201, opened.text
        return opened.json()["case_id"]

    def act(self, bureau: str, case_id: str, what: str, body: dict) -> None:
        answer = self.client.post(f"/cases/{case_id}/{what}", headers=self.officers[bureau], json=body)
        assert answer.status_code in (200, 201), answer.text

    def oversight(self, bureau: str, kind: str, at: datetime, target: str = "", persons: int = 0) -> None:
        answer = self.client.post("/reports/oversight-activities", headers=self.officers[bureau], json={
            "kind": kind, "bureau_code": bureau, "campaign_id": self.campaign, "occurred_on": at.isoformat(),
            "target": target, "persons": persons, "note": "测试"})
        assert answer.status_code == 201, answer.text

    def table(self, month: str, unit: str, scope: str = "unit", suffix: str = "") -> dict:
        answer = self.client.get(f"/reports/campaigns/{self.campaign}/dispatch{suffix}", headers=self.city_officer,
                                 params={"month": month, "unit": unit, "scope": scope})
        assert answer.status_code == 200, answer.text
        return answer.json()

    def cells(self, month: str, unit: str, scope: str = "unit") -> dict:
        return {f["key"]: f["value"] for s in self.table(month, unit, scope)["sections"] for r in s["rows"]
                for f in r["figures"]}

    def reconciled(self, month: str, unit: str, scope: str = "unit") -> dict:
        answer = self.client.post(f"/reports/campaigns/{self.campaign}/dispatch/reconciliation",
                                  headers=self.users.admin(), params={"month": month, "unit": unit, "scope": scope})
        assert answer.status_code == 200, answer.text
        return answer.json()

    def settle(self, month: str, expected: dict[tuple[str, str], dict]) -> None:
        """Wait until the consumer has read everything the expected tables need, compare each in full, then
        reconcile each with the events themselves."""
        def all_equal():
            return all(self.cells(month, unit, scope) == want for (unit, scope), want in expected.items())
        try:
            wait_for(all_equal, timeout=120, interval=1)
        finally:
            for (unit, scope), want in expected.items():
                got = self.cells(month, unit, scope)
                assert got == want, {k: (got.get(k), v) for k, v in want.items() if got.get(k) != v}
        for unit, scope in expected:
            reconciliation = self.reconciled(month, unit, scope)
            assert reconciliation["equal"] and reconciliation["differences"] == [], reconciliation["differences"]


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
    # publishes it as a typical case; exposes a2, punishes it jointly and proposes its closure, suspends it.
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
