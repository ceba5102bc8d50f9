"""The seeds' rules on the real stack: hazard events on ecosafe.hazard.hazard (the test publishes them as the hazard
service's relay would, CloudEvents binary mode, protobuf) read by the enforcement service's consumer."""

from __future__ import annotations

from ecosafe.common.v1.common_pb2 import HazardGrade
from ecosafe.hazard.v1 import hazard_pb2 as pb
from enforcement_register import enterprise_body
from waiting import wait_for

BASIS = "《安全生产法》第一百零二条"


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


def test_self_report_on_time_is_spared_and_overdue_opens_a_case_once(client, users, hazard_stream):
    firm = register(client, users)
    hazard = hazard_stream(firm)
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
    hazard.again(overdue)  # delivered twice
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


def test_a_major_hazard_failing_verification_makes_a_dual_penalty_case(client, users, hazard_stream):
    firm = register(client, users)
    hazard = hazard_stream(firm)
    hazard.reported(source=pb.HAZARD_SOURCE_INSPECTION)
    hazard.assigned(deadline_in_days=10)
    hazard.send(pb.VerificationFailed(hazard_id=hazard.hazard_id, reasons=["防渗层仍破损"]), "县局验收组")
    opened = wait_for(lambda: cases_of(client, users, firm), timeout=120)
    assert opened[0]["rule"] == "persisting_major_hazard" and opened[0]["dual_penalty_proposed"]


def test_a_general_hazard_failing_verification_opens_no_case(client, users, hazard_stream):
    firm = register(client, users)
    general = hazard_stream(firm)
    general.reported(source=pb.HAZARD_SOURCE_INSPECTION, grade=HazardGrade.HAZARD_GRADE_GENERAL)
    general.send(pb.VerificationFailed(hazard_id=general.hazard_id, reasons=["未完成"]), "县局验收组")
    # then an overdue of the same hazard (same key, so read after the verification): its case is the only one
    general.overdue()
    opened = wait_for(lambda: cases_of(client, users, firm), timeout=120)
    assert [c["rule"] for c in opened] == ["overdue_hazard"]


def test_a_long_standing_major_hazard_and_repeated_penalties_propose_closure(client, users, hazard_stream, unique):
    firm = register(client, users)
    hazard = hazard_stream(firm)
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
