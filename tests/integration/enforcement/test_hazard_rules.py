"""The seeds' rules on the real stack: hazard events on ecosafe.hazard.hazard (the test publishes them as the hazard
service's relay would, CloudEvents binary mode, protobuf) read by the enforcement service's consumer."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from ecosafe.common.v1.common_pb2 import HazardGrade
from ecosafe.hazard.v1 import hazard_pb2 as pb
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope, source_for
from ecosafe_kit.messaging.publish import publish
from enforcement_register import enterprise_body
from waiting import wait_for

HAZARD_TOPIC = "ecosafe.hazard.hazard"
BASIS = "《安全生产法》第一百零二条"


class HazardStream:
    """One hazard's events, numbered as the hazard service's store numbers them."""

    def __init__(self, bootstrap: str, enterprise_id: str) -> None:
        self.bootstrap = bootstrap
        self.enterprise_id = enterprise_id
        self.hazard_id = str(uuid.uuid4())
        self.version = 0
        self.sent: list[EventEnvelope] = []

    def send(self, message, signer_name: str = "企业安全员") -> EventEnvelope:
        self.version += 1
        envelope = EventEnvelope(
            event_id=uuid.uuid4(), event_type=message.DESCRIPTOR.full_name, source=source_for("hazard"),
            stream_type="hazard", stream_id=self.hazard_id, version=self.version,
            occurred_at=datetime.now(timezone.utc), signer=Signer(f"u-{signer_name}", signer_name, (), "140525"),
            content_type="application/protobuf", payload=message.SerializeToString())
        publish(self.bootstrap, HAZARD_TOPIC, [envelope])
        self.sent.append(envelope)
        return envelope

    def reported(self, source=pb.HAZARD_SOURCE_SELF_INSPECTION, grade=HazardGrade.HAZARD_GRADE_MAJOR,
                 found_days_ago: int = 1) -> None:
        message = pb.HazardReported(
            hazard_id=self.hazard_id, ledger_no=f"140525-2026-07-{self.hazard_id[:4]}", enterprise_id=self.enterprise_id,
            enterprise_name="测试企业", jurisdiction_code="140525", source=source, domain="hazardous_waste",
            grade=grade, grade_basis="第三条", description="危废暂存库防渗层破损", site="危废暂存库")
        message.found_at.FromDatetime(datetime.now(timezone.utc) - timedelta(days=found_days_ago))
        self.send(message)

    def assigned(self, deadline_in_days: int) -> None:
        message = pb.HazardAssigned(hazard_id=self.hazard_id, responsible_unit="设备部", responsible_person="刘工")
        message.deadline.FromDatetime(datetime.now(timezone.utc) + timedelta(days=deadline_in_days))
        self.send(message, "县局王科长")

    def overdue(self) -> EventEnvelope:
        message = pb.HazardOverdue(hazard_id=self.hazard_id, ledger_no="x", jurisdiction_code="140525",
                                   enterprise_id=self.enterprise_id)
        message.deadline.FromDatetime(datetime.now(timezone.utc))
        return self.send(message, "隐患服务")


def register(client, users) -> str:
    created = client.post("/enterprises", json=enterprise_body(principal_name="张丽娜"), headers=users.county())
    assert created.status_code == 201, created.text
    return created.json()["enterprise_id"]


def cases_of(client, users, enterprise_id) -> list[dict]:
    return client.get("/cases", params={"enterprise_id": enterprise_id}, headers=users.county()).json()["items"]


def open_for_hazard(client, users, enterprise_id, hazard_id):
    return client.post("/cases", headers=users.county(), json={
        "enterprise_id": enterprise_id, "origin": "hazard", "hazard_id": hazard_id, "legal_basis": BASIS,
        "description": "隐患立案"})


def test_self_report_on_time_is_spared_and_overdue_opens_a_case_once(client, users, kafka_bootstrap):
    firm = register(client, users)
    hazard = HazardStream(kafka_bootstrap, firm)
    hazard.reported()
    hazard.assigned(deadline_in_days=10)

    def refused_as_spared():
        answer = open_for_hazard(client, users, firm, hazard.hazard_id)
        assert answer.status_code in (409, 422), answer.text  # 422 until the consumer knows the hazard
        return answer if answer.status_code == 409 else None

    refused = wait_for(refused_as_spared, timeout=120)
    assert refused.json()["rule"] == "self_report_spares_penalty"
    assert "不予行政处罚" in refused.json()["detail"]
    assert cases_of(client, users, firm) == []

    overdue = hazard.overdue()
    publish(kafka_bootstrap, HAZARD_TOPIC, [overdue])  # delivered twice
    hazard.overdue()  # and the hazard service emitting it again
    opened = wait_for(lambda: cases_of(client, users, firm), timeout=120)
    case = client.get(f"/cases/{opened[0]['case_id']}", headers=users.county()).json()
    assert case["origin"] == "hazard" and case["hazard_id"] == hazard.hazard_id
    assert case["rule"] == "overdue_hazard" and "隐患未按时整改的，一律依法依规立案处罚" in case["legal_basis"]
    assert case["opened_by"]["subject"] == "system:enforcement-rules"
    # A later event of the same hazard (same key, same partition) is read after the repeated overdue ones: once
    # its case is there, they have been read, and they opened no second overdue case.
    hazard.send(pb.VerificationFailed(hazard_id=hazard.hazard_id, reasons=["防渗层仍破损"]), "县局验收组")
    both = wait_for(lambda: len(cases_of(client, users, firm)) == 2 and cases_of(client, users, firm), timeout=120)
    assert sorted(c["rule"] for c in both) == ["overdue_hazard", "persisting_major_hazard"]
    # Overdue, the self-report spares no longer: an officer may open a case for it too.
    assert open_for_hazard(client, users, firm, hazard.hazard_id).status_code == 201


def test_a_major_hazard_failing_verification_makes_a_dual_penalty_case(client, users, kafka_bootstrap):
    firm = register(client, users)
    hazard = HazardStream(kafka_bootstrap, firm)
    hazard.reported(source=pb.HAZARD_SOURCE_INSPECTION)
    hazard.assigned(deadline_in_days=10)
    hazard.send(pb.VerificationFailed(hazard_id=hazard.hazard_id, reasons=["防渗层仍破损"]), "县局验收组")
    opened = wait_for(lambda: cases_of(client, users, firm), timeout=120)
    assert opened[0]["rule"] == "persisting_major_hazard" and opened[0]["dual_penalty_proposed"]


def test_a_general_hazard_failing_verification_opens_no_case(client, users, kafka_bootstrap):
    firm = register(client, users)
    general = HazardStream(kafka_bootstrap, firm)
    general.reported(source=pb.HAZARD_SOURCE_INSPECTION, grade=HazardGrade.HAZARD_GRADE_GENERAL)
    general.send(pb.VerificationFailed(hazard_id=general.hazard_id, reasons=["未完成"]), "县局验收组")
    # then an overdue of the same hazard (same key, so read after the verification): its case is the only one
    general.overdue()
    opened = wait_for(lambda: cases_of(client, users, firm), timeout=120)
    assert [c["rule"] for c in opened] == ["overdue_hazard"]


def test_a_long_standing_major_hazard_and_repeated_penalties_propose_closure(client, users, kafka_bootstrap, unique):
    firm = register(client, users)
    hazard = HazardStream(kafka_bootstrap, firm)
    hazard.reported(source=pb.HAZARD_SOURCE_INSPECTION, found_days_ago=120)
    wait_for(lambda: open_for_hazard(client, users, firm, hazard.hazard_id).status_code == 201, timeout=120)
    officer = users.county()
    first = cases_of(client, users, firm)[0]["case_id"]
    second = client.post("/cases", headers=officer, json={
        "enterprise_id": firm, "origin": "direct", "legal_basis": BASIS, "description": "再次违法"}).json()["case_id"]

    def penalise(case_id, n):
        answer = client.post(f"/cases/{case_id}/penalties", headers=officer, json={
            "decision_no": f"罚{unique}-{n}", "legal_basis": BASIS, "enterprise_amount_yuan": "50000"})
        assert answer.status_code == 200, answer.text

    penalise(first, 1)
    assert not client.get(f"/cases/{first}", headers=officer).json()["closure_proposed"]
    penalise(second, 2)
    case = client.get(f"/cases/{second}", headers=officer).json()
    assert case["closure_proposed"] and case["principal_industry_ban"]
    proposal = [m for m in case["measures"] if m["kind"] == "ClosureProposed"][0]
    assert proposal["details"]["rule"] == "long_standing_major_hazard"
    assert proposal["signed_by"]["subject"] == "system:enforcement-rules"
