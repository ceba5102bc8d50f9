"""The world of the report tests: a city of its own with two counties and a campaign, hazards published on the
hazard topic as the hazard service's relay would, inspections, cases and oversight work through the enforcement API."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta, timezone

from ecosafe.common.v1.common_pb2 import HazardGrade
from ecosafe.hazard.v1 import hazard_pb2 as pb
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope, source_for
from ecosafe_kit.messaging.publish import publish
from enforcement.adapters.dates import SHANGHAI
from enforcement_register import enterprise_body
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

    def overdue(self, hazard_id: str, enterprise_id: str, county: str, at: datetime | None = None) -> None:
        m = pb.HazardOverdue(hazard_id=hazard_id, ledger_no="x", jurisdiction_code=county, enterprise_id=enterprise_id)
        m.deadline.FromDatetime(at or now())
        self._send(hazard_id, m, at)

    def listed(self, hazard_id: str) -> None:
        self._send(hazard_id, pb.HazardListed(hazard_id=hazard_id, supervising_unit="市安委会", reason="重大隐患",
                                              supervisor="市局李处长"))

    def regraded(self, hazard_id: str, at: datetime | None = None) -> None:
        self._send(hazard_id, pb.HazardRegraded(hazard_id=hazard_id, grade=HazardGrade.HAZARD_GRADE_GENERAL,
                                                previous_grade=HazardGrade.HAZARD_GRADE_MAJOR, grade_basis="复核"), at)


class World:
    """A city of its own (a random code no other test uses) with two counties, a campaign over it since before the
    previous month, inspectors on the roster of each bureau."""

    def __init__(self, client, users, unique: str, targets: tuple[tuple[str, str, int], ...] = ()) -> None:
        self.client, self.users, self.unique = client, users, unique
        prefix = self._unused_city(client, users)
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
                "targets": [{"kind": kind, "level": level, "percent": percent, "start": start.isoformat(),
                             "end": end.isoformat()} for kind, level, percent in targets]}
        created = client.post("/campaigns", json=body, headers=self.city_officer)
        assert created.status_code == 201, created.text
        self.campaign = created.json()["campaign_id"]
        self.starts_on = start
        self.inspectors = {}
        for area in (self.city, self.county_a, self.county_b):
            self.inspectors[area] = [f"i-{area}-{n}-{unique}" for n in range(2)]
            for person in self.inspectors[area]:
                enrolled = client.post("/inspectors", json={"inspector_id": person, "name": f"执法员{person[-4:]}",
                                                            "jurisdiction_code": area}, headers=self.city_officer)
                assert enrolled.status_code == 201, enrolled.text

    @staticmethod
    def _unused_city(client, users) -> str:
        """A city prefix no earlier world used (its register is empty): the tables' expected figures are absolute,
        and the stack's data outlives a run."""
        for _ in range(50):
            province = random.choice(["45", "46", "50", "52", "53", "54", "62", "63", "64", "65"])
            prefix = f"{province}{random.randint(10, 99)}"
            taken = client.get("/enterprises", headers=users.admin(),
                               params={"jurisdiction": f"{prefix}00", "status": "all", "limit": 1})
            assert taken.status_code == 200, taken.text
            if taken.json()["total"] == 0:
                return prefix
        raise AssertionError("no unused city code left for the report tests")

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
