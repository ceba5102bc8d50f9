"""Seed 003's closure rule checked periodically on the real stack: a major hazard (its events on the hazard topic, read
by the service's consumer) becomes long-standing after the enterprise's second penalty; the worker's round, with its
clock set, proposes closure once."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

from ecosafe.hazard.v1 import hazard_pb2 as pb
from enforcement.service_layer.cases import Cases
from enforcement.service_layer.closure_check import ClosureCheck
from enforcement_register import enterprise_body
from waiting import wait_for

BASIS = "《安全生产法》第一百零二条"

LATER = datetime.now(timezone.utc) + timedelta(days=40)  # the hazards below, found 60 days ago, are 100 days old


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


def penalised(client, users, hazard_stream, unique, times: int) -> str:
    """An enterprise with a major hazard found 60 days ago (a case for it) and `times` penalty decisions."""
    firm = register(client, users)
    hazard = hazard_stream(firm)
    hazard.reported(source=pb.HAZARD_SOURCE_INSPECTION, found_days_ago=60)
    wait_for(lambda: open_for_hazard(client, users, firm, hazard.hazard_id).status_code == 201, timeout=120)
    officer = users.county()
    case_ids = [cases_of(client, users, firm)[0]["case_id"]]
    case_ids += [client.post("/cases", headers=officer, json={
        "enterprise_id": firm, "origin": "direct", "legal_basis": BASIS, "description": "再次违法"}).json()["case_id"]
        for _ in range(times - 1)]
    for n, case_id in enumerate(case_ids):
        answer = client.post(f"/cases/{case_id}/penalties", headers=officer, json={
            "decision_no": f"罚{unique}-{firm[:8]}-{n}", "legal_basis": BASIS, "enterprise_amount_yuan": "50000"})
        assert answer.status_code == 200, answer.text
    return firm


def proposals(client, users, firm) -> list[tuple[str, dict]]:
    found = []
    for listed in cases_of(client, users, firm):
        case = client.get(f"/cases/{listed['case_id']}", headers=users.county()).json()
        found += [(case["case_id"], m) for m in case["measures"] if m["kind"] == "ClosureProposed"]
    return found


def test_a_major_hazard_becoming_long_standing_after_the_penalties_is_proposed_for_closure_once(
        client, users, hazard_stream, unique, enforcement_engine):
    firm = penalised(client, users, hazard_stream, unique, times=2)
    lone = penalised(client, users, hazard_stream, unique, times=1)
    assert proposals(client, users, firm) == []  # 60 days old at the second penalty: the penalty path waits
    today = ClosureCheck(Cases(enforcement_engine))
    assert today.run_once([firm, lone]) == []

    later = ClosureCheck(Cases(enforcement_engine, clock=lambda: LATER))
    proposed = later.run_once([firm, lone])
    latest_penalised = cases_of(client, users, firm)[0]["case_id"]  # newest first: the second case
    assert proposed == [latest_penalised]
    [(case_id, proposal)] = proposals(client, users, firm)
    assert case_id == latest_penalised
    assert proposal["details"]["rule"] == "long_standing_major_hazard"
    assert proposal["details"]["principal_industry_ban"] is True
    assert proposal["signed_by"]["subject"] == "system:enforcement-rules"
    case = client.get(f"/cases/{case_id}", headers=users.county()).json()
    assert case["closure_status"] == "proposed" and case["principal_industry_ban"]

    assert later.run_once([firm, lone]) == []  # a second round
    assert len(proposals(client, users, firm)) == 1
    assert proposals(client, users, lone) == []  # one penalty is not 多次


def test_two_replicas_rounds_at_once_propose_once(client, users, hazard_stream, unique, enforcement_engine):
    firm = penalised(client, users, hazard_stream, unique, times=2)
    results: list[list[str]] = []
    start = threading.Barrier(2)

    def replica() -> None:
        check = ClosureCheck(Cases(enforcement_engine, clock=lambda: LATER))
        start.wait()
        results.append(check.run_once([firm]))

    threads = [threading.Thread(target=replica) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(len(r) for r in results) == [0, 1]
    assert len(proposals(client, users, firm)) == 1
